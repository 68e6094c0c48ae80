"""optimizer/tie_bound.py and tie_simplex.py: the exact bound is sound for any multipliers, and the certificate never
calls a plan canonical when a plan of the same total is earlier or has fewer applications (brute force on small
random parts, enforced rows included); it fires on hand-made parts whose stage-1 plan is the earliest."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

from grantstack.optimizer.linear import LinearModel
from grantstack.optimizer.tie_bound import lower_bound, proves_canonical
from grantstack.optimizer.tie_simplex import row_duals


def _brute(lbs, ubs, cost, lp):
    best = None
    for x in itertools.product(*(range(lo, hi + 1) for lo, hi in zip(lbs, ubs, strict=True))):
        ok = all((lb is None or sum(c * x[v] for v, c in zip(vs, cs, strict=True)) >= lb) and
                 (ub is None or sum(c * x[v] for v, c in zip(vs, cs, strict=True)) <= ub) for vs, cs, lb, ub in lp)
        if ok:
            value = sum(k * x[j] for j, k in cost.items())
            best = value if best is None else min(best, value)
    return best


def test_the_bound_holds_for_any_multipliers() -> None:
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 4)
        lbs = [rng.randint(-1, 0) for _ in range(n)]
        ubs = [lo + rng.randint(0, 2) for lo in lbs]
        cost = {j: rng.randint(-5, 9) for j in range(n) if rng.random() < 0.8}
        lp = []
        for _ in range(rng.randint(1, 3)):
            vs = rng.sample(range(n), rng.randint(1, n))
            cs = tuple(rng.choice([-3, -1, 1, 2, 4]) for _ in vs)
            lb, ub = rng.choice([(rng.randint(-3, 2), None), (None, rng.randint(-1, 4)), (-2, 3)])
            lp.append((vs, cs, lb, ub))
        best = _brute(lbs, ubs, cost, lp)
        if best is None:
            continue
        duals = [rng.choice([0.0, 0.5, -0.75, 1 / 3, -2.0, float("nan"), Fraction(2, 3), Fraction(-5, 7)])
                 for _ in lp]
        assert lower_bound(lbs, ubs, cost, lp, duals) <= best


def test_the_simplex_multipliers_reach_the_lp_optimum() -> None:
    # min 3a + b over a + b >= 1, a - b <= 0 in [0, 2]^2, from (1, 1): the LP optimum is 1 (a = 0, b = 1)
    lp = [([0, 1], (1, 1), 1, None), ([0, 1], (1, -1), None, 0)]
    duals = row_duals([0, 0], [2, 2], {0: 3, 1: 1}, lp, [1, 1], stop=-100.0)
    assert duals is not None and lower_bound([0, 0], [2, 2], {0: 3, 1: 1}, lp, duals) == 1
    assert row_duals([0, 0], [2, 2], {0: 3, 1: 1}, lp, [1, 1], stop=3.5) is None  # fell below stop: gives up


def _random_part(rng: random.Random) -> tuple[LinearModel, dict[int, int], dict[int, int]]:
    m = LinearModel()
    n = rng.randint(2, 5)
    for j in range(n):
        if rng.random() < 0.6:
            m.new_bool(f"b{j}")
        else:
            m.new_var(0, rng.randint(1, 3), f"x{j}")
    for _ in range(rng.randint(1, 4)):
        vs = rng.sample(range(n), rng.randint(1, min(n, 3)))
        cs = [rng.choice([-3, -2, -1, 1, 1, 2, 3]) for _ in vs]
        lb, ub = rng.choice([(rng.randint(-2, 2), None), (None, rng.randint(0, 4)), (rng.randint(-1, 1), 3)])
        bools = [v for v in range(n) if m.is_bool(v) and v not in vs]
        enforce = [rng.choice(bools)] if bools and rng.random() < 0.3 else []
        m.add(vs, cs, lb=lb, ub=ub, enforce=enforce)
    total = {j: rng.randint(0, 4) for j in range(n)}
    tie = {j: rng.randint(0, 6) for j in range(n) if rng.random() < 0.8}
    return m, total, tie


def _plans(m: LinearModel) -> list[tuple[int, ...]]:
    out = []
    for x in itertools.product(*(range(lo, hi + 1) for lo, hi in zip(m.lbs, m.ubs, strict=True))):
        if all(not all(x[e] for e in r.enforce) or (
                (r.lb is None or sum(c * x[v] for v, c in zip(r.vars, r.coefs, strict=True)) >= r.lb) and
                (r.ub is None or sum(c * x[v] for v, c in zip(r.vars, r.coefs, strict=True)) <= r.ub)) for r in m.rows):
            out.append(x)
    return out


def test_a_certified_plan_is_canonical_against_enumeration() -> None:
    """Every optimal plan of 1,000 random parts is offered as stage 1's; each one certified has the least tie value
    among plans of the same total (and the certificate does fire on many of them)."""
    rng = random.Random(11)
    fired = offered = 0
    for _ in range(1000):
        m, total, tie = _random_part(rng)
        plans = _plans(m)
        if not plans:
            continue
        best = max(sum(k * x[j] for j, k in total.items()) for x in plans)
        optimal = [x for x in plans if sum(k * x[j] for j, k in total.items()) == best]
        least = min(sum(k * x[j] for j, k in tie.items()) for x in optimal)
        local = {v: v for v in range(m.num_vars)}
        for x in optimal:
            offered += 1
            if proves_canonical(m, local, list(range(len(m.rows))), total, best, tie, list(x)):
                fired += 1
                assert sum(k * x[j] for j, k in tie.items()) == least, (m, total, tie, x)
    assert fired > offered // 4


def test_an_earliest_plan_is_proved_canonical_and_a_late_one_is_not() -> None:
    # one award of 10 points, in year 0 (earliness 0) or year 1 (earliness 1): at most one of the two
    m = LinearModel()
    a, b = m.new_bool("a"), m.new_bool("b")
    m.add([a, b], [1, 1], ub=1)
    tie = {0: 0 * 3 + 1, 1: 1 * 3 + 1}  # earliness x (applications + 1) + applications
    total = {0: 10, 1: 10}
    assert proves_canonical(m, {a: 0, b: 1}, [0], total, 10, tie, [1, 0])
    assert not proves_canonical(m, {a: 0, b: 1}, [0], total, 10, tie, [0, 1])


def test_a_plan_whose_lp_optimum_is_itself_is_proved_exactly() -> None:
    """An amount x <= 50,000,000 b paid early, against the same amount late: the multiplier of the link row is
    1/50,000,000, which no float is; the certificate still proves the early plan (the simplest fraction)."""
    m = LinearModel()
    b0, b1 = m.new_bool("b0"), m.new_bool("b1")
    x0, x1 = m.new_var(0, 50_000_000, "x0"), m.new_var(0, 50_000_000, "x1")
    m.add([x0, b0], [1, -50_000_000], ub=0)
    m.add([x1, b1], [1, -50_000_000], ub=0)
    m.add([x0, x1], [1, 1], ub=50_000_000)
    total, tie = {x0: 1, x1: 1}, {b0: 1, b1: 1, x1: 3}
    assert proves_canonical(m, {b0: 0, b1: 1, x0: 2, x1: 3}, [0, 1, 2], total, 50_000_000, tie,
                            [1, 0, 50_000_000, 0])
    assert not proves_canonical(m, {b0: 0, b1: 1, x0: 2, x1: 3}, [0, 1, 2], total, 50_000_000, tie,
                                [0, 1, 0, 50_000_000])
