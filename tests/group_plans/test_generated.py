"""Generated groups over the real catalogue: the group checker accepts every group plan; the decomposition's
total equals brute force over every placement and the merged model's."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from grantstack.models.group import Group
from grantstack.models.group_check import check_group_plan
from grantstack.models.group_expand import units
from grantstack.models.loading import load_catalogue
from grantstack.models.options import PlanOptions
from grantstack.optimizer.group import plan_group
from tests.group_plans.contested import contested_group
from tests.group_plans.helpers import brute_force
from tests.group_plans.strategies import groups

CATALOGUE = load_catalogue()
YEARS = (2025, 2029)
OPTIONS = PlanOptions(time_limit=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(g=groups())
def test_the_group_checker_accepts_every_group_plan(g: Group) -> None:
    r = plan_group(CATALOGUE, g, YEARS, OPTIONS, alternatives=False, readings=False)
    assert r.status == "OPTIMAL"
    assert r.plan is not None and r.violations == ()
    assert check_group_plan(CATALOGUE, g, r.plan, OPTIONS) == []
    assert set(r.plan.placements) == {i for u in units(g) for i in u.items}
    assert r.total_yuan == sum(e.result.total_yuan for e in r.entities)
    assert r.best_bound is not None and r.objective is not None and r.best_bound == r.objective


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(g=groups(max_entities=3, max_placeable=2))
def test_decomposition_equals_brute_force_and_the_merged_model(g: Group) -> None:
    r = plan_group(CATALOGUE, g, YEARS, OPTIONS, alternatives=False, readings=False)
    assert r.status == "OPTIMAL"
    assert r.objective == brute_force(CATALOGUE, g, YEARS, OPTIONS)
    merged = plan_group(CATALOGUE, g, YEARS, OPTIONS, method="merged", alternatives=False, readings=False)
    assert merged.status == "OPTIMAL" and merged.objective == r.objective



@pytest.mark.parametrize("seed", range(12))
def test_contested_caps_decomposition_equals_brute_force(seed: int) -> None:
    """Entities in one district with past awards near their caps: placements matter, the cuts are exercised."""
    g = contested_group(seed)
    r = plan_group(CATALOGUE, g, YEARS, OPTIONS, alternatives=False, readings=False)
    assert r.status == "OPTIMAL" and r.violations == ()
    assert r.objective == brute_force(CATALOGUE, g, YEARS, OPTIONS)
