"""Value at stake for a group: the whole group re-solved (placements, district and every entity's plan) under each
reading that could change its plan: a group option's other value, an interpretation option's other value (read
for every entity alike) that touches a candidate of some entity wherever a unit may go, and every generous
reading at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from grantstack.models.catalogue import Catalogue
from grantstack.models.group import Group
from grantstack.models.group_expand import Slot, entity_firm, slots
from grantstack.models.group_options import GroupOptions
from grantstack.models.options import GENEROUS, OPTION_NAMES, PlanOptions, option_values
from grantstack.optimizer.group.decompose import Outcome
from grantstack.optimizer.group.result import GroupReading
from grantstack.optimizer.readings import ALL_GENEROUS
from grantstack.optimizer.readings import relevant_readings as firm_readings
from grantstack.optimizer.result import SolveStatus

__all__ = ["Flip", "reading", "relevant_flips"]

Kind = Literal["group", "interpretation", "all_generous"]
GROUP_GENEROUS: dict[str, bool] = {"move_started_projects": True, "new_entity_introduced": True}
"""The generous value of each group option."""


@dataclass(frozen=True)
class Flip:
    """One reading to re-solve the group under: its name, value shown, kind, and the options it gives."""

    option: str
    reading: str
    kind: Kind
    options: PlanOptions
    group_options: GroupOptions


def _shown(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _reads_moving_in(data: object) -> bool:
    """True if a measure's data tests a move into the district (from outside Beijing, or the date of moving in)."""
    if isinstance(data, dict):
        if data.get("kind") == "moved_from_outside_beijing" or "moved_in" in (data.get("field"), data.get("anchor")):
            return True
        return any(_reads_moving_in(v) for v in data.values())
    if isinstance(data, list | tuple):
        return any(_reads_moving_in(v) for v in data)
    return False


def _group_names(catalogue: Catalogue, group: Group) -> list[str]:
    """Group options that could change this group's plan: moving started projects if one has another carrier;
    the new entity introduced from outside Beijing if a measure open to it in one of its districts (or the
    city's) tests a move into the district."""
    out = []
    if any(p.started_by is not None and len(p.carriers) > 1 for p in group.placeable_projects):
        out.append("move_started_projects")
    ne = group.new_entity
    if ne is not None and any((m.district is None or m.district in ne.districts) and _reads_moving_in(m.model_dump())
                              for m in catalogue.measures):
        out.append("new_entity_introduced")
    return out


def _interpretation_readings(catalogue: Catalogue, group: Group, years: tuple[int, int], options: PlanOptions,
                             group_options: GroupOptions, allowed: dict[str, tuple[Slot, ...]],
                             ) -> list[tuple[str, object]]:
    """(option, other value) for every interpretation reading that touches a candidate of some slot's firm with
    every unit it may carry (optimizer/readings.py decides it firm by firm), in documentation order."""
    found: set[tuple[str, object]] = set()
    for s in slots(group):
        present = [uid for uid, where in allowed.items() if s in where]
        firm = entity_firm(group, s, {}, group_options, present=present)
        found |= {(name, value) for name, value, _ in firm_readings(catalogue, firm, years, options)}
    return sorted(found, key=lambda nv: (OPTION_NAMES.index(nv[0]), option_values(nv[0]).index(nv[1])))


def relevant_flips(catalogue: Catalogue, group: Group, years: tuple[int, int], options: PlanOptions,
                   group_options: GroupOptions, allowed: dict[str, tuple[Slot, ...]]) -> list[Flip]:
    """Every reading to re-solve the group under, and every generous reading at once when more than one is
    relevant and that set differs from the plan's."""
    out = []
    for name in _group_names(catalogue, group):
        flipped = group_options.model_copy(update={name: not getattr(group_options, name)})
        out.append(Flip(name, _shown(getattr(flipped, name)), "group", options, flipped))
    interp = options.interpretation
    relevant = _interpretation_readings(catalogue, group, years, options, group_options, allowed)
    for name, value in relevant:
        out.append(Flip(name, _shown(value), "interpretation", _with(options, {name: value}), group_options))
    gen_i = {n: v for n, v in GENEROUS.items() if any(r[0] == n for r in relevant)}
    gen_g = {n: v for n, v in GROUP_GENEROUS.items() if any(f.option == n for f in out)}
    differs = any(getattr(interp, n) != v for n, v in gen_i.items()) or any(
        getattr(group_options, n) != v for n, v in gen_g.items())
    if len(gen_i) + len(gen_g) > 1 and differs:
        shown = ", ".join(f"{n}={_shown(v)}" for n, v in {**gen_g, **gen_i}.items())
        out.append(Flip(ALL_GENEROUS, shown, "all_generous", _with(options, gen_i),
                        group_options.model_copy(update=gen_g)))
    return out


def _with(options: PlanOptions, update: dict[str, object]) -> PlanOptions:
    return options.model_copy(update={"interpretation": options.interpretation.model_copy(update=update)})


def reading(flip: Flip, outcome: Outcome, objective: float, seconds: float) -> GroupReading:
    """The value at stake of one reading from its re-solve."""
    feasible = outcome.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    value = float(outcome.value) if feasible else None
    return GroupReading(option=flip.option, reading=flip.reading, kind=flip.kind, objective=value,
                        difference=None if value is None else value - objective, status=outcome.status,
                        seconds=round(seconds, 4))
