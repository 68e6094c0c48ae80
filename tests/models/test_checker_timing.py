"""Timing, events and capacity through check_plan at the edges, on the bundled catalogue.

One-time rules, at most N consecutive years, windows, flexible events and prerequisites, and the
planning capacity; each case worked out by hand from the quoted clause.
"""

from __future__ import annotations

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.loading import load_catalogue
from grantstack.models.options import Interpretation, PlanOptions
from grantstack.models.plan import Plan
from tests.factories import firm
from tests.models.checking import app, assert_legal, assert_only, check

RENEWED = Interpretation(reference_editions="renewed")
LAPSE_IN = Interpretation(lapse_year="in")


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


# ---------------------------------------------------------------- timing.once


def chaoyang():
    return firm(district="chaoyang", tags=["ai"], projects=[
        {"id": "ai1", "kinds": ["ai_commercialization"], "start": 2025, "costs": {"investment": [10_000_000] * 2}}])


def test_002_chaoyang1_once_per_project(cat: Catalogue) -> None:
    """002 Chaoyang (1): 'Financial support of up to CNY 10 million will be granted according to the total
    investment amount of the project' (the 2022 notice assumed renewed): one award per project. 10,000,000 once
    passes; 10,000,001 breaks the ceiling; 5,000,000 + 5,000,000 in two years is within the amount but is a
    second award (timing.once)."""
    m = "ai.chaoyang.1.commercialization"
    assert_legal(check(cat, chaoyang(), app(m, 2025, 10_000_000, "ai1"), options=RENEWED))
    assert_only(check(cat, chaoyang(), app(m, 2025, 10_000_001, "ai1"), options=RENEWED), "ceiling",
                limit=10_000_000)
    vs = check(cat, chaoyang(), app(m, 2025, 5_000_000, "ai1"), app(m, 2026, 5_000_000, "ai1"), options=RENEWED)
    assert_only(vs, "timing.once", year=2026)


def test_000_eda_platform_once_per_project_with_history(cat: Catalogue) -> None:
    """000 EDA 3 (2): 'A financial support of up to CNY 5 million will be granted to platforms', read as a
    one-time grant per platform: paid 2,000,000 in 2024, the platform gets nothing more in 2025."""
    f = firm(district="eda", projects=[{"id": "poc", "kinds": ["public_service_platform"], "start": 2024,
                                        "costs": {"investment": [1, 1]}}],
             history=[{"measure": "ts.eda.3_2.platform", "subject": "poc", "year": 2024, "amount": 2_000_000}])
    assert_only(check(cat, f, app("ts.eda.3_2.platform", 2025, 1, "poc")), "timing.once")


def xicheng(history: bool):
    past = [{"measure": "ss.xicheng.little_giant", "subject": "lg", "year": 2023, "amount": 300_000}]
    return firm(district="xicheng", events=[
        {"id": "lg", "kind": "recognition.little_giant_national", "year": 2023},
        {"id": "lg2", "kind": "recognition.little_giant_national", "year": 2026, "first_time": False}],
        history=past if history else [])


@pytest.mark.parametrize(("history", "ok"), [(False, True), (True, False)])
def test_001_xicheng_once_per_firm_counts_history(cat: Catalogue, history: bool, ok: bool) -> None:
    """001 Xicheng: 'A one-time incentive of RMB 300,000 will be granted to national ... little giants':
    once per firm. The re-recognition of 2026 is paid only if the 2023 recognition was not."""
    vs = check(cat, xicheng(history), app("ss.xicheng.little_giant", 2026, 300_000, "lg2"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "timing.once", subject="lg2")


def test_001_xicheng_once_per_firm_within_the_plan(cat: Catalogue) -> None:
    """001 Xicheng: two recognitions in the horizon, both paid: the second is a repeat."""
    f = firm(district="xicheng", events=[
        {"id": "a", "kind": "recognition.little_giant_national", "year": 2025},
        {"id": "b", "kind": "recognition.little_giant_national", "year": 2028, "first_time": False}])
    vs = check(cat, f, app("ss.xicheng.little_giant", 2025, 300_000, "a"),
               app("ss.xicheng.little_giant", 2028, 300_000, "b"))
    assert_only(vs, "timing.once", subject="b", year=2028)


# ---------------------------------------------------------------- timing.max_years and timing.consecutive


def loan(years: int = 4, start: int = 2025, **extra):
    return firm(projects=[{"id": "loan", "kinds": ["loan"], "start": start,
                           "costs": {"interest_paid": [1_000_000] * years}}], **extra)


@pytest.mark.parametrize(("n", "ok"), [(2, True), (3, True), (4, False)])
def test_003_art10_three_consecutive_years(cat: Catalogue, n: int, ok: bool) -> None:
    """003 Art. 10: 'with a maximum of three consecutive years': interest 1,000,000 a year (4,000,000 in four
    years is far below the 10M cap): a fourth year breaks timing.max_years (2028, the lapse year of Art. 21,
    counted in force here: lapse_year=in)."""
    vs = check(cat, loan(), *(app("tz.art10.loan_interest", 2025 + i, 1_000_000, "loan") for i in range(n)),
               options=LAPSE_IN)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "timing.max_years", limit=3, amount=4, year=2028)


