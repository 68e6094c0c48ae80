"""Greedy and brute-force plans pass the checker; neither beats the proved CP-SAT optimum."""

from __future__ import annotations

import pytest

from grantstack.benchmarks.brute import brute_force
from grantstack.benchmarks.greedy import greedy, reducible_cut
from grantstack.benchmarks.registry import build, specs
from grantstack.models.checker import check_plan
from grantstack.models.options import PlanOptions
from grantstack.models.plan import Violation

CASES = specs(["tiny"])[:5] + specs(["typical"])[:8] + specs(["small"])[:3] + specs(["large"])[:2]


@pytest.mark.parametrize("spec", CASES, ids=lambda s: s.name)
def test_greedy_plans_pass_the_checker(spec) -> None:  # type: ignore[no-untyped-def]
    inst = build(spec)
    for unit in (1, 1000):
        res = greedy(inst.catalogue, inst.firm, inst.years, unit=unit)
        assert check_plan(inst.catalogue, inst.firm, res.plan) == []
        assert res.total == res.plan.total
        assert all(a.amount % unit == 0 and a.amount > 0 for a in res.plan.applications)


@pytest.mark.parametrize("spec", specs(["tiny"])[:4], ids=lambda s: s.name)
def test_brute_force_is_legal_and_bounded_by_the_optimum(spec) -> None:  # type: ignore[no-untyped-def]
    inst = build(spec)
    b = brute_force(inst.catalogue, inst.firm, inst.years)
    assert b.complete and b.plan is not None
    assert check_plan(inst.catalogue, inst.firm, b.plan) == []
    g = greedy(inst.catalogue, inst.firm, inst.years)
    plan = pytest.importorskip("grantstack.optimizer.solve").plan
    res = plan(inst.catalogue, inst.firm, inst.years, PlanOptions(money_unit=1))
    if res.proven_optimal:
        assert b.total <= res.total_yuan
        assert g.total <= res.total_yuan


def test_reducible_cut_reads_limits() -> None:
    cap = Violation(rule="cap.year", amount=1500, limit=1000, message="over")
    assert reducible_cut([cap]) == 500
    assert reducible_cut([cap, Violation(rule="timing.once", message="twice")]) is None
