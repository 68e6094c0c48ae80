"""Plan a group: choose placements and the new entity's district, then each entity's canonical plan, checked.

Method `decompose` (default) searches placements exactly with each entity solved on its own
(optimizer/group/decompose.py); `merged` puts every entity into one CP-SAT model (optimizer/group/merged.py),
the only exact method when group limits couple the entities' applications.
"""

from __future__ import annotations

import time
from typing import Any, Literal

from grantstack.models.catalogue import Catalogue
from grantstack.models.errors import InputError
from grantstack.models.group import Group
from grantstack.models.group_check import check_group_plan, entity_slots
from grantstack.models.group_expand import Slot, entity_firm, horizon_problems
from grantstack.models.group_options import GroupOptions
from grantstack.models.group_plan import GroupPlan
from grantstack.models.options import PlanOptions
from grantstack.models.plan import Plan
from grantstack.optimizer.group.alternatives import placement_values
from grantstack.optimizer.group.decompose import Outcome, preferences, solve_decomposed
from grantstack.optimizer.group.problem import GroupProblem
from grantstack.optimizer.group.readings import reading, relevant_flips
from grantstack.optimizer.group.result import EntityResult, GroupPlanResult
from grantstack.optimizer.result import PlanResult, SolveStatus
from grantstack.optimizer.solve import plan

__all__ = ["Method", "Searcher", "plan_group"]

Method = Literal["auto", "decompose", "merged"]


class Searcher:
    """One group under one reading, solved by one method; keeps its work across re-solves."""

    def __init__(self, catalogue: Catalogue, group: Group, years: tuple[int, int], options: PlanOptions,
                 group_options: GroupOptions, method: str, cache: dict[str, Any] | None = None) -> None:
        self.method = method
        if method == "merged":
            from grantstack.optimizer.group.merged import MergedProblem

            self.problem: GroupProblem | MergedProblem = MergedProblem.build(catalogue, group, years, options,
                                                                            group_options)
        else:
            self.problem = GroupProblem.build(catalogue, group, years, options, group_options, cache)

    def __call__(self, forbid: list[tuple[str, Slot]] | None = None, district: str | None = None,
                 base: GroupPlan | None = None) -> Outcome:
        """The best placement with these choices forbidden; among optimal ones, the closest to `base`'s."""
        if self.method == "merged":
            return self.problem.solve(forbid or [], district)  # type: ignore[union-attr]
        p = self.problem
        prefer = preferences(p, base.placements, base.district) if base is not None else None  # type: ignore[arg-type]
        return solve_decomposed(p, forbid or [], district, prefer=prefer)  # type: ignore[arg-type]


def _method(group: Group, method: Method) -> str:
    if method == "auto":
        return "merged" if group.limits.any() else "decompose"
    if method == "decompose" and group.limits.any():
        raise InputError(f"group '{group.id}': its limits (applications or effort a year across the group) couple "
                         "the entities' plans, so it cannot be solved entity by entity; use method merged (or auto).")
    return method


def _entity_plans(s: Searcher, catalogue: Catalogue, group: Group, years: tuple[int, int], o: Outcome,
                  options: PlanOptions, group_options: GroupOptions, base: GroupPlan | None, readings: bool,
                  ) -> tuple[dict[str, str], list[EntityResult]]:
    """Each entity's canonical plan under the placement (or decoded from the merged model, with group limits), with
    its own value at stake (its placement fixed) if `readings`."""
    units = {u.id: u for u in s.problem.units}
    placements = {i: slot.entity for uid, slot in o.placement.items() for i in units[uid].items}
    decoded = s.problem.decoded(o) if s.method == "merged" and group.limits.any() else {}  # type: ignore[union-attr]
    out = []
    for slot in entity_slots(group, o.district):
        firm = entity_firm(group, slot, placements, group_options)
        r = decoded.get(slot.entity) or plan(catalogue, firm, years, options, readings=readings,
                                             base=base.plan_of(slot.entity) if base else None)
        items = tuple(i for i, e in placements.items() if e == slot.entity)
        out.append(EntityResult(entity=slot.entity, district=slot.district, new=slot.new, items=items, result=r))
    return placements, out


