"""Implied rows, on the large parts of a model: the ladders' totals, and where some terms of a row all need one literal,
those terms are at most the row's limit times it.

The rule modules state that an application needs a literal (its event or project start in the anchor year, the
policy's 'uses' literal of a most-favourable group, a 'pays in year y' literal) as rows `b - l <= 0`. A row
`sum a_v v <= r` with nonnegative terms (a cap, 'at most one' of a slot, a run or a window) then implies, for
each such literal l and the terms T of the row whose variables need l (an application b, or its amount x, which
is 0 unless b), `sum_T a_v v <= min(r, sum_T a_v ub_v) * l`: if l is 0 every term of T is 0, if it is 1 the
other terms are not negative. Every plan satisfies it, so the plans are the same; the LP relaxation, where an
event half in one year and half in another lets its applications of both years count half each against
separate limits, is tighter. The ladders' totals (rules/ladders.py `totals`) are added first, and scaled too.

Only on parts of at least IMPLIED_AT variables (xl; none on the smaller stored suites): stage 1's deterministic work
on the 12 xl instances 1.744 -> 0.708 in all, xl-s11 0.546 -> 0.150 (root gap 4.8% -> 0.7% in the LP relaxation).
On the small parts CP-SAT's own cuts close the gap in a few milliseconds, and the rows would change which of several
equally ranked canonical plans (same total, earliness and applications) the solver returns.
"""

from __future__ import annotations

from collections import defaultdict

from grantstack.optimizer.context import Build
from grantstack.optimizer.linear import LinearModel, components
from grantstack.optimizer.rules import ladders

__all__ = ["IMPLIED_AT", "add"]

IMPLIED_AT = 400  # parts of at least this many variables get the implied rows (xl: 415-1804; large: at most 338)


def _needs(model: LinearModel) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Literal -> the booleans that need it (rows b - l <= 0), and amount -> its application (rows x - ub*b <= 0,
    ub the amount's upper bound)."""
    needed: dict[int, list[int]] = defaultdict(list)
    owner: dict[int, int] = {}
    lbs, ubs = model.lbs, model.ubs
    for r in model.rows:
        if len(r.vars) != 2 or r.enforce or r.lb is not None or r.ub != 0:
            continue
        (v, w), (c, d) = r.vars, r.coefs
        if c != 1 or lbs[v] < 0 or lbs[w] != 0 or ubs[w] != 1:
            continue
        if d == -1 and ubs[v] == 1:
            needed[w].append(v)
        elif d == -ubs[v]:
            owner[v] = w
    return needed, owner


def add(b: Build) -> None:
    """For every row of nonnegative terms with an upper limit and every literal that some of its terms need, the row
    on those terms scaled by the literal, where that is tighter than the terms' own bounds."""
    model = b.model
    if not b.encoding.implied_rows or model.num_vars < IMPLIED_AT:
        return
    large = {v for vs, _ in components(model)[0] if len(vs) >= IMPLIED_AT for v in vs}
    if not large:
        return
    for cs, t, tag in ladders.totals(b):
        if any(c.b in large for c in cs):
            model.add(*b.amounts(cs), ub=t, tag=tag)
    needed, owner = _needs(model)
    needs: dict[int, list[int]] = defaultdict(list)  # variable -> the literals it needs
    for lit, vs in needed.items():
        for v in vs:
            needs[v].append(lit)
    lbs, ubs = model.lbs, model.ubs
    for r in list(model.rows):
        if r.enforce or r.lb is not None or r.ub is None or len(r.vars) < 2:
            continue
        if any(c < 0 for c in r.coefs) or any(lbs[v] < 0 for v in r.vars) or not any(v in large for v in r.vars):
            continue
        groups: dict[int, tuple[list[int], list[int]]] = {}
        for v, c in zip(r.vars, r.coefs, strict=True):
            for lit in needs.get(owner.get(v, v), ()):
                vs, cs = groups.setdefault(lit, ([], []))
                vs.append(v)
                cs.append(c)
        for lit, (vs, cs) in sorted(groups.items()):
            most = sum(c * ubs[v] for v, c in zip(vs, cs, strict=True))
            if most <= r.ub or lit in r.vars:
                continue
            model.add([*vs, lit], [*cs, -r.ub], ub=0, tag=f"implied {r.tag} needs {model.names[lit]}")
