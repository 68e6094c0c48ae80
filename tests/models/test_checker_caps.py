"""Caps through check_plan at their edges: per year, subject, subject-year, firm, slices, project total, shared.

Every case is worked out by hand from the clause quoted in its docstring, on the bundled catalogue.
"""

from __future__ import annotations

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.loading import load_catalogue
from grantstack.models.options import Interpretation
from tests import factories
from tests.factories import firm
from tests.models.checking import app, assert_legal, assert_only, check

TOTAL = Interpretation(rate_basis="project_total")
ADD_UP = Interpretation(routes_add_up=True)
RENEWED = Interpretation(reference_editions="renewed")
SS = [{"status": "ss_municipal", "since": 2020}]


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


# ---------------------------------------------------------------- cap.year


@pytest.mark.parametrize(("second", "ok"), [(1_199_999, True), (1_200_000, True), (1_200_001, False)])
def test_000_item4_provider_year_cap_over_two_projects(cat: Catalogue, second: int, ok: bool) -> None:
    """000 item 4 (2022 call, in force in 2022): 'the annual support amount for each provider will be not more
    than CNY 3 million': two branded projects with budgets of 6M (ceilings 1,800,000 each) in 2022:
    1,800,000 + 1,200,000 = 3,000,000."""
    f = firm(district="haidian", tags=["technology_service"], projects=[
        {"id": p, "kinds": ["branded_tsp"], "start": 2022, "costs": {"budget": [6_000_000]}} for p in ("a", "b")])
    vs = check(cat, f, app("ts.municipal.4.branded_tsp", 2022, 1_800_000, "a"),
               app("ts.municipal.4.branded_tsp", 2022, second, "b"), years=(2022, 2022))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.year", limit=3_000_000, amount=3_000_001)


def test_000_item4_year_cap_is_per_year(cat: Catalogue) -> None:
    """000 item 4, the call assumed renewed: the 3M is annual: 1.8M on project a in 2025 and 1.8M on project b
    in 2026 add to nothing."""
    f = firm(district="haidian", tags=["technology_service"], projects=[
        {"id": "a", "kinds": ["branded_tsp"], "start": 2025, "costs": {"budget": [6_000_000]}},
        {"id": "b", "kinds": ["branded_tsp"], "start": 2026, "costs": {"budget": [6_000_000]}}])
    assert_legal(check(cat, f, app("ts.municipal.4.branded_tsp", 2025, 1_800_000, "a"),
                       app("ts.municipal.4.branded_tsp", 2026, 1_800_000, "b"), options=RENEWED))