def plan_group(catalogue: Catalogue, group: Group, years: tuple[int, int] = (2025, 2029),
               options: PlanOptions | None = None, group_options: GroupOptions | None = None, *,
               method: Method = "auto", alternatives: bool = True, readings: bool = True,
               base: GroupPlan | None = None) -> GroupPlanResult:
    """The group's best legal plan: placements, the new entity's district and every entity's plan; OPTIMAL only
    if proven. `alternatives` values each placement by one re-solve that forbids it; `readings` re-solves the
    group under each relevant group or interpretation reading (value at stake; optimizer/group/readings.py) and gives
    each entity's plan its own readings. With `base` (the plan of a base scenario),
    each entity's plan is the one closest to its plan there (canonical stage 4)."""
    options = options or PlanOptions()
    group_options = group_options or GroupOptions()
    problems = horizon_problems(group, years)
    if problems:
        raise InputError(f"group '{group.id}': {problems[0]}.")
    how = _method(group, method)
    t0 = time.perf_counter()
    search = Searcher(catalogue, group, years, options, group_options, how)
    best = search(base=base)
    t1 = time.perf_counter()
    stats: dict[str, float] = {"build_seconds": round(search.problem.seconds, 4),
                               "search_seconds": round(best.seconds, 4), "iterations": best.iterations}
    notes = list(search.problem.notes)
    if best.status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return GroupPlanResult(status=best.status, group=group.id, years=years, method=how, options=options,
                               group_options=group_options, stats=stats, notes=tuple(notes))
    placements, entities = _entity_plans(search, catalogue, group, years, best, options, group_options, base,
                                         readings)
    results = [e.result for e in entities]
    gp = GroupPlan(group=group.id, years=years, district=best.district, placements=placements,
                   plans=tuple(e.result.plan or Plan(firm=e.entity, years=years) for e in entities))
    violations = check_group_plan(catalogue, group, gp, options, group_options)
    t2 = time.perf_counter()
    objective = sum(r.objective or 0.0 for r in results)
    status = _status(best, results, objective, float(best.value), notes)
    bound = max(float(best.bound), objective)
    values = placement_values(search, best, objective, search.problem.units, search.problem.allowed, group) \
        if alternatives else []
    t3 = time.perf_counter()
    flips = []
    if readings:
        for f in relevant_flips(catalogue, group, years, options, group_options, search.problem.allowed):
            t = time.perf_counter()
            try:
                other = Searcher(catalogue, group, years, f.options, f.group_options, how,
                                 getattr(search.problem, "cache", None))
            except InputError as exc:  # a reading this method cannot model: said, not fatal
                notes.append(f"group reading {f.option}: not re-solved: {exc}")
                continue
            flips.append(reading(f, other(), objective, time.perf_counter() - t))
    t4 = time.perf_counter()
    stats.update(search.problem.stats())
    stats.update({"placement_seconds": round(t1 - t0, 4), "plans_seconds": round(t2 - t1, 4),
                  "alternatives_seconds": round(t3 - t2, 4), "readings_seconds": round(t4 - t3, 4),
                  "entities": len(entities), "units": len(search.problem.units)})
    return GroupPlanResult(
        status=status, group=group.id, years=years, method=how, plan=gp, total_yuan=gp.total, objective=objective,
        best_bound=bound, gap=max(0.0, bound - objective) / max(1.0, abs(bound)), entities=tuple(entities),
        placements=tuple(values), readings=tuple(flips), violations=tuple(violations), options=options,
        group_options=group_options, stats=stats, notes=tuple(notes))


def _status(best: Outcome, results: list[PlanResult], objective: float, searched: float, notes: list[str],
            ) -> SolveStatus:
    """OPTIMAL only if the search proved the placement and every entity's plan is proven at the searched value."""
    if best.status != SolveStatus.OPTIMAL or any(r.status != SolveStatus.OPTIMAL for r in results):
        return SolveStatus.FEASIBLE
    if abs(objective - searched) > 1e-6 * max(1.0, abs(searched)):
        notes.append(f"the entities' plans total {objective:,.0f} but the search proved {searched:,.0f}; "
                     "the plan is reported as not proven")
        return SolveStatus.FEASIBLE
    return SolveStatus.OPTIMAL
