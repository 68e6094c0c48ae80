"""Legal ceilings of single applications, worked out by hand from the clauses."""

from __future__ import annotations

import pytest

from grantstack.models.legal import Context, applicable, legal_ceiling, planned_ceiling
from grantstack.models.options import Interpretation
from tests.factories import firm, measure

DEFAULT = Interpretation()


def project_ctx(f, year: int, k: int = 1) -> Context:
    p = f.projects[0]
    return Context(f, p, p.start, year, k)


@pytest.mark.parametrize(
    ("budget", "expected"),
    [(9_999_999, 2_999_999), (10_000_000, 3_000_000), (10_000_004, 3_000_000), (3, 0), (4, 1)],
)
def test_rate_of_budget_floors_to_the_yuan_and_caps_at_3m(budget: int, expected: int) -> None:
    """000 item 4: not more than 30% of the project budget of the year and CNY 3 million."""
    m = measure("branded", {"form": "rate", "percent": 30, "base": {"of": "project", "field": "budget"},
                            "cap": 3_000_000}, subject="project")
    f = firm(projects=[{"id": "p", "kinds": ["x"], "start": 2025, "costs": {"budget": [budget]}}])
    assert legal_ceiling(m, project_ctx(f, 2025), DEFAULT) == expected


RENT = {"form": "schedule", "percents": [30, 20, 10], "cap": 3_000_000,
        "base": {"of": "project", "field": "rent", "quantity": "rented_area", "max_quantity": 3000}}


@pytest.mark.parametrize(("k", "expected"), [(1, 1_080_000), (2, 720_000), (3, 360_000), (4, 0)])
def test_declining_rent_schedule_with_area_cap(k: int, expected: int) -> None:
    """002 Dongcheng (2): 30/20/10% of annual rent, at most 3,000 m2: 4.32M for 3,600 m2 -> base 3.6M."""
    m = measure("rent", RENT, subject="project")
    f = firm(projects=[{"id": "p", "kinds": ["office_rent"], "start": 2025, "costs": {"rent": [4_320_000] * 4},
                        "quantities": {"rented_area": [3600] * 4}}])
    assert legal_ceiling(m, project_ctx(f, 2025 + k - 1, k), DEFAULT) == expected


@pytest.mark.parametrize(
    ("rent", "expected"), [(9_999_990, 2_999_997), (10_000_000, 3_000_000), (10_000_010, 3_000_000)]
)
def test_rent_schedule_annual_cap(rent: int, expected: int) -> None:
    """002 Dongcheng (2): the total annual subsidy will not exceed CNY 3 million (year 1 at 30%)."""
    m = measure("rent", RENT, subject="project")
    f = firm(projects=[{"id": "p", "kinds": ["office_rent"], "start": 2025, "costs": {"rent": [rent]},
                        "quantities": {"rented_area": [3000]}}])
    assert legal_ceiling(m, project_ctx(f, 2025), DEFAULT) == expected


MILESTONES = {"form": "milestones", "metric": "revenue", "steps": [
    {"above": 500_000_000, "amount": 500_000}, {"above": 1_000_000_000, "amount": 1_000_000},
    {"above": 2_000_000_000, "amount": 2_000_000}, {"above": 5_000_000_000, "amount": 5_000_000}]}


@pytest.mark.parametrize(
    ("before", "now", "jump", "expected"),
    [
        (400_000_000, 500_000_000, "highest", 0),  # at the milestone: not exceeded
        (400_000_000, 500_000_001, "highest", 500_000),  # just above
        (400_000_000, 1_200_000_000, "highest", 1_000_000),  # jumps two: highest
        (400_000_000, 1_200_000_000, "sum", 1_500_000),  # jumps two: sum (option)
        (600_000_000, 900_000_000, "highest", 0),  # already exceeded 500M before
    ],
)
def test_first_time_revenue_milestones(before: int, now: int, jump: str, expected: int) -> None:
    """002 Dongcheng (3): revenue exceeding 500M / 1B / 2B / 5B for the first time pays 500k / 1M / 2M / 5M."""
    m = measure("ms", MILESTONES)
    f = firm(metrics={"revenue": {2024: before, 2025: now}})
    assert legal_ceiling(m, Context(f, None, None, 2025), Interpretation(milestone_jump=jump)) == expected


