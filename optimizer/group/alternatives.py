"""What each placement choice is worth: the group re-solved with the chosen carrier (or district) forbidden."""

from __future__ import annotations

import time
from collections.abc import Callable

from grantstack.models.group import Group
from grantstack.models.group_expand import Slot, Unit
from grantstack.optimizer.group.decompose import Outcome
from grantstack.optimizer.group.result import PlacementValue
from grantstack.optimizer.result import SolveStatus

__all__ = ["Search", "placement_values"]

Search = Callable[[list[tuple[str, Slot]], str | None], Outcome]
"""Re-solve with (unit, slot) pairs and a district forbidden."""


def _where(o: Outcome, s: Slot | None) -> str | None:
    return None if s is None else s.entity


def placement_values(search: Search, best: Outcome, objective: float, units: tuple[Unit, ...],
                     allowed: dict[str, tuple[Slot, ...]], group: Group) -> list[PlacementValue]:
    """One re-solve per placement with an alternative, and one for the district if there is a choice."""
    out = []
    for u in units:
        chosen = best.placement[u.id]
        others = tuple(dict.fromkeys(s.entity for s in allowed[u.id]))
        if len(others) < 2:
            out.append(PlacementValue(kind="unit", item=u.id, items=u.items, chosen=chosen.entity, options=others))
            continue
        t0 = time.perf_counter()
        forbid = [(u.id, s) for s in allowed[u.id] if s.entity == chosen.entity]
        alt = search(forbid, None)
        out.append(_value("unit", u.id, u.items, chosen.entity, others, alt, objective,
                          _where(alt, alt.placement.get(u.id)), time.perf_counter() - t0))
    ne = group.new_entity
    if ne is not None and best.district is not None:
        if len(ne.districts) < 2:
            out.append(PlacementValue(kind="district", item=ne.firm.id, chosen=best.district, options=ne.districts))
        else:
            t0 = time.perf_counter()
            alt = search([], best.district)
            out.append(_value("district", ne.firm.id, (), best.district, ne.districts, alt, objective,
                              alt.district, time.perf_counter() - t0))
    return out


def _value(kind: str, item: str, items: tuple[str, ...], chosen: str, others: tuple[str, ...], alt: Outcome,
           objective: float, where: str | None, seconds: float) -> PlacementValue:
    feasible = alt.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    without = float(alt.value) if feasible else None
    return PlacementValue(
        kind=kind, item=item, items=items, chosen=chosen, options=others, best_alternative=where if feasible else None,
        objective_without=without, value=None if without is None else objective - without, status=alt.status,
        seconds=round(seconds, 4))  # type: ignore[arg-type]
