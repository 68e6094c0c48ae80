"""Per-application ceilings and eligibility through check_plan, at the edges, on the bundled catalogue.

Every case is worked out by hand from the clause quoted in its docstring: the amount at the
ceiling passes, one yuan (or one unit) over breaks exactly the rule named.
"""

from __future__ import annotations

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.loading import load_catalogue
from grantstack.models.options import Interpretation
from tests.factories import firm
from tests.models.checking import app, assert_legal, assert_only, check


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


# ---------------------------------------------------------------- rate x base, per-application cap


RENEWED = Interpretation(reference_editions="renewed")
SS = [{"status": "ss_municipal", "since": 2020}]


def tsp_firm(*budgets: int):
    return firm(district="haidian", tags=["technology_service"], projects=[
        {"id": "brand", "kinds": ["branded_tsp"], "start": 2025, "costs": {"budget": list(budgets)}}])


@pytest.mark.parametrize(("amount", "broken"), [(2_999_996, ()), (2_999_997, ()), (2_999_998, ("ceiling",))])
def test_000_item4_rate_of_the_years_budget(cat: Catalogue, amount: int, broken: tuple[str, ...]) -> None:
    """000 item 4 (the 2022 call assumed renewed): 'the annual support amount will be not more than 30 percent
    of the project budget of the year': budget 9,999,990 -> 30% = 2,999,997 (below the 3M cap), so 2,999,998
    breaks the ceiling."""
    vs = check(cat, tsp_firm(9_999_990), app("ts.municipal.4.branded_tsp", 2025, amount, "brand"), options=RENEWED)
    if broken:
        assert_only(vs, *broken, limit=2_999_997, measure="ts.municipal.4.branded_tsp")
    else:
        assert_legal(vs)


def test_000_item4_three_million_cap_binds_above_a_10m_budget(cat: Catalogue) -> None:
    """000 item 4: 'not more than CNY 3 million' a year: budget 20M -> 30% = 6M, min 3M = 3,000,000.
    3,000,001 is over the per-application ceiling and over the provider's 3M for the year (cap.year)."""
    f = tsp_firm(20_000_000)
    assert_legal(check(cat, f, app("ts.municipal.4.branded_tsp", 2025, 3_000_000, "brand"), options=RENEWED))
    vs = check(cat, f, app("ts.municipal.4.branded_tsp", 2025, 3_000_001, "brand"), options=RENEWED)
    assert_only(vs, "ceiling", "cap.year")
    assert {v.limit for v in vs} == {3_000_000}


def test_000_item4_budget_of_exactly_10m_reaches_the_cap(cat: Catalogue) -> None:
    """000 item 4: budget 10,000,000 x 30% = 3,000,000 = the cap exactly."""
    assert_legal(check(cat, tsp_firm(10_000_000), app("ts.municipal.4.branded_tsp", 2025, 3_000_000, "brand"),
                       options=RENEWED))


def test_000_item5_previous_years_investment(cat: Catalogue) -> None:
    """000 item 5: 'The amount will not exceed 30 percent of the platform's investment in the previous year':
    investment 5,000,000 in 2025 -> 1,500,000 in 2026 (under the 2M cap); 1,500,001 breaks the ceiling. In
    2025 the previous year (2024) is not a project year: project_years."""
    f = firm(district="haidian", projects=[
        {"id": "plat", "kinds": ["public_service_platform"], "start": 2025, "costs": {"investment": [5_000_000]}}])
    m = "ts.municipal.5.open_service_platform"
    assert_legal(check(cat, f, app(m, 2026, 1_500_000, "plat"), options=RENEWED))
    assert_only(check(cat, f, app(m, 2026, 1_500_001, "plat"), options=RENEWED), "ceiling", limit=1_500_000)
    assert_only(check(cat, f, app(m, 2025, 1, "plat"), options=RENEWED), "project_years")


# ---------------------------------------------------------------- 003 Art. 4 rate of investment, both readings


def pilot_firm(*investment: int):
    return firm(projects=[{"id": "pilot", "kinds": ["pilot_testing"], "start": 2025,
                           "costs": {"investment": list(investment)}}])


