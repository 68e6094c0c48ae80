"""Stage 1's plan is already canonical when a lower bound on the tie-breaking objective, over the LP relaxation of
stage 1's model with its optimum fixed, reaches the plan's own tie value: no plan of the same total is earlier or
has fewer applications. The bound is weak duality (for any row multipliers of the right sign, the objective is at
least sum(y x row bound) + the least value of the reduced costs over the variables' boxes) evaluated in exact
integers; a small simplex in floats from stage 1's plan (tie_simplex) only proposes the multipliers, so no
floating-point number decides. Rows with enforcement literals are left out (the relaxation stays a relaxation).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from grantstack.optimizer.linear import LinearModel
from grantstack.optimizer.tie_simplex import Row, row_duals

__all__ = ["MAX_VARS", "lower_bound", "proves_canonical", "relaxation", "sharp_lower_bound"]

_DENOMINATOR = 10**9  # the multipliers are retried as the simplest fractions up to this denominator
MAX_VARS = 40  # parts with more variables are left to CP-SAT: fewer of them are canonical (random suite: 76% below 20
# variables, 37% at 20-39, 22% at 40-59, 10% above) and the simplex costs more (its steps and their size grow), so
# trying them made the random suite's plans 5% slower (in process, interleaved; at 40: no change)


def relaxation(model: LinearModel, local: dict[int, int], rows: list[int], skip_enforced: bool,
               ) -> tuple[list[int], list[int], list[Row]] | None:
    """Boxes and rows of the part's LP relaxation, in local variable numbers: a row on one variable becomes its box,
    rounded inward (the variables are integers); a row with enforcement literals is left out (`skip_enforced`: the
    relaxation stays a relaxation) or else refuses the part. None if the part is refused, a box comes out empty or
    a row on no variable is violated."""
    lbs = [model.lbs[v] for v in local]
    ubs = [model.ubs[v] for v in local]
    lp: list[Row] = []
    for r in map(model.rows.__getitem__, rows):
        if r.enforce:
            if skip_enforced:
                continue
            return None
        vs = r.vars
        if len(vs) == 2:  # most rows: written out
            lp.append(([local[vs[0]], local[vs[1]]], r.coefs, r.lb, r.ub))
        elif len(vs) > 2:
            lp.append(([*map(local.__getitem__, vs)], r.coefs, r.lb, r.ub))
        elif vs:
            if not _tighten(lbs, ubs, local[vs[0]], r.coefs[0], r.lb, r.ub):
                return None
        elif (r.lb is not None and r.lb > 0) or (r.ub is not None and r.ub < 0):
            return None
    return lbs, ubs, lp


def _tighten(lbs: list[int], ubs: list[int], v: int, c: int, lb: int | None, ub: int | None) -> bool:
    """Narrow variable v's box by the row lb <= c x v <= ub, rounded inward (the variables are integers); whether
    the box is still not empty."""
    low, high = (lb, ub) if c > 0 else (ub, lb)
    if low is not None:
        lbs[v] = max(lbs[v], -(-low // c))
    if high is not None:
        ubs[v] = min(ubs[v], high // c)
    return lbs[v] <= ubs[v]


def lower_bound(lbs: list[int], ubs: list[int], cost: dict[int, int], lp: list[Row],
                duals: Sequence[float | Fraction]) -> int:
    """The least integer that cost.x can take over the rows and boxes, as weak duality proves it from `duals`
    (any floats or fractions: each is taken as the exact rational it is, and one of the wrong sign, or on a missing
    bound, as 0)."""
    scaled: list[tuple[int, int, int]] = []  # (row, numerator, denominator)
    for i, y in enumerate(duals):
        if not math.isfinite(y) or y == 0 or (y > 0 and lp[i][2] is None) or (y < 0 and lp[i][3] is None):
            continue
        num, den = y.as_integer_ratio()
        scaled.append((i, num, den))
    common = math.lcm(*(den for _, _, den in scaled)) if scaled else 1
    d = [0] * len(lbs)  # reduced costs x common
    for j, k in cost.items():
        d[j] = k * common
    acc = 0
    for i, num, den in scaled:
        vs, cs, lb, ub = lp[i]
        y = num * (common // den)
        acc += y * (lb if y > 0 else ub)  # type: ignore[operator]
        for v, c in zip(vs, cs, strict=True):
            d[v] -= y * c
    for j, dj in enumerate(d):
        if dj:
            acc += dj * (lbs[j] if dj > 0 else ubs[j])
    return -((-acc) // common)  # ceiling: the objective is an integer


def sharp_lower_bound(lbs: list[int], ubs: list[int], cost: dict[int, int], lp: list[Row], duals: Sequence[float],
                      want: int) -> int:
    """lower_bound from the float multipliers; if that is below `want`, the better of it and the bound from the
    simplest fractions near them (up to _DENOMINATOR): at the LP's optimum, often integral, a float's last bit
    decides."""
    bound = lower_bound(lbs, ubs, cost, lp, duals)
    if bound >= want:
        return bound
    near = [Fraction(y).limit_denominator(_DENOMINATOR) if y else y for y in duals]
    return max(bound, lower_bound(lbs, ubs, cost, lp, near))


def proves_canonical(model: LinearModel, local: dict[int, int], rows: list[int], total: dict[int, int], best: int,
                     tie: dict[int, int], values: list[int]) -> bool:
    """Whether no plan of the part (its variables' local numbers, its rows; total, tie and values in local numbers)
    with total >= best has a smaller tie value than `values`, stage 1's plan."""
    mine = sum(k * values[j] for j, k in tie.items())
    variables = [*local]
    if sum(k * model.lbs[variables[j]] if k > 0 else k * model.ubs[variables[j]] for j, k in tie.items()) >= mine:
        return True  # the least value the boxes allow
    if len(variables) > MAX_VARS:
        return False
    relaxed = relaxation(model, local, rows, skip_enforced=True)
    if relaxed is None:
        return False
    lbs, ubs, lp = relaxed
    lp.append(([v for v, k in total.items() if k], tuple(k for k in total.values() if k), best, None))
    duals = row_duals(lbs, ubs, tie, lp, values, mine - 1.5)
    if duals is None:
        return False
    return sharp_lower_bound(lbs, ubs, tie, lp, duals, mine) >= mine  # the LP's optimum is often stage 1's plan
