"""The placement master: choose a slot for every unit (and the new entity's district) under the cuts known so far.

Each slot's value is a variable theta bounded by cuts  theta <= v(S*) + sum over units u outside S* of
bound(u) x[u]  (times the district's indicator for the new entity's slots): valid for every subset, because
adding a unit never lowers an entity's value and removing one loses at most what its own applications paid.
The master's optimum is therefore an upper bound on the group's optimum.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from math import gcd, lcm

from grantstack.models.group_expand import Slot
from grantstack.optimizer.linear import LinearModel
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.solve import solve_cpsat

__all__ = ["Cut", "MasterSolution", "solve_master"]


@dataclass(frozen=True)
class Cut:
    """theta[slot] <= const (x the slot's district indicator) + sum of coefs[unit] x[unit, slot]."""

    slot: Slot
    const: Fraction
    coefs: tuple[tuple[str, Fraction], ...]


@dataclass(frozen=True)
class MasterSolution:
    """A placement, the district chosen, each slot's theta and the master's proven bound (yuan)."""

    status: SolveStatus
    placement: dict[str, Slot]
    district: str | None
    theta: dict[Slot, Fraction]
    bound: Fraction


def common_point(values: Iterable[Fraction]) -> Fraction:
    """The largest amount of which every value is a whole multiple (1 if all are zero)."""
    num = den = 0
    for v in values:
        if v:
            num = gcd(num, v.numerator)
            den = lcm(den, v.denominator) if den else v.denominator
    return Fraction(num, den) if num else Fraction(1)


def solve_master(allowed: dict[str, tuple[Slot, ...]], slots: Iterable[Slot], cuts: Iterable[Cut],
                 theta_ub: dict[Slot, Fraction], params: dict[str, object], floor: Fraction | None = None,
                 prefer: dict[tuple[str, Slot], int] | None = None) -> MasterSolution | None:
    """The best placement under the cuts; None if no placement satisfies the placement rules. With `floor`, the
    most preferred placement (`prefer`: a weight per unit and slot, and per district as ('', Slot)) among those
    whose optimistic value reaches the floor."""
    if any(not s for s in allowed.values()):
        return None
    cuts = list(cuts)
    point = common_point([*theta_ub.values(), *(c.const for c in cuts), *(k for c in cuts for _, k in c.coefs),
                          *([floor] if floor is not None else [])])

    def units(v: Fraction) -> int:
        return int(v / point)

    m = LinearModel()
    slots = list(slots)
    districts = sorted({s.district for s in slots if s.new})
    z = {d: m.new_bool(f"district[{d}]") for d in districts}
    if z:
        m.add(list(z.values()), [1] * len(z), lb=1, ub=1, tag="one district")
    x: dict[tuple[str, Slot], int] = {}
    for u, ss in allowed.items():
        for s in ss:
            x[(u, s)] = m.new_bool(f"x[{u}@{s.key}]")
            if s.new:
                m.add([x[(u, s)], z[s.district]], [1, -1], ub=0, tag="placed with the new entity's district")
        m.add([x[(u, s)] for s in ss], [1] * len(ss), lb=1, ub=1, tag="carried by one entity")
    top = {s: max(units(theta_ub.get(s, Fraction(0))), 0) for s in slots}
    theta = {s: m.new_var(0, top[s], f"theta[{s.key}]") for s in slots}
    for c in cuts:
        if c.slot not in theta:
            continue
        vs, ks = [theta[c.slot]], [1]
        for u, k in c.coefs:
            if (u, c.slot) in x:
                vs.append(x[(u, c.slot)])
                ks.append(-units(k))
        if c.slot.new:
            vs.append(z[c.slot.district])
            ks.append(-units(c.const))
            m.add(vs, ks, ub=0, tag="cut")
        else:
            m.add(vs, ks, ub=units(c.const), tag="cut")
    for s in slots:
        if s.new:  # an unchosen district's slot is worth nothing
            m.add([theta[s], z[s.district]], [1, -top[s]], ub=0, tag="district off")
    if floor is None:
        m.maximize({v: 1 for v in theta.values()})
    else:
        m.add(list(theta.values()), [1] * len(theta), lb=units(floor), tag="optimistic value reaches the optimum")
        terms = {v: (prefer or {}).get(key, 0) for key, v in x.items()}
        terms.update({v: (prefer or {}).get(("", Slot("", d, True)), 0) for d, v in z.items()})
        m.maximize(terms)
    run = solve_cpsat(m, params)
    if run.status == SolveStatus.INFEASIBLE:
        return None
    if run.objective is None:
        raise RuntimeError(f"the placement master stopped without a placement ({run.status}); raise time_limit")
    vals = run.values
    placement = {u: s for (u, s), v in x.items() if vals[v]}
    district = next((d for d, v in z.items() if vals[v]), None)
    total = sum(vals[v] for v in theta.values())
    bound = max(int(run.bound) if run.bound is not None else run.objective, run.objective) if floor is None \
        else total
    return MasterSolution(run.status, placement, district, {s: vals[v] * point for s, v in theta.items()},
                          bound * point)