@pytest.mark.parametrize(("second", "ok"), [(20_000, True), (20_001, False)])
def test_003_art16_voucher_annual_cap(cat: Catalogue, second: int, ok: bool) -> None:
    """003 Art. 16: 'up to 30% of the contract amount per service, with an annual subsidy cap of RMB 50,000
    per enterprise': two contracts of 100,000 (30,000 each) in 2026: 30,000 + 20,000 = 50,000."""
    f = firm(tags=["advanced_manufacturing", "small_micro"], projects=[
        {"id": s, "kinds": ["service_purchase"], "start": 2026, "costs": {"contract_amount": [100_000]}}
        for s in ("audit", "legal")])
    vs = check(cat, f, app("tz.art16.service_voucher", 2026, 30_000, "audit"),
               app("tz.art16.service_voucher", 2026, second, "legal"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.year", limit=50_000)


@pytest.mark.parametrize(("second", "ok"), [(400_000, True), (400_001, False)])
def test_003_art9_matching_capped_at_1m_a_year_per_enterprise(cat: Catalogue, second: int, ok: bool) -> None:
    """003 Art. 9: 'matching support of up to 50% will be provided, capped at RMB 1 million annually per
    enterprise': two projects with municipal awards of 1,200,000 (ceilings 600,000): 600,000 + 400,000."""
    f = firm(projects=[{"id": p, "kinds": ["industrial_upgrading"], "start": 2026,
                        "costs": {"municipal_award": [1_200_000]}} for p in ("line1", "line2")])
    m = "tz.art9.intelligent_manufacturing_100_matching"
    vs = check(cat, f, app(m, 2026, 600_000, "line1"), app(m, 2026, second, "line2"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.year", limit=1_000_000)


def test_003_art9_matching_cap_binds_below_the_ceiling(cat: Catalogue) -> None:
    """003 Art. 9: municipal award 3,000,000 -> 50% = 1,500,000 is this application's ceiling, but 1M a
    year per enterprise binds: 1,000,001 breaks cap.year only."""
    f = firm(projects=[{"id": "line", "kinds": ["industrial_upgrading"], "start": 2026,
                        "costs": {"municipal_award": [3_000_000]}}])
    m = "tz.art9.intelligent_manufacturing_100_matching"
    assert_legal(check(cat, f, app(m, 2026, 1_000_000, "line")))
    assert_only(check(cat, f, app(m, 2026, 1_000_001, "line")), "cap.year")


@pytest.mark.parametrize(("amount", "ok"), [(2_999_999, True), (3_000_000, True), (3_000_001, False)])
def test_002_dongcheng2_annual_cap_of_the_enterprise(cat: Catalogue, amount: int, ok: bool) -> None:
    """002 Dongcheng (2): 'the total annual subsidy will not exceed CNY 3 million': the enterprise's offices
    (all leases together) rent 11M on 3,000 m2 in its settlement year 2025 -> 30% = 3,300,000, cut to
    3,000,000."""
    f = firm(district="dongcheng", dates={"settled": "2025-03-01"},
             metrics={"office_rent": {2025: 11_000_000}, "office_area": {2025: 3000}})
    vs = check(cat, f, app("ai.dongcheng.2.rent", 2025, amount))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "ceiling", "cap.year", limit=3_000_000)


# ---------------------------------------------------------------- cap.subject


@pytest.mark.parametrize(("third", "ok"), [(0, True), (1, False)])
def test_003_art4_cumulative_10m_each_year_reading(cat: Catalogue, third: int, ok: bool) -> None:
    """003 Art. 4: 'a cumulative cap of RMB 10 million': investment 20M a year -> 6M ceilings; 6,000,000 +
    4,000,000 = 10,000,000, so any third payment is over the cap."""
    f = firm(projects=[{"id": "pilot", "kinds": ["pilot_testing"], "start": 2025,
                        "costs": {"investment": [20_000_000] * 3}}])
    m = "tz.art4.pilot_testing"
    plan = [app(m, 2025, 6_000_000, "pilot"), app(m, 2026, 4_000_000, "pilot")]
    if third:
        plan.append(app(m, 2027, third, "pilot"))
    vs = check(cat, f, *plan)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.subject", limit=10_000_000, amount=10_000_001, year=2027)


@pytest.mark.parametrize(("third", "ok"), [(3_000_000, True), (3_000_001, False)])
def test_003_art4_cumulative_10m_binds_before_the_project_total(cat: Catalogue, third: int, ok: bool) -> None:
    """003 Art. 4, rate_basis=project_total: investment 15M x 3 = 45M -> 30% = 13,500,000 over the run, but
    the cumulative cap is 10M: 4,000,000 + 3,000,000 + 3,000,000 = 10,000,000; one yuan more breaks
    cap.subject only (10,000,001 < 13,500,000)."""
    f = firm(projects=[{"id": "pilot", "kinds": ["pilot_testing"], "start": 2025,
                        "costs": {"investment": [15_000_000] * 3}}])
    m = "tz.art4.pilot_testing"
    vs = check(cat, f, app(m, 2025, 4_000_000, "pilot"), app(m, 2026, 3_000_000, "pilot"),
               app(m, 2027, third, "pilot"), options=TOTAL)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.subject", limit=10_000_000)


@pytest.mark.parametrize(("third", "ok"), [(2_999_999, True), (3_000_000, True), (3_000_001, False)])
def test_003_art10_cumulative_10m_per_project(cat: Catalogue, third: int, ok: bool) -> None:
    """003 Art. 10: 'a cumulative cap of RMB 10 million per project': interest paid 3M, 4M, 4M; paid in full
    for two years (7,000,000), the third year may take 3,000,000 of its 4,000,000."""
    f = firm(projects=[{"id": "loan", "kinds": ["loan"], "start": 2025,
                        "costs": {"interest_paid": [3_000_000, 4_000_000, 4_000_000]}}])
    m = "tz.art10.loan_interest"
    vs = check(cat, f, app(m, 2025, 3_000_000, "loan"), app(m, 2026, 4_000_000, "loan"), app(m, 2027, third, "loan"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.subject", limit=10_000_000, amount=10_000_001)


@pytest.mark.parametrize(("second", "ok"), [(500_000, True), (500_001, False)])
def test_003_art6_cumulative_2m_per_scenario(cat: Catalogue, second: int, ok: bool) -> None:
    """003 Art. 6: 'up to RMB 2 million in cumulative support': 1,500,000 + 500,000 = 2,000,000 over two
    project years."""
    f = firm(projects=[{"id": "scn", "kinds": ["scenario"], "start": 2025, "costs": {"investment": [1, 1]}}])
    vs = check(cat, f, app("tz.art6.scenario", 2025, 1_500_000, "scn"), app("tz.art6.scenario", 2026, second, "scn"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.subject", limit=2_000_000)


@pytest.mark.parametrize(("third", "ok"), [(1_000_000, True), (1_000_001, False)])
def test_003_art8_district_base_cumulative_3m(cat: Catalogue, third: int, ok: bool) -> None:
    """003 Art. 8: 'Cumulative support caps: RMB 5 million for municipal-level bases, RMB 3 million for
    district-level bases': 1,000,000 x 3 years = 3,000,000 for a district base."""
    f = firm(projects=[{"id": "inc", "kinds": ["incubation_base_district"], "start": 2025,
                        "costs": {"operating": [1, 1, 1]}}])
    m = "tz.art8.incubation_base_district"
    vs = check(cat, f, app(m, 2025, 1_000_000, "inc"), app(m, 2026, 1_000_000, "inc"), app(m, 2027, third, "inc"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.subject", limit=3_000_000)


# ---------------------------------------------------------------- cap.subject_year (no catalogue entry: inline)


def test_subject_year_cap_inline_measure(cat: Catalogue) -> None:
    """No bundled measure has a per: subject_year cap, so an inline Tongzhou measure (up to 2,000,000 per
    application, at most 1,000,000 per project and year) is laid over the real catalogue: 1,000,000 on each
    of two projects in 2025 and again on one in 2026 passes (each project-year counts on its own);
    1,000,001 on project a in 2025 breaks cap.subject_year (not the 2M ceiling)."""
    m = factories.measure("test.subject_year", {"form": "up_to", "max": 2_000_000}, subject="project",
                          project_kinds=["pilot_testing"], caps=[{"per": "subject_year", "amount": 1_000_000}])
    laid = cat.layered(factories.catalogue(m))
    f = firm(projects=[{"id": p, "kinds": ["pilot_testing"], "start": 2025, "costs": {"x": [1, 1]}} for p in "ab"])
    assert_legal(check(laid, f, app(m.id, 2025, 1_000_000, "a"), app(m.id, 2025, 1_000_000, "b"),
                       app(m.id, 2026, 1_000_000, "a")))
    vs = check(laid, f, app(m.id, 2025, 1_000_001, "a"), app(m.id, 2025, 1_000_000, "b"))
    assert_only(vs, "cap.subject_year", limit=1_000_000, subject="a", year=2025)


# ---------------------------------------------------------------- cap.firm (history counts)


@pytest.mark.parametrize(("amount", "ok"), [(1_999_999, True), (2_000_000, True), (2_000_001, False)])
def test_001_fengtai_3m_in_total_with_a_past_award(cat: Catalogue, amount: int, ok: bool) -> None:
    """001 Fengtai: 'A subsidy of up to RMB 3 million in total': 1,000,000 received in 2024 for a key
    laboratory leaves 2,000,000 for a little-giant recognition in 2026."""
    f = firm(district="fengtai", events=[
        {"id": "lab", "kind": "qualification.fengtai", "year": 2024},
        {"id": "lg", "kind": "recognition.little_giant_national", "year": 2026}],
        history=[{"measure": "ss.fengtai.qualifications", "subject": "lab", "year": 2024, "amount": 1_000_000}])
    vs = check(cat, f, app("ss.fengtai.qualifications", 2026, amount, "lg"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.firm", limit=3_000_000, amount=3_000_001, year=2026)


def test_001_fengtai_3m_in_total_within_the_plan(cat: Catalogue) -> None:
    """001 Fengtai, no history: 3,000,000 on one qualification and 1 yuan on another is 3,000,001."""
    f = firm(district="fengtai", events=[
        {"id": "lab", "kind": "qualification.fengtai", "year": 2025},
        {"id": "award", "kind": "award.sci_tech_progress_beijing", "year": 2027}])
    m = "ss.fengtai.qualifications"
    assert_legal(check(cat, f, app(m, 2025, 3_000_000, "lab")))
    assert_only(check(cat, f, app(m, 2025, 3_000_000, "lab"), app(m, 2027, 1, "award")), "cap.firm", year=2027)


@pytest.mark.parametrize(("amount", "ok"), [(2_000_000, True), (2_000_001, False)])
def test_001_item5_listing_3m_in_total_per_enterprise(cat: Catalogue, amount: int, ok: bool) -> None:
    """001 item 5: 'not more than RMB 3 million in total for each enterprise from municipal fiscal
    authority': 1,000,000 paid for a first listing stage in 2024 leaves 2,000,000 for the listing in 2026."""
    f = firm(district="haidian", statuses=SS, events=[{"id": "stage1", "kind": "listing", "year": 2024},
                                                      {"id": "ipo", "kind": "listing", "year": 2026}],
             history=[{"measure": "ss.municipal.5.listing", "subject": "stage1", "year": 2024, "amount": 1_000_000}])
    vs = check(cat, f, app("ss.municipal.5.listing", 2026, amount, "ipo"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.firm", limit=3_000_000)


# ---------------------------------------------------------------- cap.slice (support years)


def rd_firm(years: int = 3, start: int = 2025, **extra):
    """A Haidian S&S SME with an R&D project investing 10M a year (item 1 never pays more than the cost)."""
    return firm(district="haidian", statuses=SS, projects=[{"id": "rd", "kinds": ["rd_project"], "start": start,
                                                            "costs": {"investment": [10_000_000] * years}}], **extra)


@pytest.mark.parametrize(("amount", "ok"), [(1_999_999, True), (2_000_000, True), (2_000_001, False)])
def test_001_item1_first_year_slice(cat: Catalogue, amount: int, ok: bool) -> None:
    """001 item 1: 'up to RMB2 million in the first year': support year 1 alone is capped at 2,000,000
    (the per-application ceiling is the 5M of years 2-3)."""
    vs = check(cat, rd_firm(), app("ss.municipal.1.rd_project", 2025, amount, "rd"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.slice", limit=2_000_000, year=2025)


@pytest.mark.parametrize(("third", "ok"), [(2_500_000, True), (2_500_001, False)])
def test_001_item1_second_to_third_year_slice(cat: Catalogue, third: int, ok: bool) -> None:
    """001 item 1: 'RMB 5 million through the second to third year': 2,500,000 + 2,500,000 = 5,000,000 in
    support years 2-3 (after 2,000,000 in year 1, which does not count against the 5M)."""
    m = "ss.municipal.1.rd_project"
    vs = check(cat, rd_firm(), app(m, 2025, 2_000_000, "rd"), app(m, 2026, 2_500_000, "rd"), app(m, 2027, third, "rd"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.slice", limit=5_000_000, amount=5_000_001, year=2027)


def test_001_item1_slices_count_support_years_from_history(cat: Catalogue) -> None:
    """001 item 1: the project started in 2024 and was paid 2,000,000 then (support year 1), so 2025 and 2026
    are support years 2-3: 3,000,000 + 2,000,000 = 5,000,000 passes; 3,000,000 + 2,000,001 breaks the slice
    (2025 alone at 3M would break the 2M first-year slice if history were ignored)."""
    f = rd_firm(start=2024, history=[{"measure": "ss.municipal.1.rd_project", "subject": "rd", "year": 2024,
                                      "amount": 2_000_000}])
    m = "ss.municipal.1.rd_project"
    assert_legal(check(cat, f, app(m, 2025, 3_000_000, "rd"), app(m, 2026, 2_000_000, "rd")))
    assert_only(check(cat, f, app(m, 2025, 3_000_000, "rd"), app(m, 2026, 2_000_001, "rd")), "cap.slice")


# ---------------------------------------------------------------- cap.project_total


@pytest.mark.parametrize(("third", "ok"), [(2_999_999, True), (3_000_000, True), (3_000_001, False)])
def test_003_art4_project_total_over_the_run(cat: Catalogue, third: int, ok: bool) -> None:
    """003 Art. 4 with rate_basis=project_total: 'up to 30% of the verified total investment': 10M a year
    for three years, total 30,000,000 -> 9,000,000 over the run: 3,000,000 x 3 passes, one yuan more breaks
    cap.project_total (the 10M cumulative cap is not reached)."""
    f = firm(projects=[{"id": "pilot", "kinds": ["pilot_testing"], "start": 2025,
                        "costs": {"investment": [10_000_000] * 3}}])
    m = "tz.art4.pilot_testing"
    vs = check(cat, f, app(m, 2025, 3_000_000, "pilot"), app(m, 2026, 3_000_000, "pilot"),
               app(m, 2027, third, "pilot"), options=TOTAL)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.project_total", limit=9_000_000, amount=9_000_001)


def test_003_art9_project_total_front_loaded(cat: Catalogue) -> None:
    """003 Art. 9 with rate_basis=project_total: investment 30M in year 1 and 0 after: 30% of 30M =
    9,000,000 may be spread as 5M + 4M (each year's own base would allow only 9M in year 1 and 0 later).
    5M + 4,000,001 breaks cap.project_total."""
    f = firm(projects=[{"id": "up", "kinds": ["industrial_upgrading"], "start": 2025,
                        "costs": {"investment": [30_000_000, 0]}}])
    m = "tz.art9.upgrading"
    assert_legal(check(cat, f, app(m, 2025, 5_000_000, "up"), app(m, 2026, 4_000_000, "up"), options=TOTAL))
    assert_only(check(cat, f, app(m, 2025, 5_000_000, "up"), app(m, 2026, 4_000_000, "up")), "ceiling", limit=0)
    vs = check(cat, f, app(m, 2025, 5_000_000, "up"), app(m, 2026, 4_000_001, "up"), options=TOTAL)
    assert_only(vs, "cap.project_total", limit=9_000_000)


# ---------------------------------------------------------------- shared caps


def cert_firm(intl: int, cnas: int, cnas_year: int = 2026):
    return firm(events=[{"id": "ce", "kind": "certification.international", "year": 2026, "count": intl},
                        {"id": "cnas", "kind": "certification.cnas_product", "year": cnas_year, "count": cnas}])


@pytest.mark.parametrize(("second", "ok"), [(399_999, False), (400_000, True), (400_001, False)])
def test_003_art12_one_million_a_year_across_both_routes(cat: Catalogue, second: int, ok: bool) -> None:
    """003 Art. 12: 'up to RMB 100,000 per category' / 'per product'; 'Each enterprise can receive up to RMB
    1 million annually': 6 categories (600,000) and 5 products (ceiling 500,000) in 2026: 600,000 + 400,000.
    Per-unit awards are paid in full unless the cap is reached (W0): 399,999 leaves the cap unreached."""
    vs = check(cat, cert_firm(6, 5), app("tz.art12.certification_international", 2026, 600_000, "ce"),
               app("tz.art12.certification_cnas_product", 2026, second, "cnas"))
    if ok:
        assert_legal(vs)
    elif second < 400_000:
        assert_only(vs, "full_award", limit=500_000)
    else:
        assert_only(vs, "cap.shared.year", limit=1_000_000, amount=1_000_001)


def test_003_art12_shared_cap_is_per_year(cat: Catalogue) -> None:
    """003 Art. 12: 600,000 in 2026 and 500,000 in 2027 are under 1M in each year."""
    assert_legal(check(cat, cert_firm(6, 5, cnas_year=2027),
                       app("tz.art12.certification_international", 2026, 600_000, "ce"),
                       app("tz.art12.certification_cnas_product", 2027, 500_000, "cnas")))


def test_003_art12_shared_cap_binds_below_eleven_categories(cat: Catalogue) -> None:
    """003 Art. 12: 11 categories -> 1,100,000 for the application, but 1,000,000 a year: 1,000,001 breaks
    only the shared cap."""
    f = firm(events=[{"id": "ce", "kind": "certification.international", "year": 2026, "count": 11}])
    assert_legal(check(cat, f, app("tz.art12.certification_international", 2026, 1_000_000, "ce")))
    assert_only(check(cat, f, app("tz.art12.certification_international", 2026, 1_000_001, "ce")), "cap.shared.year")


@pytest.mark.parametrize(("third", "ok"), [(0, True), (1, False)])
def test_003_art13_standards_one_million_a_year(cat: Catalogue, third: int, ok: bool) -> None:
    """003 Art. 13: 'RMB 500,000 for international, national, and industry standards ... Annual support per
    enterprise is capped at RMB 1 million': two standards at 500,000 fill 2026; a group standard of the same
    year can take nothing more."""
    f = firm(events=[{"id": "iso", "kind": "standard.international", "year": 2026},
                     {"id": "gb", "kind": "standard.national", "year": 2026},
                     {"id": "grp", "kind": "standard.group", "year": 2026}])
    plan = [app("tz.art13.standard_international_national_industry", 2026, 500_000, "iso"),
            app("tz.art13.standard_international_national_industry", 2026, 500_000, "gb")]
    if third:
        plan.append(app("tz.art13.standard_group", 2026, third, "grp"))
    vs = check(cat, f, *plan)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.shared.year", limit=1_000_000)


@pytest.mark.parametrize(("last", "ok"), [(0, True), (1, False)])
def test_002_changping2_standards_one_million_a_year(cat: Catalogue, last: int, ok: bool) -> None:
    """002 Changping (2): 'CNY 500,000 for international standards, CNY 300,000 for national standards, and
    CNY 100,000 for industry standards and Beijing standards' and 'The total annual support to an
    enterprise will not exceed CNY 1 million': 500,000 + 300,000 + 100,000 + 100,000 = 1,000,000; a second
    industry standard in the same year can take nothing."""
    f = firm(district="changping", statuses=[{"status": "high_tech", "since": 2020}], events=[
        {"id": "iso", "kind": "standard.international", "year": 2026},
        {"id": "gb", "kind": "standard.national", "year": 2026},
        {"id": "hb", "kind": "standard.industry", "year": 2026},
        {"id": "db", "kind": "standard.local", "year": 2026},
        {"id": "hb2", "kind": "standard.industry", "year": 2026}])
    plan = [app("ai.changping.2.standard_international", 2026, 500_000, "iso"),
            app("ai.changping.2.standard_national", 2026, 300_000, "gb"),
            app("ai.changping.2.standard_industry_beijing", 2026, 100_000, "hb"),
            app("ai.changping.2.standard_industry_beijing", 2026, 100_000, "db")]
    if last:
        plan.append(app("ai.changping.2.standard_industry_beijing", 2026, last, "hb2"))
    vs = check(cat, f, *plan)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.shared.year", limit=1_000_000, amount=1_000_001)


@pytest.mark.parametrize(("transaction", "ok"), [(2_000_000, True), (2_000_001, False)])
def test_003_art5_routes_adding_up_share_3m_a_year(cat: Catalogue, transaction: int, ok: bool) -> None:
    """003 Art. 5 with routes_add_up: 30% of a 10M transaction (3,000,000) and 50% of a 2M municipal award
    (1,000,000) on one first set; 'Each enterprise can receive up to RMB 3 million annually':
    2,000,000 + 1,000,000 = 3,000,000."""
    f = firm(events=[{"id": "fs", "kind": "first_set.product", "year": 2026,
                      "values": {"transaction_amount": 10_000_000, "municipal_award": 2_000_000}}])
    vs = check(cat, f, app("tz.art5.first_set_transaction", 2026, transaction, "fs"),
               app("tz.art5.first_set_matching", 2026, 1_000_000, "fs"), options=ADD_UP)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "cap.shared.year", limit=3_000_000)


def test_history_alone_over_a_cap_does_not_condemn_an_empty_plan(cat: Catalogue) -> None:
    """001 Fengtai: 'up to RMB 3 million in total'. Past awards of 3.5M (beyond the plan's reach) are not the
    plan's violation; any new Fengtai payment is."""
    f = firm(id="ft", district="fengtai", events=[{"id": "lab", "kind": "qualification.fengtai", "year": 2024},
                                                  {"id": "lab2", "kind": "qualification.fengtai", "year": 2025}],
             history=[{"measure": "ss.fengtai.qualifications", "subject": "lab", "year": 2024, "amount": 3_500_000}])
    assert_legal(check(cat, f))
    assert "cap.firm" in {v.rule for v in check(cat, f, app("ss.fengtai.qualifications", 2025, 1, "lab2"))}


def test_a_fixed_event_cannot_be_moved_by_the_schedule(cat: Catalogue) -> None:
    """A plan's schedule may time flexible events only; moving a fixed one is a schedule violation."""
    from grantstack.models.checker import check_plan
    from grantstack.models.plan import Plan

    f = firm(events=[{"id": "ce", "kind": "certification.international", "year": 2025}])
    plan = Plan(firm=f.id, years=(2025, 2029), schedule={"ce": 2026})
    assert [v.rule for v in check_plan(cat, f, plan)] == ["schedule"]
