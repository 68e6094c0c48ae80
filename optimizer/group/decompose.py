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


def solve_decomposed(p: GroupProblem, forbid: Iterable[tuple[str, Slot]] = (), forbid_district: str | None = None,
                     max_iterations: int = 10_000) -> Outcome:
    """The best placement (units to slots) and district, with values proven per entity; see the module doc."""
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
        lo, proven, new_cut = Fraction(0), True, False
        for s in live:
            if s.new and s.district != sol.district:
                continue
            subset = frozenset(u for u, where in sol.placement.items() if where == s)
            v = p.models[s].value(subset)
            if not v.feasible:
                raise RuntimeError(f"{s.key} has no legal plan with {sorted(subset)}, though each unit alone has")
            lo += v.lo
            proven &= v.lo == v.hi
            new_cut |= v.hi < sol.theta[s]
        if best is None or lo > best[0]:
            best = (lo, proven, sol.placement, sol.district)
        if best[0] >= bound:
            status = SolveStatus.OPTIMAL if best[1] else SolveStatus.FEASIBLE
            break
        if not new_cut:
            break
    assert best is not None
    return Outcome(status, best[2], best[3], best[0], max(bound, best[0]), it, time.perf_counter() - t0)