def growth_firm(r0: int, r1: int, r2: int):
    return firm(metrics={"revenue": {2023: r0, 2024: r1, 2025: r2}})


GROWTH_TIERS = {"form": "tiers", "tiers": [
    {"when": [{"kind": "metric", "metric": "revenue", "at_least": 30_000_000, "below": 100_000_000},
              {"kind": "growth", "metric": "revenue", "min_percent": 30, "years": 2}], "amount": 500_000},
    {"when": [{"kind": "metric", "metric": "revenue", "at_least": 100_000_000, "below": 1_000_000_000},
              {"kind": "growth", "metric": "revenue", "min_percent": 20, "years": 2}], "amount": 1_000_000}]}


@pytest.mark.parametrize(
    ("revenues", "expected"),
    [
        ((40_000_000, 52_000_000, 67_600_000), 500_000),  # exactly +30% twice
        ((40_000_000, 52_000_000, 67_599_999), 0),  # just under +30% in the second year
        ((70_000_000, 84_000_000, 100_800_000), 1_000_000),  # +20% twice, in the 100M-1B band
        ((70_000_000, 84_000_000, 100_799_999), 0),  # just under +20%
    ],
)
def test_growth_over_two_consecutive_years(revenues: tuple[int, int, int], expected: int) -> None:
    """002 Dongcheng (4): 500k at 30M-100M with 30% growth two years running; 1M at 100M-1B with 20%."""
    m = measure("growth", GROWTH_TIERS)
    assert legal_ceiling(m, Context(growth_firm(*revenues), None, None, 2025), DEFAULT) == expected


@pytest.mark.parametrize(("rd", "ok"), [(5_999_999, False), (6_000_000, True), (6_000_001, True)])
def test_rd_intensity(rd: int, ok: bool) -> None:
    """002 Dongcheng (6): revenue 10M-100M and R&D reaching 12% pays 100k (50M revenue: 6M of R&D)."""
    m = measure("rd", {"form": "fixed", "amount": 100_000}, eligibility=[
        {"kind": "metric", "metric": "revenue", "at_least": 10_000_000, "below": 100_000_000},
        {"kind": "ratio", "numerator": "rd_spend", "denominator": "revenue", "min_percent": 12}])
    f = firm(metrics={"revenue": {2025: 50_000_000}, "rd_spend": {2025: rd}})
    assert applicable(m, Context(f, None, None, 2025), DEFAULT).ok is ok


def test_up_to_plans_the_firms_expectation_but_checks_the_ceiling() -> None:
    """'Up to X': the legal ceiling is X; with option discretionary=expected the plan uses the estimate."""
    m = measure("upto", {"form": "up_to", "max": 5_000_000})
    f = firm(expected={"upto": 2_000_000})
    ctx = Context(f, None, None, 2025)
    assert legal_ceiling(m, ctx, DEFAULT) == 5_000_000
    assert planned_ceiling(m, ctx, DEFAULT) == 2_000_000
    assert planned_ceiling(m, ctx, Interpretation(discretionary="ceiling")) == 5_000_000


def test_reference_only_edition_follows_the_option() -> None:
    """2022 notices 'for reference only': held to their edition (default), assumed renewed, or excluded; in
    2022 itself the edition pays unless excluded."""
    m = measure("ref", {"form": "fixed", "amount": 1}, edition={"year": 2022, "reference_only": True},
                validity={"start": "2022-01-01", "end": "2022-12-31"})
    ctx = Context(firm(), None, None, 2026)
    assert not applicable(m, ctx, DEFAULT).ok
    assert "reference_editions=renewed" in applicable(m, ctx, DEFAULT).reason
    assert applicable(m, ctx, Interpretation(reference_editions="renewed")).ok
    assert not applicable(m, ctx, Interpretation(reference_editions="exclude")).ok
    own = Context(firm(), None, None, 2022)
    assert applicable(m, own, DEFAULT).ok
    assert not applicable(m, own, Interpretation(reference_editions="exclude")).ok
