"""optimizer/stage1_bound.py: stage 1 proven without CP-SAT. The certificate gives the optimum on hand-made parts at a
cap's edge, refuses a part with an integrality gap or an enforced row (left to CP-SAT), never claims a plan that
is not optimal or not a plan (brute force on random parts, CP-SAT on the stored suites' parts), and leaves the plans'
total, earliness, count and readings as CP-SAT's stage 1 gives them."""

from __future__ import annotations

import itertools
import random
import time
from typing import Any

import pytest

from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.storage import find, load_instance
from grantstack.models.loading import load_catalogue, load_firm
from grantstack.models.options import PlanOptions
from grantstack.optimizer import plan, stage1_bound
from grantstack.optimizer.canonical import _restrict
from grantstack.optimizer.linear import LinearModel, cpsat_proto
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.solve import _parts, _Runner, _small, objectives, solver_parameters
from grantstack.optimizer.stage1_bound import proven_optimum, stage_one
from tests.optimizer.test_readings_quick import FIRMS, YEARS
from tests.optimizer.test_tie_bound import _random_part as tie_part


def _award_and_amount(cap: int) -> LinearModel:
    """An amount x <= 1,000,000 x a (a: its application) and a fixed award of 500,000 (f), sharing a cap x + 500,000 f
    <= cap: the best total is min(cap, 1,500,000) (the cap binds below 1.5 M: the award and the rest of the cap)."""
    m = LinearModel()
    a, f, x = m.new_bool("a"), m.new_bool("f"), m.new_var(0, 1_000_000, "x")
    m.add([x, a], [1, -1_000_000], ub=0, tag="link.amount_needs_application")
    m.add([x, a], [1, -1], lb=0, tag="link.application_pays")
    m.add([x, f], [1, 500_000], ub=cap, tag="cap")
    m.maximize({x: 1, f: 500_000})
    return m


def _proven(m: LinearModel) -> list[int] | None:
    return proven_optimum(m, list(range(m.num_vars)), list(range(len(m.rows))), dict(m.objective))


def _total(m: LinearModel, values: list[int]) -> int:
    return sum(k * values[v] for v, k in m.objective.items())


@pytest.mark.parametrize(("cap", "best"), [(1_499_999, 1_499_999), (1_500_000, 1_500_000), (1_500_001, 1_500_000)])
def test_a_shared_cap_just_below_at_and_above_its_edge(cap: int, best: int) -> None:
    m = _award_and_amount(cap)
    values = _proven(m)
    assert values is not None and _total(m, values) == best
    assert values[1] == 1 and values[2] == best - 500_000  # the award, and the amount up to the cap
    assert all(m.lbs[v] <= values[v] <= m.ubs[v] for v in range(m.num_vars))


def test_an_integrality_gap_is_left_to_cpsat() -> None:
    """Two awards of 600,000 under a cap of 1,000,000: one fits (600,000), but the LP takes 1 + 2/3 of them
    (1,000,000): no certificate, and stage_one asks the runner, whose proof it returns."""
    m = LinearModel()
    a, b = m.new_bool("a"), m.new_bool("b")
    m.add([a, b], [600_000, 600_000], ub=1_000_000, tag="cap")
    m.maximize({a: 600_000, b: 600_000})
    assert _proven(m) is None
    runner = _Runner(solver_parameters(PlanOptions()), time.perf_counter() + 60)
    calls: list[str] = []

    def run(proto: Any, hint: Any, stage: str, budget: float | None = None) -> Any:
        calls.append(stage)
        return runner(proto, hint, stage, budget)

    got = stage_one(m, [0, 1], [0], dict(m.objective), cpsat_proto(m, [0, 1], [0]), run)
    assert calls == ["stage 1"] and got[0] == SolveStatus.OPTIMAL and got[2] == 600_000


@pytest.mark.parametrize("negated", [False, True])
def test_a_part_with_an_enforced_row_is_left_to_cpsat(negated: bool) -> None:
    """x <= 100 while f holds (or while f does not), x in [0, 1,000], maximise x + 1,000 f: CP-SAT proves 1,100 (f
    and x = 100), or 2,000 when the row binds only without f; the certificate does not try."""
    m = LinearModel()
    f, x = m.new_bool("f"), m.new_var(0, 1_000, "x")
    m.add([x], [1], ub=100, enforce=[~f if negated else f], tag="enforced")
    m.maximize({x: 1, f: 1_000})
    assert _proven(m) is None
    runner = _Runner(solver_parameters(PlanOptions()), time.perf_counter() + 60)
    got = stage_one(m, [0, 1], [0], dict(m.objective), cpsat_proto(m, [0, 1], [0]), runner)
    assert got[0] == SolveStatus.OPTIMAL and got[2] == (2_000 if negated else 1_100)


def test_a_part_above_max_vars_is_left_to_cpsat(monkeypatch: pytest.MonkeyPatch) -> None:
    m = _award_and_amount(1_500_000)
    calls: list[str] = []

    def run(proto: Any, hint: Any, stage: str, budget: float | None = None) -> Any:
        calls.append(stage)
        return SolveStatus.OPTIMAL, [1, 1, 1_000_000], 1_500_000, 1_500_000, 0.01

    rows = list(range(len(m.rows)))  # the cap row is left out by LinearModel.add: it cannot bind at 1.5 M
    monkeypatch.setattr(stage1_bound, "MAX_VARS", 2)
    assert stage_one(m, [0, 1, 2], rows, dict(m.objective), None, run)[4] == 0.01 and calls == ["stage 1"]
    monkeypatch.setattr(stage1_bound, "MAX_VARS", 3)
    assert stage_one(m, [0, 1, 2], rows, dict(m.objective), None, run) == \
        (SolveStatus.OPTIMAL, [1, 1, 1_000_000], 1_500_000, 1_500_000, 0.0) and calls == ["stage 1"]