def test_003_art10_years_must_be_consecutive(cat: Catalogue) -> None:
    """003 Art. 10 'three consecutive years': 2025 and 2027 with a gap is not a run (timing.consecutive);
    2026 and 2027 is."""
    m = "tz.art10.loan_interest"
    assert_legal(check(cat, loan(), app(m, 2026, 1_000_000, "loan"), app(m, 2027, 1_000_000, "loan")))
    assert_only(check(cat, loan(), app(m, 2025, 1_000_000, "loan"), app(m, 2027, 1_000_000, "loan")),
                "timing.consecutive", year=2027)


def test_003_art10_past_years_count_towards_three(cat: Catalogue) -> None:
    """003 Art. 10: support received in 2024 is year 1 of the run: 2025-2026 complete three years; 2027 is a
    fourth."""
    f = loan(years=5, start=2024,
             history=[{"measure": "tz.art10.loan_interest", "subject": "loan", "year": 2024, "amount": 1_000_000}])
    m = "tz.art10.loan_interest"
    plan = [app(m, 2025, 1_000_000, "loan"), app(m, 2026, 1_000_000, "loan")]
    assert_legal(check(cat, f, *plan))
    assert_only(check(cat, f, *plan, app(m, 2027, 1_000_000, "loan")), "timing.max_years")


def test_000_item4_support_period_of_three_years(cat: Catalogue) -> None:
    """000 item 4 (the 2022 call assumed renewed): 'The support period will generally be not more than 3
    years': a fourth year of the same branded project breaks timing.max_years and the provider's three years
    (timing.firm_years) (budgets 10M: 3,000,000 a year each)."""
    f = firm(district="haidian", tags=["technology_service"], projects=[
        {"id": "brand", "kinds": ["branded_tsp"], "start": 2025, "costs": {"budget": [10_000_000] * 4}}])
    plan = [app("ts.municipal.4.branded_tsp", 2025 + i, 3_000_000, "brand") for i in range(4)]
    assert_legal(check(cat, f, *plan[:3], options=RENEWED))
    assert_only(check(cat, f, *plan, options=RENEWED), "timing.max_years", "timing.firm_years")


# ---------------------------------------------------------------- timing.window


@pytest.mark.parametrize(("year", "ok"), [(2025, True), (2026, True), (2027, False)])
def test_002_dongcheng1_settlement_year_or_the_next(cat: Catalogue, year: int, ok: bool) -> None:
    """002 Dongcheng (1): 'in the year of incorporation or settlement in the District or in the first full
    fiscal year after': settled 2025-06-01 -> 2025 or 2026 (revenue 50M: 500,000)."""
    f = firm(district="dongcheng", dates={"settled": "2025-06-01"},
             metrics={"revenue": {y: 50_000_000 for y in range(2025, 2029)}})
    vs = check(cat, f, app("ai.dongcheng.1.settlement_revenue", year, 500_000))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "timing.window", year=2027)


def test_002_dongcheng1_without_a_settlement_date(cat: Catalogue) -> None:
    """002 Dongcheng (1): the window is relative to the settlement date; with none recorded, no year is in it."""
    f = firm(district="dongcheng", metrics={"revenue": {2025: 50_000_000}})
    assert_only(check(cat, f, app("ai.dongcheng.1.settlement_revenue", 2025, 500_000)), "timing.window")


