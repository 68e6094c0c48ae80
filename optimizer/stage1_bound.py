"""Stage 1 of a small part without CP-SAT: a plan is optimal when its total reaches an upper bound on every plan's
total. The plan is the LP relaxation's optimum, found by a small simplex in floats (tie_simplex, after a first phase
that makes its start feasible), rounded to integers and checked against every row of the part in exact integers;
the bound is weak duality over the relaxation, evaluated in exact integers from the simplex's multipliers
(tie_bound.lower_bound). The floats only propose the plan and the multipliers: no floating-point number decides.
A part with a row under enforcement literals, or of more than MAX_VARS variables, or that the certificate does not
prove, is solved by CP-SAT as before. The plan proven may be another optimum than the one CP-SAT would return; the
tie-breaking stages start from it, so a final plan can differ from CP-SAT's only among plans of the same total,
earliness and number of applications. Pure Python, no state: the same part gives the same plan.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from operator import mul
from typing import Any

from grantstack.optimizer.linear import LinearModel
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.tie_bound import relaxation, sharp_lower_bound
from grantstack.optimizer.tie_simplex import Row, row_duals

__all__ = ["MAX_VARS", "proven_optimum", "stage_one"]

MAX_VARS = 70  # parts with more variables are left to CP-SAT (measured: see notes/issue-12-percall.md, session 10)
_STEPS = 300  # simplex steps per phase before giving up
Outcome = tuple[SolveStatus, list[int], int | None, int | None, float]  # status, values, objective, bound, work


def _satisfies(lp: list[Row], values: list[int]) -> bool:
    """Whether integer values within the relaxation's boxes satisfy every row of the part, exactly: the rows on two
    or more variables are `lp`'s, and a row on one variable is its box (rounded inward: the same integers)."""
    get = values.__getitem__
    for vs, cs, lb, ub in lp:
        act = sum(map(mul, cs, map(get, vs)))
        if (lb is not None and act < lb) or (ub is not None and act > ub):
            return False
    return True


def _repaired(lbs: list[int], ubs: list[int], lp: list[Row]) -> list[int]:
    """The point nearest 0 in the boxes, with each row it violates mended by moving one of its variables where that
    breaks no other row (most such rows: an event happens in exactly one year): fewer rows for the first phase."""
    x = [lo if lo > 0 else hi if hi < 0 else 0 for lo, hi in zip(lbs, ubs, strict=True)]
    get = x.__getitem__
    acts = [sum(map(mul, cs, map(get, vs))) for vs, cs, _, _ in lp]
    rows_of: list[list[tuple[int, int]]] | None = None
    for i, (vs, cs, lb, ub) in enumerate(lp):
        short = lb - acts[i] if lb is not None and acts[i] < lb else ub - acts[i] if ub is not None and acts[i] > ub \
            else 0
        if not short:
            continue
        if rows_of is None:
            rows_of = [[] for _ in x]
            for k, (ws, ds, _, _) in enumerate(lp):
                for w, d in zip(ws, ds, strict=True):
                    rows_of[w].append((k, d))
        for v, c in zip(vs, cs, strict=True):
            if short % c:
                continue
            move = short // c
            if not lbs[v] <= x[v] + move <= ubs[v]:
                continue
            if all((lp[k][2] is None or acts[k] + d * move >= lp[k][2]) and
                   (lp[k][3] is None or acts[k] + d * move <= lp[k][3]) for k, d in rows_of[v] if k != i):
                x[v] += move
                for k, d in rows_of[v]:
                    acts[k] += d * move
                break
    return x


def _lp_optimum(lbs: list[int], ubs: list[int], cost: dict[int, int], lp: list[Row],
                ) -> tuple[list[float], list[float]] | None:
    """The simplex's optimum and its row multipliers: a first phase from the point nearest 0 in the boxes, with one
    artificial variable on each row it violates (minimising their sum), then the objective from the point found."""
    n = len(lbs)
    start = _repaired(lbs, ubs, lp)
    need: list[int] = []  # the artificial variables' initial values
    first: list[Row] = []
    for vs, cs, lb, ub in lp:
        act = sum(c * start[v] for v, c in zip(vs, cs, strict=True))
        if lb is not None and act < lb:
            first.append(([*vs, n + len(need)], (*cs, 1), lb, ub))
            need.append(lb - act)
        elif ub is not None and act > ub:
            first.append(([*vs, n + len(need)], (*cs, -1), lb, ub))
            need.append(act - ub)
        else:
            first.append((vs, cs, lb, ub))
    point: list[float] = []
    begin: list[int] | list[float] = start
    if need:
        k = len(need)
        if row_duals([*lbs, *[0] * k], [*ubs, *need], {n + i: 1 for i in range(k)}, first, [*start, *need], -math.inf,
                     _STEPS, point) is None or any(x > 1e-9 for x in point[n:]):
            return None
        begin = point[:n]
    duals = row_duals(lbs, ubs, cost, lp, begin, -math.inf, _STEPS, point)
    return None if duals is None else (point, duals)


def proven_optimum(model: LinearModel, variables: list[int], rows: list[int], total: dict[int, int],
                   ) -> list[int] | None:
    """A plan of the part (values of `variables`, in order) whose total (coefficients by local number) is proven
    the largest any plan of the part can have, or None (no certificate: leave the part to CP-SAT)."""
    local = {v: i for i, v in enumerate(variables)}
    relaxed = relaxation(model, local, rows, skip_enforced=False)  # with its rows' big-M linearisations the
    # certificate proved a third of the parts with enforced rows (typical 3 of 8, random 15 of 45), and trying them
    # cost more than it saved: such a part is left to CP-SAT
    if relaxed is None:
        return None
    lbs, ubs, lp = relaxed
    cost = {j: -k for j, k in total.items() if k}
    got = _lp_optimum(lbs, ubs, cost, lp)
    if got is None:
        return None
    point, duals = got
    nearest = [min(max(round(x), lo), hi) for x, lo, hi in zip(point, lbs, ubs, strict=True)]
    up = [min(max(math.ceil(x - 1e-9), lo), hi) if hi - lo == 1 else r  # a fractional boolean rounded up
          for x, r, lo, hi in zip(point, nearest, lbs, ubs, strict=True)]
    tried = [(sum(k * values[j] for j, k in total.items()), values) for values in (nearest, up)]
    # no plan has a larger total than bound
    bound = -sharp_lower_bound(lbs, ubs, cost, lp, duals, -max(t for t, _ in tried))
    for t, values in tried:
        if t == bound and _satisfies(lp, values):
            return values
    return None


def stage_one(model: LinearModel, variables: list[int], rows: list[int], total: dict[int, int], proto: Any,
              run: Callable[[Any, dict[str, Any] | None, str, float | None], Outcome]) -> Outcome:
    """Stage 1 of a part as the runner's outcome: (status, values, objective, bound, work); proven by the
    certificate without a solver call where it can be (a part of at most MAX_VARS variables), else CP-SAT's."""
    if len(variables) <= MAX_VARS:
        values = proven_optimum(model, variables, rows, total)
        if values is not None:
            best = sum(k * values[j] for j, k in total.items())
            return SolveStatus.OPTIMAL, values, best, best, 0.0
    return run(proto, None, "stage 1", None)