def _random_part(rng: random.Random) -> LinearModel:
    """test_tie_bound's random part (some rows enforced by a positive literal), its total as the objective (some
    weights negative), and now and then one row more, enforced by one or two literals of either sign."""
    m, total, _ = tie_part(rng)
    n = m.num_vars
    bools = [v for v in range(n) if m.is_bool(v)]
    if bools and rng.random() < 0.2:
        vs = rng.sample(range(n), rng.randint(1, min(n, 3)))
        literals = [rng.choice([b, ~b]) for b in rng.sample(bools, min(len(bools), rng.randint(1, 2)))]
        m.add(vs, [rng.choice([-2, -1, 1, 2]) for _ in vs], lb=rng.randint(-1, 1), ub=rng.randint(1, 3),
              enforce=literals)
    m.maximize({j: k - (j % 3 == 0) for j, k in total.items()})
    return m


def _plans(m: LinearModel) -> list[tuple[int, ...]]:
    def holds(x: tuple[int, ...], e: int) -> bool:
        return bool(x[e]) if e >= 0 else not x[~e]

    return [x for x in itertools.product(*(range(lo, hi + 1) for lo, hi in zip(m.lbs, m.ubs, strict=True)))
            if all(not all(holds(x, e) for e in r.enforce) or (
                (r.lb is None or sum(c * x[v] for v, c in zip(r.vars, r.coefs, strict=True)) >= r.lb) and
                (r.ub is None or sum(c * x[v] for v, c in zip(r.vars, r.coefs, strict=True)) <= r.ub))
                for r in m.rows)]


def test_a_certified_plan_is_an_optimal_plan_against_enumeration() -> None:
    """2,000 random parts: every plan the certificate gives is a plan of the part and its total is the best by
    enumeration; it gives none for a part without plans or with an enforced row, and fires on most of the others."""
    rng = random.Random(5)
    fired = tried = 0
    for _ in range(2000):
        m = _random_part(rng)
        plans = _plans(m)
        got = _proven(m)
        if not plans or any(r.enforce for r in m.rows):
            assert got is None
            continue
        tried += 1
        if got is not None:
            fired += 1
            assert tuple(got) in plans, m
            assert _total(m, got) == max(_total(m, list(x)) for x in plans), m
    assert tried > 500 and fired > tried // 2


@pytest.fixture(scope="module")
def suite_parts() -> list[tuple[LinearModel, list[int], list[int], dict[int, int]]]:
    """The parts plan() solves with CP-SAT on the tiny, small and typical suites, up to MAX_VARS variables."""
    out = []
    for spec in specs(["tiny", "small", "typical"]):
        inst = load_instance(find(spec))
        from grantstack.optimizer.assemble import build_model

        b = build_model(inst.catalogue, inst.firm, inst.years, PlanOptions())
        obj = objectives(b)
        for variables, rows in _parts(b)[0]:
            if not _small(b.model, variables) and len(variables) <= stage1_bound.MAX_VARS:
                local = {v: i for i, v in enumerate(variables)}
                out.append((b.model, variables, rows, _restrict(obj.total, local)))
    return out


def test_the_certificate_agrees_with_cpsat_on_the_stored_suites(suite_parts: list[Any]) -> None:
    """Each part the certificate proves: CP-SAT's proven optimum is the certificate's total; most parts are proven."""
    runner = _Runner(solver_parameters(PlanOptions()), time.perf_counter() + 600)
    proven = 0
    for model, variables, rows, total in suite_parts:
        got = proven_optimum(model, variables, rows, total)
        if got is None:
            continue
        proven += 1
        status, _, best, _, _ = runner(cpsat_proto(model, variables, rows), None, "stage 1")
        assert status == SolveStatus.OPTIMAL and best == sum(k * got[j] for j, k in total.items())
    assert len(suite_parts) > 60 and proven > len(suite_parts) * 2 // 3


def _key(r: Any) -> tuple[Any, ...]:
    apps = r.plan.applications if r.plan else ()
    early = sum(a.amount * (a.year - YEARS[0]) for a in apps)
    readings = [(x.option, x.reading, x.total_yuan, x.status) for x in r.readings]
    return r.status, r.total_yuan, early, len(apps), r.violations, readings


def test_example_firms_plans_and_readings_are_those_of_cpsats_stage_1(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example firm with its readings: status, total, earliness, number of applications, the checker's
    findings and every reading's total and status are the same with the certificate as with CP-SAT's stage 1; the
    plan is the same with two workers."""
    cat = load_catalogue()
    for path in sorted(FIRMS.glob("*.yaml")):
        firm = load_firm(path, cat)
        mine = plan(cat, firm, YEARS, readings=True)
        assert mine.plan == plan(cat, firm, YEARS, PlanOptions(workers=2)).plan, path.stem
        with monkeypatch.context() as m:
            m.setattr(stage1_bound, "MAX_VARS", 0)
            theirs = plan(cat, firm, YEARS, readings=True)
        assert _key(mine) == _key(theirs) and not mine.violations, path.stem
