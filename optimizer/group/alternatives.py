"""What each placement choice is worth: the group re-solved with the chosen carrier (or district) forbidden, and the
group re-solved under each relevant group reading (value at stake)."""

from __future__ import annotations

import time
from collections.abc import Callable

from grantstack.models.catalogue import Catalogue
from grantstack.models.group import Group
from grantstack.models.group_expand import Slot, Unit
from grantstack.models.group_options import GroupOptions
from grantstack.optimizer.group.decompose import Outcome
from grantstack.optimizer.group.result import GroupReading, PlacementValue
from grantstack.optimizer.result import SolveStatus

__all__ = ["Search", "placement_values", "relevant_readings"]

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


def _reads_moving_in(data: object) -> bool:
    """True if a measure's data tests a move into the district (from outside Beijing, or the date of moving in)."""
    if isinstance(data, dict):
        if data.get("kind") == "moved_from_outside_beijing" or "moved_in" in (data.get("field"), data.get("anchor")):
            return True
        return any(_reads_moving_in(v) for v in data.values())
    if isinstance(data, list | tuple):
        return any(_reads_moving_in(v) for v in data)
    return False


def relevant_readings(catalogue: Catalogue, group: Group, options: GroupOptions) -> list[tuple[str, GroupOptions]]:
    """Group readings whose other value could change this group's plan, with the options to re-solve under: moving
    started projects if one has another carrier; the new entity introduced from outside Beijing if a measure open
    to it in one of its districts tests a move into the district."""
    out = []
    started = [p for p in group.placeable_projects if p.started_by is not None and len(p.carriers) > 1]
    if started:
        out.append(("move_started_projects", options.model_copy(
            update={"move_started_projects": not options.move_started_projects})))
    ne = group.new_entity
    if ne is not None and any((m.district is None or m.district in ne.districts) and _reads_moving_in(m.model_dump())
                              for m in catalogue.measures):
        out.append(("new_entity_introduced", options.model_copy(
            update={"new_entity_introduced": not options.new_entity_introduced})))
    return out


def reading(name: str, flipped: GroupOptions, outcome: Outcome, objective: float) -> GroupReading:
    """The value at stake of one reading from its re-solve."""
    feasible = outcome.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    value = float(outcome.value) if feasible else None
    return GroupReading(option=name, reading=str(getattr(flipped, name)).lower(), objective=value,
                        difference=None if value is None else value - objective, status=outcome.status)
