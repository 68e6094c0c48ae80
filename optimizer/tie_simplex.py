"""Row multipliers for min cost.x over rows lb <= a.x <= ub and boxes, by a small primal simplex in floats that
starts from a known feasible point (stage 1's plan): it only proposes multipliers, which tie_bound checks exactly.

The slacks s = a.x start basic, the variables nonbasic at their values (those strictly inside their box may move
either way); the condensed tableau keeps each basic variable as a combination of the nonbasic ones, and the
reduced costs of the slacks that leave the basis are the row multipliers. It gives up (None) when the objective
falls below `stop` (no certificate can follow) or after `max_steps` steps.
"""

from __future__ import annotations

import math
from operator import mul

__all__ = ["Row", "row_duals"]

Row = tuple[list[int], tuple[int, ...], int | None, int | None]  # variables, coefficients, lb, ub
_GAIN = 1e-6  # a variable whose whole room improves the objective by less is not moved
_PIVOT = 1e-11  # tableau entries below this are not pivoted on
_INF = math.inf


def row_duals(lbs: list[int], ubs: list[int], cost: dict[int, int], rows: list[Row], start: list[int] | list[float],
              stop: float, max_steps: int = 200, point: list[float] | None = None) -> list[float] | None:
    """Multipliers of the rows at the simplex optimum from `start` (a feasible point), or None (see the module);
    `point`, if given, receives the optimum's variable values (stage1_bound)."""
    n, m = len(lbs), len(rows)
    table: list[dict[int, float]] = []  # ints until pivoted
    get = start.__getitem__
    val: list[float] = [*start]
    lo: list[float] = [*lbs]
    hi: list[float] = [*ubs]
    for vs, cs, lb, ub in rows:
        if len(vs) == 2:  # most rows (links, anchors, uses): written out, a third of the general case's time
            u, v = vs
            a, b = cs
            table.append({u: a, v: b})
            val.append(a * start[u] + b * start[v])
        else:
            table.append(dict(zip(vs, cs)))  # noqa: B905 (rows are pairs of equal lengths)
            val.append(sum(map(mul, cs, map(get, vs))))
        lo.append(-_INF if lb is None else lb)
        hi.append(_INF if ub is None else ub)
    d: list[float] = [0] * n
    for j, k in cost.items():
        d[j] = k
    obj: float = sum(k * start[j] for j, k in cost.items())
    nonbasic = list(range(n))
    basic = list(range(n, n + m))
    for _ in range(max_steps):
        q, up = _entering(d, nonbasic, val, lo, hi)
        if q < 0:
            if point is not None:
                point[:] = val[:n]
            return _duals(d, nonbasic, n, m)
        e = nonbasic[q]
        column = [(i, row[q]) for i, row in enumerate(table) if q in row]
        step = hi[e] - val[e] if up else val[e] - lo[e]
        r, rate = -1, 0.0
        for i, a in column:
            if not up:
                a = -a
            if -_PIVOT < a < _PIVOT:
                continue
            b = basic[i]
            room = (hi[b] - val[b]) / a if a > 0 else (lo[b] - val[b]) / a
            if room < step or (room == step and r >= 0 and abs(a) > abs(rate)):
                step, r, rate = max(room, 0.0), i, a
        if step == _INF:
            return None
        if step:
            move = step if up else -step
            val[e] += move
            for i, a in column:
                val[basic[i]] += a * move
            obj += d[q] * move
            if obj < stop:
                return None
        if r >= 0:
            _pivot(table, d, column, r, q)
            b = basic[r]
            val[b] = hi[b] if rate > 0 else lo[b]  # the bound it reached
            basic[r], nonbasic[q] = e, b
    return None


def _entering(d: list[float], nonbasic: list[int], val: list[float], lo: list[float], hi: list[float],
              ) -> tuple[int, bool]:
    """The nonbasic position with the largest improving reduced cost whose whole room would gain more than _GAIN,
    and whether it increases (-1 if none)."""
    q, up, most = -1, False, 0.0
    for k, dk in enumerate(d):
        if dk < -most:
            e = nonbasic[k]
            if -dk * (hi[e] - val[e]) > _GAIN:
                q, up, most = k, True, -dk
        elif dk > most:
            e = nonbasic[k]
            if dk * (val[e] - lo[e]) > _GAIN:
                q, up, most = k, False, dk
    return q, up


def _pivot(table: list[dict[int, float]], d: list[float], column: list[tuple[int, float]], r: int, q: int) -> None:
    """Exchange basic row r and nonbasic column q (its entries: column) in the condensed tableau (sparse rows) and
    the reduced costs."""
    old = table[r]
    p = old[q]
    new = {k: -a / p for k, a in old.items()}
    inverse = new[q] = 1.0 / p
    table[r] = new
    items = new.items()
    for i, f in column:
        if i != r:
            row = table[i]
            get = row.get
            for k, b in items:
                row[k] = get(k, 0.0) + f * b
            row[q] = f * inverse
    f = d[q]
    if f:
        for k, b in items:
            d[k] += f * b
        d[q] = f * inverse


def _duals(d: list[float], nonbasic: list[int], n: int, m: int) -> list[float]:
    """Each row's multiplier: the reduced cost of its slack if nonbasic, else 0."""
    out = [0.0] * m
    for k, e in enumerate(nonbasic):
        if e >= n:
            out[e - n] = d[k]
    return out
