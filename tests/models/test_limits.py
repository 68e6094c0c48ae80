"""Limits on every number (issue 10): figures at the limit are planned exactly, beyond it refused at load, and
a model whose sums could leave the exact range (int64 rows, 2**53 objective) is refused naming the measures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from grantstack.models.errors import InputError
from grantstack.models.limits import MAX_OBJECTIVE, MAX_UNITS, MAX_YUAN
from grantstack.models.options import PlanOptions
from grantstack.optimizer import build_model, plan
from grantstack.optimizer.linear import LinearModel, TooLarge
from tests.factories import catalogue, firm, measure

RATE = measure("t.rate", {"form": "rate", "percent": 100, "base": {"of": "project", "field": "investment"}},
               subject="project", project_kinds=["pilot_testing"])
PER_UNIT = measure("t.unit", {"form": "per_unit", "unit_amount": MAX_YUAN}, subject="event",
                   event_kinds=["certification.international"])


def _projects(n: int, figure: int) -> list[dict]:
    """n projects with five yearly costs near `figure`, all different (no common factor scales them down)."""
    return [{"id": f"p{i}", "kinds": ["pilot_testing"], "start": 2025,
             "costs": {"investment": [figure - 7919 * (5 * i + k) for k in range(5)]}} for i in range(n)]


def test_a_figure_at_the_limit_is_planned_exactly() -> None:
    f = firm(projects=_projects(1, MAX_YUAN))
    r = plan(catalogue(RATE), f, (2025, 2029), PlanOptions())
    total = sum(MAX_YUAN - 7919 * k for k in range(5))
    assert r.status == "OPTIMAL" and r.total_yuan == total and r.objective == total and r.gap == 0.0


def test_a_figure_beyond_the_limit_is_refused_at_load() -> None:
    with pytest.raises(ValueError, match="less than or equal to 10000000000000"):
        firm(projects=[{"id": "p", "kinds": ["pilot_testing"], "start": 2025, "costs": {"investment": [MAX_YUAN + 1]}}])


def test_a_count_times_a_unit_amount_stays_exact() -> None:
    f = firm(events=[{"id": "c", "kind": "certification.international", "year": 2025, "count": MAX_UNITS}])
    with pytest.raises(InputError) as info:
        plan(catalogue(PER_UNIT), f, (2025, 2029), PlanOptions())
    message = str(info.value)
    assert "too large to plan exactly" in message and "one application (t.unit for c in 2025)" in message
    assert f"{MAX_YUAN * MAX_UNITS:,}" in message and "money_unit" in message


def test_fractional_weights_beyond_doubles_are_refused_naming_the_measure() -> None:
    f = firm(projects=_projects(3, MAX_YUAN))
    with pytest.raises(InputError, match=r"the objective could reach .* \(the exact range is 9,007,199,254,740,992\)"):
        build_model(catalogue(RATE), f, (2025, 2029), PlanOptions(discount_rate=Decimal("0.05")))
    # the same firm with exact weights fits: 15 x 10**13 < 2**53
    assert build_model(catalogue(RATE), f, (2025, 2029), PlanOptions()).model.objective


def test_a_coarser_money_unit_makes_it_fit() -> None:
    f = firm(projects=_projects(3, MAX_YUAN))
    r = plan(catalogue(RATE), f, (2025, 2029), PlanOptions(discount_rate=Decimal("0.05"), money_unit=1_000_000))
    assert r.status == "OPTIMAL" and r.total_yuan == sum(x // 10**6 * 10**6 for p in f.projects
                                                         for x in p.costs["investment"])


def test_the_linear_model_refuses_what_would_overflow() -> None:
    m = LinearModel()
    x = m.new_var(0, 2**40, "x")
    with pytest.raises(TooLarge):
        m.new_var(0, 2**63, "y")
    with pytest.raises(TooLarge):
        m.add([x], [2**23], ub=5, tag="big")  # 2**63 > 2**62
    m.add([x], [2**21], ub=5, tag="fits")
    with pytest.raises(TooLarge):
        m.maximize({x: 2**14})  # 2**54 > 2**53
    m.maximize({x: 2**12})
    assert 2**52 <= MAX_OBJECTIVE
