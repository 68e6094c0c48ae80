"""Exact placement search by decomposition: a master over placements, each entity solved on its own.

Loop: the master proposes the placement with the best optimistic value; each entity's value under it is
computed exactly (a CP-SAT proof on that entity's model alone, cached); the best placement found so far is the
incumbent; every new value adds a cut. It stops when the incumbent reaches the master's bound, which is then
a proof that no placement is better (OPTIMAL), or when no new cut can be added (an entity's value not proven
within its budget) or the iteration budget runs out, with the bound it has (FEASIBLE, gap reported). Every
budget is deterministic; the wall-clock safety limit (time_limit) stops the run with an error instead.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from grantstack.models.group_expand import Slot
from grantstack.optimizer.group.master import solve_master
from grantstack.optimizer.group.problem import GroupProblem
from grantstack.optimizer.result import SolveStatus

__all__ = ["Outcome", "solve_decomposed"]


@dataclass(frozen=True)
class Outcome:
    """The best placement found, its value and the proven bound (yuan of objective), and how the search went."""

    status: SolveStatus
    placement: dict[str, Slot]
    district: str | None
    value: Fraction
    bound: Fraction
    iterations: int
    seconds: float


def _restricted(p: GroupProblem, forbid: Iterable[tuple[str, Slot]], forbid_district: str | None,
                ) -> dict[str, tuple[Slot, ...]]:
    banned = set(forbid)
    return {u: tuple(s for s in ss if (u, s) not in banned and not (s.new and s.district == forbid_district))
            for u, ss in p.allowed.items()}


def preferences(p: GroupProblem, base: dict[str, str] | None = None, district: str | None = None,
                ) -> dict[tuple[str, Slot], int]:
    """Weights that break ties between optimal placements: first the base placement (entity per item) and district,
    then the order in which the file lists a unit's carriers and the new entity's districts."""
    big = 1 + sum(len(ss) for ss in p.allowed.values())
    out: dict[tuple[str, Slot], int] = {}
    for u in p.units:
        order = list(u.carriers)
        for s in p.allowed[u.id]:
            out[(u.id, s)] = (len(order) - order.index(s.entity)) + (big if base and base.get(u.id) == s.entity else 0)
    ne = p.group.new_entity
    if ne is not None:
        for i, d in enumerate(ne.districts):
            out[("", Slot("", d, True))] = (len(ne.districts) - i) + (big * big if d == district else 0)
    return out


def _evaluate(p: GroupProblem, live: list[Slot], placement: dict[str, Slot], district: str | None,
              theta: dict[Slot, Fraction]) -> tuple[Fraction, bool, bool]:
    """The exact value of a placement (entity by entity, cached), whether proven, and whether a cut is new."""
    lo, proven, new_cut = Fraction(0), True, False
    for s in live:
        if s.new and s.district != district:
            continue
        subset = frozenset(u for u, where in placement.items() if where == s)
        v = p.models[s].value(subset)
        if not v.feasible:
            raise RuntimeError(f"{s.key} has no legal plan with {sorted(subset)}, though each unit alone has")
        lo += v.lo
        proven &= v.lo == v.hi
        new_cut |= v.hi < theta[s]
    return lo, proven, new_cut


def solve_decomposed(p: GroupProblem, forbid: Iterable[tuple[str, Slot]] = (), forbid_district: str | None = None,
                     max_iterations: int = 10_000, prefer: dict[tuple[str, Slot], int] | None = None) -> Outcome:
    """The best placement (units to slots) and district, with values proven per entity; see the module doc.
    Among optimal placements the most preferred is returned (`prefer`, by default the carriers' order)."""
    t0 = time.perf_counter()
    allowed = _restricted(p, forbid, forbid_district)
    live = [s for s in p.models if not (s.new and s.district == forbid_district)]
    if p.broken or (p.group.new_entity is not None and not any(s.new for s in live)):
        return Outcome(SolveStatus.INFEASIBLE, {}, None, Fraction(0), Fraction(0), 0, time.perf_counter() - t0)
    theta_ub = {s: p.theta_ub(s) for s in live}
    best: tuple[Fraction, bool, dict[str, Slot], str | None] | None = None
    bound = sum(theta_ub.values())
    it = 0
    status = SolveStatus.FEASIBLE
    while it < max_iterations:
        it += 1
        sol = solve_master(allowed, live, p.cuts(), theta_ub, p.clock.params())
        if sol is None:
            return Outcome(SolveStatus.INFEASIBLE, {}, None, Fraction(0), Fraction(0), it, time.perf_counter() - t0)
        bound = min(bound, sol.bound)
        lo, proven, new_cut = _evaluate(p, live, sol.placement, sol.district, sol.theta)
        if best is None or lo > best[0]:
            best = (lo, proven, sol.placement, sol.district)
        if best[0] >= bound:
            status = SolveStatus.OPTIMAL if best[1] else SolveStatus.FEASIBLE
            break
        if not new_cut:
            break
    assert best is not None
    if status == SolveStatus.OPTIMAL:  # the canonical placement: the most preferred among the optimal ones
        weights = prefer if prefer is not None else preferences(p)
        while it < max_iterations:
            it += 1
            sol = solve_master(allowed, live, p.cuts(), theta_ub, p.clock.params(), floor=best[0], prefer=weights)
            assert sol is not None  # the incumbent itself reaches the floor
            lo, proven, _ = _evaluate(p, live, sol.placement, sol.district, sol.theta)
            if lo >= best[0]:
                best = (lo, proven, sol.placement, sol.district)
                break
    return Outcome(status, best[2], best[3], best[0], max(bound, best[0]), it, time.perf_counter() - t0)