@pytest.mark.parametrize(("amount", "ok"), [(5_999_999, True), (6_000_000, True), (6_000_001, False)])
def test_003_art4_each_year_reading(cat: Catalogue, amount: int, ok: bool) -> None:
    """003 Art. 4: 'up to 30% of the verified total investment': each year's investment 20M -> 6,000,000."""
    vs = check(cat, pilot_firm(20_000_000, 20_000_000, 20_000_000), app("tz.art4.pilot_testing", 2025, amount, "pilot"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "ceiling", limit=6_000_000)


def test_003_art4_project_total_reading_raises_a_single_years_ceiling(cat: Catalogue) -> None:
    """003 Art. 4 with rate_basis=project_total: investment 10M a year for 3 years, total 30M -> 9,000,000
    for one application (each_year: 3,000,000). 9,000,001 breaks the ceiling and the run's 30% of the
    total (cap.project_total)."""
    f = pilot_firm(10_000_000, 10_000_000, 10_000_000)
    total = Interpretation(rate_basis="project_total")
    assert_legal(check(cat, f, app("tz.art4.pilot_testing", 2025, 9_000_000, "pilot"), options=total))
    assert_only(check(cat, f, app("tz.art4.pilot_testing", 2025, 3_000_001, "pilot")), "ceiling", limit=3_000_000)
    vs = check(cat, f, app("tz.art4.pilot_testing", 2025, 9_000_001, "pilot"), options=total)
    assert_only(vs, "ceiling", "cap.project_total")


# ---------------------------------------------------------------- interest paid


@pytest.mark.parametrize(("amount", "ok"), [(2_999_999, True), (3_000_000, True), (3_000_001, False)])
def test_003_art10_interest_actually_paid(cat: Catalogue, amount: int, ok: bool) -> None:
    """003 Art. 10: 'Interest subsidies will be provided up to the actual amount of interest paid':
    interest paid 3,000,000 in 2025 -> ceiling 3,000,000."""
    f = firm(projects=[{"id": "loan", "kinds": ["loan"], "start": 2025, "costs": {"interest_paid": [3_000_000]}}])
    vs = check(cat, f, app("tz.art10.loan_interest", 2025, amount, "loan"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "ceiling", limit=3_000_000)


def test_001_item6_interest_capped_at_5m_a_year(cat: Catalogue) -> None:
    """001 item 6: 'interest subsidies of up to RMB 5 million every year': interest paid 6M -> 5,000,000 (the
    per-application ceiling and the enterprise's 5M a year)."""
    f = firm(district="haidian", statuses=SS, projects=[
        {"id": "bri", "kinds": ["belt_and_road"], "start": 2025, "costs": {"interest_paid": [6_000_000]}}])
    assert_legal(check(cat, f, app("ss.municipal.6.belt_and_road_interest", 2025, 5_000_000, "bri")))
    vs = check(cat, f, app("ss.municipal.6.belt_and_road_interest", 2025, 5_000_001, "bri"))
    assert_only(vs, "ceiling", "cap.year", limit=5_000_000)


# ---------------------------------------------------------------- per unit


@pytest.mark.parametrize(("count", "amount", "ok"), [(6, 600_000, True), (6, 600_001, False), (1, 100_001, False)])
def test_003_art12_per_category(cat: Catalogue, count: int, amount: int, ok: bool) -> None:
    """003 Art. 12: 'up to RMB 100,000 per category': 6 categories -> 600,000; 1 category -> 100,000."""
    f = firm(events=[{"id": "ce", "kind": "certification.international", "year": 2026, "count": count}])
    vs = check(cat, f, app("tz.art12.certification_international", 2026, amount, "ce"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "ceiling", limit=100_000 * count)


def test_002_changping4_per_product_capped_per_application(cat: Catalogue) -> None:
    """002 Changping (4): 'CNY 1 million ... to each of the certified new products ... total annual support
    ... not exceeding CNY 2 million': 3 products -> min(3M, 2M) = 2,000,000; 2,000,001 breaks the ceiling
    and the 2M a year (cap.year)."""
    f = firm(district="changping", statuses=[{"status": "high_tech", "since": 2020}],
             events=[{"id": "fs", "kind": "first_set.certified", "year": 2026, "count": 3}])
    assert_legal(check(cat, f, app("ai.changping.4.first_set", 2026, 2_000_000, "fs")))
    assert_only(check(cat, f, app("ai.changping.4.first_set", 2026, 2_000_001, "fs")), "ceiling", "cap.year")


# ---------------------------------------------------------------- declining schedule with an area cap


def rent_firm(rent: int, area: int, years: int = 3, start: int = 2025):
    """A firm settled in Dongcheng on 2025-03-01 whose offices rent `rent` a year on `area` m2."""
    ys = range(start, start + years)
    return firm(district="dongcheng", dates={"settled": "2025-03-01"},
                metrics={"office_rent": dict.fromkeys(ys, rent), "office_area": dict.fromkeys(ys, area)})


@pytest.mark.parametrize(
    ("year", "at", "k"), [(2025, 1_080_000, 1), (2026, 720_000, 2), (2027, 360_000, 3)],
)
def test_002_dongcheng2_declining_rent(cat: Catalogue, year: int, at: int, k: int) -> None:
    """002 Dongcheng (2): '30 percent of the annual rent subsidized in the first year, 20 percent in the second
    year and 10 percent in the third year. The maximum subsidized area shall not exceed 3,000 square meters':
    rent 4,320,000 for 3,600 m2 -> base 4,320,000 x 3000/3600 = 3,600,000 -> 1,080,000 / 720,000 / 360,000
    in support years 1 / 2 / 3. Earlier support years are paid at their ceilings."""
    f = rent_firm(4_320_000, 3600)
    earlier = [app("ai.dongcheng.2.rent", 2025 + i, a) for i, a in enumerate((1_080_000, 720_000)[: k - 1])]
    assert_legal(check(cat, f, *earlier, app("ai.dongcheng.2.rent", year, at)))
    vs = check(cat, f, *earlier, app("ai.dongcheng.2.rent", year, at + 1))
    assert_only(vs, "ceiling", limit=at, year=year)


def test_002_dongcheng2_annual_cap_of_3m(cat: Catalogue) -> None:
    """002 Dongcheng (2): 'the total annual subsidy will not exceed CNY 3 million': rent 12,000,000 on
    3,000 m2 -> 30% = 3,600,000 -> 3,000,000. 3,000,001 is over the application's and the year's cap."""
    f = rent_firm(12_000_000, 3000, years=1)
    assert_legal(check(cat, f, app("ai.dongcheng.2.rent", 2025, 3_000_000)))
    assert_only(check(cat, f, app("ai.dongcheng.2.rent", 2025, 3_000_001)), "ceiling", "cap.year")


def test_002_dongcheng2_area_proration_is_floored_once(cat: Catalogue) -> None:
    """002 Dongcheng (2): rent 1,000,337 for 3,001 m2; 'The maximum subsidized area shall not exceed 3,000
    square meters': subsidised rent = 1,000,337 x 3000/3001 = 1,000,003.665... yuan; 30% of it =
    300,001.099... -> 300,001 yuan. Flooring the base first gives floor(30% x 1,000,003) = floor(300,000.9) =
    300,000; the rate must floor once, at the end, so 300,001 is legal and 300,002 is not."""
    f = rent_firm(1_000_337, 3001, years=1)
    assert_legal(check(cat, f, app("ai.dongcheng.2.rent", 2025, 300_001)))
    assert_only(check(cat, f, app("ai.dongcheng.2.rent", 2025, 300_002)), "ceiling")


def test_002_dongcheng2_fourth_year_pays_nothing(cat: Catalogue) -> None:
    """002 Dongcheng (2): 'for three consecutive years from the year of settlement': 2028 is the fourth year
    from settling in 2025 and has no rate (ceiling 0)."""
    f = rent_firm(4_320_000, 3600, years=4)
    plan = [app("ai.dongcheng.2.rent", 2025 + i, a) for i, a in enumerate((1_080_000, 720_000, 360_000))]
    assert_legal(check(cat, f, *plan))
    vs = check(cat, f, *plan, app("ai.dongcheng.2.rent", 2028, 1))
    assert_only(vs, "ceiling")


# ---------------------------------------------------------------- tiers


def dongcheng_firm(settled: str = "2025-06-01", **metrics: dict[int, int]):
    return firm(district="dongcheng", tags=["software_64_65"], dates={"settled": settled}, metrics=metrics)


@pytest.mark.parametrize(
    ("revenue", "ceiling"),
    [(29_999_999, 0), (30_000_000, 500_000), (99_999_999, 500_000), (100_000_000, 3_000_000),
     (999_999_999, 3_000_000), (1_000_000_000, 5_000_000)],
)
def test_002_dongcheng1_revenue_bands(cat: Catalogue, revenue: int, ceiling: int) -> None:
    """002 Dongcheng (1): '500,000 ... business revenue of CNY 30 million or more and less than CNY100 million
    ...; CNY 1 million to 3 million ... 100 million or more and less than CNY 1 billion; ... CNY 5 million
    ... CNY 1 billion or more': each band's lower edge moves the ceiling; one yuan over it breaks it."""
    f = dongcheng_firm(revenue={2025: revenue})
    m = "ai.dongcheng.1.settlement_revenue"
    if ceiling:
        assert_legal(check(cat, f, app(m, 2025, ceiling)))
    assert_only(check(cat, f, app(m, 2025, ceiling + 1)), "ceiling", limit=ceiling)


@pytest.mark.parametrize(
    ("revenue", "rd", "ceiling"),
    [(50_000_000, 6_000_000, 100_000), (50_000_000, 5_999_999, 0),
     (100_000_000, 9_000_000, 250_000), (100_000_000, 8_999_999, 0)],
)
def test_002_dongcheng6_rd_intensity(cat: Catalogue, revenue: int, rd: int, ceiling: int) -> None:
    """002 Dongcheng (6): 'CNY 100,000 ... revenue of CNY 10 million or more to CNY 100 million and the
    proportion of investment in research and development reaching 12 percent. ... CNY 250,000 ... CNY 100
    million or more to CNY 1 billion and ... reaching 9 percent': 12% of 50M = 6,000,000; 9% of 100M =
    9,000,000. One yuan of R&D short leaves no row (ceiling 0)."""
    f = dongcheng_firm(revenue={2025: revenue}, rd_spend={2025: rd})
    m = "ai.dongcheng.6.rd_intensity"
    if ceiling:
        assert_legal(check(cat, f, app(m, 2025, ceiling)))
    assert_only(check(cat, f, app(m, 2025, ceiling + 1)), "ceiling", limit=ceiling)


# ---------------------------------------------------------------- milestones


@pytest.mark.parametrize(
    ("now", "jump", "ceiling"),
    [(500_000_000, "highest", 0), (500_000_001, "highest", 500_000),
     (1_200_000_000, "highest", 1_000_000), (1_200_000_000, "sum", 1_500_000)],
)
def test_002_dongcheng3_first_time_milestones(cat: Catalogue, now: int, jump: str, ceiling: int) -> None:
    """002 Dongcheng (3): 'annual business revenue exceeds CNY 500 million, 1 billion ... for the first time
    ... CNY 500,000, 1 million ...': from 400M to exactly 500M exceeds nothing (0); to 500,000,001 pays
    500,000; a jump to 1.2B pays the highest (1,000,000) or the sum 500,000 + 1,000,000 = 1,500,000."""
    f = dongcheng_firm(revenue={2025: 400_000_000, 2026: now})
    options = Interpretation(milestone_jump=jump)
    m = "ai.dongcheng.3.revenue_milestones"
    if ceiling:
        assert_legal(check(cat, f, app(m, 2026, ceiling), options=options))
    assert_only(check(cat, f, app(m, 2026, ceiling + 1), options=options), "ceiling", limit=ceiling)


def test_002_dongcheng3_milestone_already_exceeded_pays_nothing(cat: Catalogue) -> None:
    """002 Dongcheng (3) 'for the first time': revenue 600M (2025), 450M (2026), 600M (2027): 500M was
    exceeded in 2025, so 2027 crosses nothing: ceiling 0."""
    f = dongcheng_firm(revenue={2025: 600_000_000, 2026: 450_000_000, 2027: 600_000_000})
    assert_legal(check(cat, f, app("ai.dongcheng.3.revenue_milestones", 2025, 500_000)))
    assert_only(check(cat, f, app("ai.dongcheng.3.revenue_milestones", 2027, 1)), "ceiling", limit=0)


# ---------------------------------------------------------------- matching an external award (a ceiling)


@pytest.mark.parametrize(("award", "amount", "ok"), [(2_000_000, 1_000_000, True), (2_000_000, 1_000_001, False),
                                                     (2_000_001, 1_000_000, True), (0, 1, False)])
def test_003_art5_half_of_the_municipal_award(cat: Catalogue, award: int, amount: int, ok: bool) -> None:
    """003 Art. 5: 'Enterprises receiving municipal-level first-set or first-batch support may receive up to
    50% matching support at the district level': award 2,000,000 -> 1,000,000; 2,000,001 -> floor(1,000,000.5)
    = 1,000,000; no award -> 0. The municipal award is external (event value), so the bound is this
    application's ceiling, not the relational 'matching' rule."""
    values = {"municipal_award": award} if award else {}
    f = firm(events=[{"id": "fs", "kind": "first_set.product", "year": 2026, "values": values}])
    vs = check(cat, f, app("tz.art5.first_set_matching", 2026, amount, "fs"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "ceiling", limit=award // 2)


def test_003_art11_one_to_one_matching(cat: Catalogue) -> None:
    """003 Art. 11: 'Matching support of up to 1:1 with municipal funding': municipal funding 7,000,000 in
    the project year -> 7,000,000; 7,000,001 breaks the ceiling."""
    f = firm(projects=[{"id": "ma", "kinds": ["m_and_a"], "start": 2025,
                        "costs": {"municipal_funding": [7_000_000]}}])
    assert_legal(check(cat, f, app("tz.art11.m_and_a_matching", 2025, 7_000_000, "ma")))
    assert_only(check(cat, f, app("tz.art11.m_and_a_matching", 2025, 7_000_001, "ma")), "ceiling", limit=7_000_000)


# ---------------------------------------------------------------- fixed and up-to amounts


@pytest.mark.parametrize(("mid", "kind", "at"), [
    ("tz.art13.standard_international_national_industry", "standard.international", 500_000),
    ("tz.art13.standard_local", "standard.local", 300_000),
    ("tz.art13.standard_group", "standard.group", 100_000),
])
def test_003_art13_standard_ceilings(cat: Catalogue, mid: str, kind: str, at: int) -> None:
    """003 Art. 13: 'Support caps: RMB 500,000 for international, national, and industry standards; RMB
    300,000 for local standards; RMB 100,000 for group standards.'"""
    f = firm(events=[{"id": "std", "kind": kind, "year": 2026}])
    assert_legal(check(cat, f, app(mid, 2026, at, "std")))
    assert_only(check(cat, f, app(mid, 2026, at + 1, "std")), "ceiling", limit=at)


def test_001_shunyi_fixed_one_time_incentive(cat: Catalogue) -> None:
    """001 Shunyi: 'A one-time incentive of RMB 100,000 and RMB 500,000 will be granted to [Beijing S&S
    SMEs] and [national little giants], respectively': 500,000 passes, 500,001 breaks the ceiling."""
    f = firm(district="shunyi", events=[{"id": "lg", "kind": "recognition.little_giant_national", "year": 2026}])
    assert_legal(check(cat, f, app("ss.shunyi.little_giant", 2026, 500_000, "lg")))
    assert_only(check(cat, f, app("ss.shunyi.little_giant", 2026, 500_001, "lg")), "ceiling", limit=500_000)


# ---------------------------------------------------------------- eligibility


def test_district_measure_needs_the_firms_district(cat: Catalogue) -> None:
    """003 is a Tongzhou guideline: a Haidian firm's standard is not eligible for Art. 13."""
    f = firm(district="haidian", events=[{"id": "std", "kind": "standard.group", "year": 2026}])
    assert_only(check(cat, f, app("tz.art13.standard_group", 2026, 1, "std")), "eligibility")


def test_003_art1_tag_condition(cat: Catalogue) -> None:
    """003 Art. 1 (entities in advanced manufacturing) on Art. 13: a firm without the tag is not eligible."""
    f = firm(tags=[], events=[{"id": "std", "kind": "standard.group", "year": 2026}])
    assert_only(check(cat, f, app("tz.art13.standard_group", 2026, 100_000, "std")), "eligibility")


@pytest.mark.parametrize(("year", "ok"), [(2025, False), (2026, True), (2027, False)])
def test_001_dongcheng_paid_the_year_after_recognition(cat: Catalogue, year: int, ok: bool) -> None:
    """001 Dongcheng: 'RMB 100,000 ... to enterprises recognized as [Beijing S&S SMEs] ... in the previous
    year': recognition in 2025 pays in 2026 only (lag 1)."""
    f = firm(district="dongcheng", events=[{"id": "ss", "kind": "recognition.ss_municipal", "year": 2025}])
    vs = check(cat, f, app("ss.dongcheng.ss_recognition", year, 100_000, "ss"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "eligibility")


def test_001_shijingshan_first_time_only(cat: Catalogue) -> None:
    """001 Shijingshan: '... for the first time': a re-recognition (first_time false) is not eligible."""
    f = firm(district="shijingshan", events=[
        {"id": "ss", "kind": "recognition.ss_municipal", "year": 2026, "first_time": False}])
    assert_only(check(cat, f, app("ss.shijingshan.ss_recognition", 2026, 200_000, "ss")), "eligibility")


@pytest.mark.parametrize(("year", "ok"), [(2025, False), (2026, True)])
def test_001_item7_status_granted_by_a_scheduled_event(cat: Catalogue, year: int, ok: bool) -> None:
    """001 item 7: 'invention patents of specialized and sophisticated SMEs ... not more than 30% of the
    standard amount of the annuity': S&S status comes from a flexible recognition scheduled in 2026, so
    it counts from 2026 on. Standard annuity 100,000 -> 30,000."""
    f = firm(district="haidian",
             events=[{"id": "ss", "kind": "recognition.ss_municipal", "window": [2025, 2027],
                      "grants": ["ss_municipal"]}],
             projects=[{"id": "pat", "kinds": ["patent_annuity"], "start": 2025,
                        "costs": {"annuity_standard": [100_000] * 4, "annuity_paid": [85_000] * 4}}])
    vs = check(cat, f, app("ss.municipal.7.patent_annuity", year, 30_000, "pat"), schedule={"ss": 2026})
    if ok:
        assert_legal(vs)
        over = check(cat, f, app("ss.municipal.7.patent_annuity", year, 30_001, "pat"), schedule={"ss": 2026})
        assert_only(over, "ceiling", limit=30_000)
    else:
        assert_only(vs, "eligibility")


def test_003_art21_validity_ends_in_2028(cat: Catalogue) -> None:
    """003 Art. 21: 'valid for three years' from 2025-05-08: a standard of 2029 is not eligible."""
    f = firm(events=[{"id": "std", "kind": "standard.group", "year": 2029}])
    vs = check(cat, f, app("tz.art13.standard_group", 2029, 100_000, "std"), years=(2025, 2029))
    assert_only(vs, "eligibility")


def test_reference_only_edition_follows_the_option(cat: Catalogue) -> None:
    """000 item 4 is a 2022 call 'for reference only': in 2025 it pays only if assumed renewed; exclude refuses
    it even in 2022, its own year."""
    f = tsp_firm(10_000_000)
    a = app("ts.municipal.4.branded_tsp", 2025, 3_000_000, "brand")
    assert_only(check(cat, f, a), "eligibility")
    assert_legal(check(cat, f, a, options=RENEWED))
    assert_only(check(cat, f, a, options=Interpretation(reference_editions="exclude")), "eligibility")
    own = firm(district="haidian", tags=["technology_service"], projects=[
        {"id": "brand", "kinds": ["branded_tsp"], "start": 2022, "costs": {"budget": [10_000_000]}}])
    in_2022 = app("ts.municipal.4.branded_tsp", 2022, 3_000_000, "brand")
    assert_legal(check(cat, own, in_2022, years=(2022, 2022)))
    assert_only(check(cat, own, in_2022, years=(2022, 2022), options=Interpretation(reference_editions="exclude")),
                "eligibility")


def test_project_measure_outside_the_project_years(cat: Catalogue) -> None:
    """003 Art. 4 on a one-year project (2025): an application in 2026 is not in a project year."""
    f = pilot_firm(10_000_000)
    assert_only(check(cat, f, app("tz.art4.pilot_testing", 2026, 1, "pilot")), "project_years")