@pytest.mark.parametrize(("year", "ceiling"), [(2025, 300_000), (2026, 200_000), (2027, 100_000), (2028, 0)])
def test_002_dongcheng2_rent_years_run_from_settlement(cat: Catalogue, year: int, ceiling: int) -> None:
    """002 Dongcheng (2): 'for three consecutive years from the year of settlement ... 30 percent ... in the
    first year, 20 percent in the second year and 10 percent in the third year': settled 2025-03-01, rent 1M
    on 1,000 m2 each year: whatever year the firm first claims, the rate is that of the year counted from
    settlement."""
    f = firm(district="dongcheng", dates={"settled": "2025-03-01"},
             metrics={"office_rent": dict.fromkeys(range(2025, 2029), 1_000_000),
                      "office_area": dict.fromkeys(range(2025, 2029), 1000)})
    if ceiling:
        assert_legal(check(cat, f, app("ai.dongcheng.2.rent", year, ceiling)))
    assert_only(check(cat, f, app("ai.dongcheng.2.rent", year, ceiling + 1)), "ceiling", limit=ceiling)


# ---------------------------------------------------------------- flexible events and prerequisites


def standards(*events: dict):
    return firm(events=list(events))


FLEX = {"id": "std", "kind": "standard.group", "window": [2025, 2027]}


@pytest.mark.parametrize(("year", "ok"), [(2025, True), (2027, True), (2028, False)])
def test_flexible_event_in_its_window(cat: Catalogue, year: int, ok: bool) -> None:
    """Semantics: a flexible event happens in one year of its window (2025-2027); 003 Art. 13 pays a group
    standard up to 100,000 in its year."""
    vs = check(cat, standards(FLEX), app("tz.art13.standard_group", year, 100_000, "std"), schedule={"std": year},
               options=LAPSE_IN)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "schedule", subject="std")


def test_flexible_event_needs_a_year_unless_optional(cat: Catalogue) -> None:
    """Semantics: a required flexible event left unscheduled is a schedule error; an optional one may be
    skipped, and then pays nothing."""
    assert_only(check(cat, standards(FLEX)), "schedule")
    opt = {**FLEX, "optional": True}
    assert_legal(check(cat, standards(opt), schedule={"std": None}))
    vs = check(cat, standards(opt), app("tz.art13.standard_group", 2026, 100_000, "std"), schedule={"std": None})
    assert_only(vs, "schedule", subject="std")


def test_schedule_naming_an_unknown_event(cat: Catalogue) -> None:
    """Semantics: the schedule gives years to the firm's flexible events and projects only."""
    assert_only(check(cat, standards(), schedule={"ghost": 2026}), "schedule", subject="ghost")


def test_application_in_another_year_than_the_scheduled_event(cat: Catalogue) -> None:
    """Semantics: an event measure (no lag) pays in the event's year: scheduled 2026, applied 2027."""
    vs = check(cat, standards(FLEX), app("tz.art13.standard_group", 2027, 100_000, "std"), schedule={"std": 2026})
    assert_only(vs, "eligibility")


def recognitions(gap: int = 1, optional_ss: bool = False):
    return firm(district="shijingshan", events=[
        {"id": "ss", "kind": "recognition.ss_municipal", "window": [2025, 2027], "optional": optional_ss,
         "grants": ["ss_municipal"]},
        {"id": "lg", "kind": "recognition.little_giant_national", "window": [2025, 2028], "optional": True,
         "requires": [{"event": "ss", "min_gap_years": gap}]}])


@pytest.mark.parametrize(("ss", "lg", "ok"), [(2025, 2026, True), (2025, 2027, True), (2026, 2026, False)])
def test_prerequisite_event_one_year_earlier(cat: Catalogue, ss: int, lg: int, ok: bool) -> None:
    """001 III (III) 3: 'Recognized specialized and sophisticated SMEs ... are encouraged ... to file an
    application' for little giant: the S&S recognition must come at least one year before (min_gap_years 1).
    Shijingshan pays 200,000 and then the difference 600,000."""
    vs = check(cat, recognitions(), app("ss.shijingshan.ss_recognition", ss, 200_000, "ss"),
               app("ss.shijingshan.little_giant", lg, 600_000, "lg"), schedule={"ss": ss, "lg": lg})
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "prerequisite", subject="lg")


