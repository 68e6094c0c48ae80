"""rules/timing.py: one per slot, once per subject/firm (history counts), consecutive max_years runs, windows."""

from __future__ import annotations

from grantstack.models.checker import check_plan
from grantstack.optimizer import build_model
from tests.optimizer.helpers import (
    EXACT,
    YEARS,
    agree_over_by_one,
    amounts,
    bumped,
    catalogue,
    feasible,
    firm,
    measure,
    solve,
)

RATE = {"form": "rate", "percent": 30, "base": {"of": "project", "field": "investment"}}


def project(costs: list[int], **extra: object) -> dict[str, object]:
    return {"id": "p", "kinds": ["rd_project"], "start": 2025, "costs": {"investment": costs}, **extra}


def test_max_years_takes_the_best_consecutive_run() -> None:
    """30% of 1M, 5M, 1M, 5M, 6M for at most 3 consecutive years: years 3-5 (12M) -> 3.6M; the best
    non-consecutive choice (5M + 5M + 6M) would pay 4.8M."""
    m = measure("m", RATE, subject="project", project_kinds=["rd_project"], timing={"max_years": 3})
    f = firm(projects=[project([1_000_000, 5_000_000, 1_000_000, 5_000_000, 6_000_000])])
    r = solve(catalogue(m), f)
    assert amounts(r) == {("m", "p", 2027): 300_000, ("m", "p", 2028): 1_500_000, ("m", "p", 2029): 1_800_000}
    b = build_model(catalogue(m), f, YEARS, EXACT)
    gap = bumped(r.plan, ("m", "p", 2026), 1_500_000)  # type: ignore[arg-type]
    assert not feasible(b, gap)
    assert {"timing.max_years"} <= {v.rule for v in check_plan(catalogue(m), f, gap, EXACT)}


def test_a_past_run_continues_from_the_year_after_its_last_award() -> None:
    """Two years paid in 2023-2024 of a 3-year measure: only 2025 is left."""
    m = measure("m", RATE, subject="project", project_kinds=["rd_project"], timing={"max_years": 3})
    f = firm(projects=[project([1_000_000] * 5, start=2023)],
             history=[{"measure": "m", "subject": "p", "year": 2023, "amount": 300_000},
                      {"measure": "m", "subject": "p", "year": 2024, "amount": 300_000}])
    assert amounts(solve(catalogue(m), f)) == {("m", "p", 2025): 300_000}


def test_once_per_firm_counts_history() -> None:
    m = measure("m", {"form": "fixed", "amount": 500_000}, timing={"once": "firm"})
    assert solve(catalogue(m), firm()).total_yuan == 500_000
    paid = firm(history=[{"measure": "m", "year": 2022, "amount": 500_000}])
    assert solve(catalogue(m), paid).total_yuan == 0


def test_once_per_subject() -> None:
    m = measure("m", RATE, subject="project", project_kinds=["rd_project"], timing={"once": "subject"})
    f = firm(projects=[project([1_000_000, 4_000_000]), {**project([2_000_000]), "id": "q"}])
    assert amounts(solve(catalogue(m), f)) == {("m", "p", 2026): 1_200_000, ("m", "q", 2025): 600_000}
    agree_over_by_one(catalogue(m), f, ("m", "p", 2025), "timing.once", by=300_000)


def test_window_holds_the_first_application_of_a_run() -> None:
    """Window: settled year to one year after (2027-2028); yearly 500k from then on: 2027-2029 = 1.5M."""
    m = measure("m", {"form": "fixed", "amount": 500_000},
                timing={"window": {"anchor": "settled", "from_offset": 0, "to_offset": 1}})
    f = firm(dates={"settled": "2027-06-01"})
    r = solve(catalogue(m), f)
    assert r.total_yuan == 1_500_000
    agree_over_by_one(catalogue(m), f, ("m", None, 2026), "timing.window", by=500_000)


def test_one_application_per_measure_subject_and_year() -> None:
    """A schedule measure has one candidate per support year; only one may pay in a year."""
    m = measure("m", {"form": "schedule", "percents": [30, 20, 10], "base": {"of": "project", "field": "investment"}},
                subject="project", project_kinds=["rd_project"])
    f = firm(projects=[project([1_000_000] * 3)])
    assert amounts(solve(catalogue(m), f)) == {("m", "p", 2025): 300_000, ("m", "p", 2026): 200_000,
                                               ("m", "p", 2027): 100_000}
    agree_over_by_one(catalogue(m), f, ("m", "p", 2026), "ceiling")


def test_support_year_is_the_position_in_the_run_when_a_year_pays_nothing() -> None:
    """A 30/20/10% schedule without max_years: no base in 2026, so 2027 is support year 2 (20%)."""
    m = measure("m", {"form": "schedule", "percents": [30, 20, 10], "base": {"of": "project", "field": "investment"}},
                subject="project", project_kinds=["rd_project"])
    f = firm(projects=[project([10_000_000, 0, 10_000_000, 10_000_000])])
    r = agree_over_by_one(catalogue(m), f, ("m", "p", 2027), "ceiling")
    assert amounts(r) == {("m", "p", 2025): 3_000_000, ("m", "p", 2027): 2_000_000, ("m", "p", 2028): 1_000_000}


def test_window_without_its_anchor_date_allows_nothing() -> None:
    m = measure("m", {"form": "fixed", "amount": 500_000}, timing={"window": {"anchor": "moved_in"}})
    r = solve(catalogue(m), firm())
    assert r.total_yuan == 0
