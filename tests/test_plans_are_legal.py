"""Every plan the optimiser returns passes the independent checker: 200+ random firms per run."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grantstack.models.checker import check_plan
from grantstack.models.firm import Firm
from grantstack.models.loading import load_catalogue
from grantstack.models.options import Interpretation, PlanOptions
from tests.strategies import firms

optimizer = pytest.importorskip("grantstack.optimizer.solve")
CATALOGUE = load_catalogue()

interpretations = st.builds(
    Interpretation,
    most_favourable_scope=st.sampled_from(["matter", "entity_year", "entity"]),
    rate_basis=st.sampled_from(["each_year", "project_total"]),
    routes_add_up=st.booleans(),
    milestone_jump=st.sampled_from(["highest", "sum"]),
    reference_editions=st.sampled_from(["renewed", "edition_only", "exclude"]),
    discretionary=st.sampled_from(["expected", "ceiling"]),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(firm=firms(), interp=interpretations, unit=st.sampled_from([1, 100, 1000, 10_000]))
def test_every_returned_plan_passes_the_checker(firm: Firm, interp: Interpretation, unit: int) -> None:
    options = PlanOptions(interpretation=interp, money_unit=unit, time_limit=5)
    result = optimizer.plan(CATALOGUE, firm, (2025, 2029), options)
    assert result.status in {"OPTIMAL", "FEASIBLE"}
    assert result.plan is not None
    assert check_plan(CATALOGUE, firm, result.plan, options) == []
    assert all(a.amount % unit == 0 and a.amount > 0 for a in result.plan.applications)
    assert result.total_yuan == sum(a.amount for a in result.plan.applications)
    if result.status == "OPTIMAL":
        assert result.best_bound is not None and result.objective is not None
        assert result.best_bound >= result.objective - 1e-6