def test_prerequisite_skipped_means_the_event_does_not_happen(cat: Catalogue) -> None:
    """Semantics: an event whose prerequisite does not happen does not happen: S&S skipped, little giant 2027."""
    assert_legal(check(cat, recognitions(optional_ss=True), schedule={"ss": None, "lg": None}))
    vs = check(cat, recognitions(optional_ss=True), schedule={"ss": None, "lg": 2027})
    assert_only(vs, "prerequisite", subject="lg")


@pytest.mark.parametrize(("year", "ok"), [(2025, False), (2026, True)])
def test_prerequisite_status_with_a_gap(cat: Catalogue, year: int, ok: bool) -> None:
    """Semantics: a status prerequisite counts from the year it is held: high_tech since 2024 with
    min_gap_years 2 allows the event from 2026."""
    f = firm(statuses=[{"status": "high_tech", "since": 2024}], events=[
        {"id": "std", "kind": "standard.group", "window": [2025, 2027],
         "requires": [{"status": "high_tech", "min_gap_years": 2}]}])
    vs = check(cat, f, app("tz.art13.standard_group", year, 100_000, "std"), schedule={"std": year})
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "prerequisite")


@pytest.mark.parametrize(("start", "ok"), [(2025, True), (2026, True), (2027, False), (None, False)])
def test_flexible_project_start(cat: Catalogue, start: int | None, ok: bool) -> None:
    """Semantics: a flexible project starts in a year of its start_window (2025-2026); 003 Art. 10 pays the
    interest of its first year (1,000,000) in the start year."""
    f = firm(projects=[{"id": "loan", "kinds": ["loan"], "start_window": [2025, 2026],
                        "costs": {"interest_paid": [1_000_000]}}])
    plan = [app("tz.art10.loan_interest", start, 1_000_000, "loan")] if start else []
    vs = check(cat, f, *plan, schedule={"loan": start} if start else {})
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "schedule", subject="loan")


# ---------------------------------------------------------------- capacity (planning option)


@pytest.mark.parametrize(("capacity", "ok"), [(4, True), (3, True), (2, False), (0, False)])
def test_capacity_per_year(cat: Catalogue, capacity: int, ok: bool) -> None:
    """PlanOptions.max_applications_per_year: three applications in 2026 (003 Art. 13: 300,000 local, 100,000
    group, 500,000 national = 900,000 under the 1M a year; Art. 10 interest in 2025) fit a capacity of 3."""
    f = firm(events=[{"id": "db", "kind": "standard.local", "year": 2026},
                     {"id": "tb", "kind": "standard.group", "year": 2026},
                     {"id": "gb", "kind": "standard.national", "year": 2026}],
             projects=[{"id": "loan", "kinds": ["loan"], "start": 2025, "costs": {"interest_paid": [1_000_000]}}])
    vs = check(cat, f, app("tz.art13.standard_local", 2026, 300_000, "db"),
               app("tz.art13.standard_group", 2026, 100_000, "tb"),
               app("tz.art13.standard_international_national_industry", 2026, 500_000, "gb"),
               app("tz.art10.loan_interest", 2025, 1_000_000, "loan"),
               options=PlanOptions(max_applications_per_year=capacity))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "capacity", limit=capacity)
        assert {(v.year, v.amount) for v in vs} == ({(2026, 3)} if capacity else {(2025, 1), (2026, 3)})


# ---------------------------------------------------------------- plan-level sanity


def test_horizon_duplicate_unknown_and_firm(cat: Catalogue) -> None:
    """Semantics: applications lie in the horizon, name a known measure and subject, one per measure, subject
    and year; and the plan is the firm's."""
    f = firm(events=[{"id": "std", "kind": "standard.group", "year": 2026}])
    a = app("tz.art13.standard_group", 2026, 50_000, "std")
    assert_only(check(cat, f, a, years=(2027, 2028)), "horizon")
    assert_only(check(cat, f, a, a), "duplicate", "timing.once")
    assert_only(check(cat, f, app("tz.no_such_measure", 2026, 1)), "unknown_measure")
    assert_only(check(cat, f, app("tz.art13.standard_group", 2026, 1, "nothing")), "unknown_subject")
    from grantstack.models.checker import check_plan

    vs = check_plan(cat, f, Plan(firm="someone-else", years=(2025, 2028), applications=(a,)))
    assert_only(vs, "firm")
