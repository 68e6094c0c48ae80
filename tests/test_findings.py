"""Issue 9's clause review: each finding worked out by hand from the seed clause, through the optimiser (the
plan's total under the default and under the option that carries the generous reading) and the checker (at the
edge: at the limit legal, one yuan or one award over refused). docs/CLAUSES.md lists every finding."""

from __future__ import annotations

from typing import Any

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.loading import load_catalogue
from grantstack.models.options import Interpretation, PlanOptions
from grantstack.optimizer.solve import plan
from tests.factories import firm
from tests.models.checking import app, assert_legal, check

SS = [{"status": "ss_municipal", "since": 2020}]


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


def total(cat: Catalogue, f: Any, years: tuple[int, int] = (2025, 2029), **reading: Any) -> int:
    """The optimal plan's total, proven and re-verified by the checker."""
    r = plan(cat, f, years, PlanOptions(interpretation=Interpretation(**reading)))
    assert r.status == "OPTIMAL" and not r.violations
    return r.total_yuan


def refused(vs: list) -> bool:
    return bool(vs)


# ---------------------------------------------------------------- M2 and A8: 001 item 1


def rd_firm(investment: int, statuses: list | None = None) -> Any:
    return firm(district="haidian", tags=[], statuses=SS if statuses is None else statuses, projects=[
        {"id": "rd", "kinds": ["rd_project"], "start": 2025, "costs": {"investment": [investment]}}])


@pytest.mark.parametrize("investment", [999_999, 1_000_000, 1_000_001])
def test_m2_001_item1_never_more_than_the_project_investment(cat: Catalogue, investment: int) -> None:
    """M2, 001 item 1: 'up to CNY 5 million based on the project investment' (2M in the first year): a 1M
    project is paid at most its investment; the checker refuses one yuan more."""
    f = rd_firm(investment)
    assert total(cat, f) == investment
    m = "ss.municipal.1.rd_project"
    assert_legal(check(cat, f, app(m, 2025, investment, "rd"), years=(2025, 2029)))
    assert refused(check(cat, f, app(m, 2025, investment + 1, "rd"), years=(2025, 2029)))


def test_m2_001_item1_first_year_cap_of_2m(cat: Catalogue) -> None:
    """001 item 1: at most 2M in the first support year, whatever the investment (here 3M)."""
    f = rd_firm(3_000_000)
    assert total(cat, f) == 2_000_000
    m = "ss.municipal.1.rd_project"
    assert_legal(check(cat, f, app(m, 2025, 2_000_000, "rd"), years=(2025, 2029)))
    assert refused(check(cat, f, app(m, 2025, 2_000_001, "rd"), years=(2025, 2029)))


def test_a8_001_package_requires_ss_status(cat: Catalogue) -> None:
    """A8: the 001 package is for specialized and sophisticated SMEs: without the status nothing is paid; the
    option ss_package_status=not_required carries the generous reading (1M here)."""
    f = rd_firm(1_000_000, statuses=[])
    assert total(cat, f) == 0
    assert total(cat, f, ss_package_status="not_required") == 1_000_000
    assert refused(check(cat, f, app("ss.municipal.1.rd_project", 2025, 1, "rd"), years=(2025, 2029)))


# ---------------------------------------------------------------- W4/W5: 001 item 6 per enterprise


def belt_firm() -> Any:
    six = [6_000_000] * 5
    return firm(district="haidian", tags=[], statuses=SS, projects=[
        {"id": "br1", "kinds": ["belt_and_road"], "start": 2025, "costs": {"interest_paid": six}},
        {"id": "br2", "kinds": ["belt_and_road"], "start": 2025, "costs": {"interest_paid": six}}])


def test_w4_w5_001_item6_per_enterprise(cat: Catalogue) -> None:
    """W4/W5, 001 item 6: interest subsidy 'not more than CNY 5 million a year, for not more than 3 years' and a
    one-time 1M, per enterprise: two projects with 6M interest a year each still give 3 x 5M + 1M = 16M."""
    f = belt_firm()
    assert total(cat, f) == 16_000_000
    i, once = "ss.municipal.6.belt_and_road_interest", "ss.municipal.6.belt_and_road_investment"
    three = [app(i, y, 5_000_000, "br1") for y in (2025, 2026, 2027)]
    assert_legal(check(cat, f, *three, app(once, 2025, 1_000_000, "br1"), years=(2025, 2029)))
    assert refused(check(cat, f, *three, app(i, 2028, 1, "br2"), years=(2025, 2029)))  # a fourth year
    assert refused(check(cat, f, app(i, 2025, 5_000_000, "br1"), app(i, 2025, 1, "br2"), years=(2025, 2029)))
    assert refused(check(cat, f, app(once, 2025, 1_000_000, "br1"), app(once, 2026, 1, "br2"), years=(2025, 2029)))


# ---------------------------------------------------------------- A15: 003 Art. 9 per enterprise


def upgrade_firm(*extra: dict) -> Any:
    return firm(projects=[
        {"id": "up1", "kinds": ["industrial_upgrading"], "start": 2025, "costs": {"investment": [50_000_000]}},
        {"id": "up2", "kinds": ["industrial_upgrading"], "start": 2025, "costs": {"investment": [50_000_000]}},
        *extra])


def test_a15_003_art9_20m_per_enterprise(cat: Catalogue) -> None:
    """A15, 003 Art. 9: 30% of 50M = 15M per project, 'cumulative cap of RMB 20 million' per enterprise by
    default: 20M (per_project: 30M)."""
    f = upgrade_firm()
    assert total(cat, f) == 20_000_000
    assert total(cat, f, upgrading_cap="per_project") == 30_000_000
    m = "tz.art9.upgrading"
    assert_legal(check(cat, f, app(m, 2025, 15_000_000, "up1"), app(m, 2025, 5_000_000, "up2"), years=(2025, 2029)))
    assert refused(check(cat, f, app(m, 2025, 15_000_000, "up1"), app(m, 2025, 5_000_001, "up2"),
                         years=(2025, 2029)))


# ---------------------------------------------------------------- W8: 003 Art. 18 with Art. 10


@pytest.mark.parametrize(("interest", "best"), [(2_999_999, 3_000_000), (3_000_000, 3_000_000),
                                                (3_000_001, 3_000_001)])
def test_w8_003_art18_a_loan_financing_the_upgrade_is_the_same_project(cat: Catalogue, interest: int,
                                                                        best: int) -> None:
    """W8, 003 Art. 18: 'the same project or item ... the most favourable': Art. 9 pays 30% of a 10M upgrade
    (3M), Art. 10 the interest actually paid on the loan that finances it; only the larger is paid."""
    f = firm(projects=[
        {"id": "up", "kinds": ["industrial_upgrading"], "start": 2025, "costs": {"investment": [10_000_000]}},
        {"id": "loan", "kinds": ["loan"], "start": 2025, "finances": "up", "costs": {"interest_paid": [interest]}}])
    assert total(cat, f) == best
    both = [app("tz.art9.upgrading", 2025, 3_000_000, "up"), app("tz.art10.loan_interest", 2025, interest, "loan")]
    assert refused(check(cat, f, *both, years=(2025, 2029)))
    assert_legal(check(cat, f, both[0], years=(2025, 2029)))
    assert_legal(check(cat, f, both[1], years=(2025, 2029)))


# ---------------------------------------------------------------- A5: 000 Shunyi (2)


def test_a5_000_shunyi2_1m_in_total_per_institution(cat: Catalogue) -> None:
    """A5, 000 Shunyi (2): 1% of the trading volume, 'not exceeding CNY 1 million for each institution':
    400,000 a year (40M volume) reaches 1M in total by default (per_year: 5 x 400,000 = 2M)."""
    f = firm(district="shunyi", tags=["technology_trading_institution"],
             metrics={"tech_trading_volume": {y: 40_000_000 for y in range(2025, 2030)}})
    assert total(cat, f) == 1_000_000
    assert total(cat, f, trading_support_cap="per_year") == 2_000_000
    m = "ts.shunyi.3_2.technology_trading"
    two = [app(m, 2025, 400_000), app(m, 2026, 400_000)]
    assert_legal(check(cat, f, *two, app(m, 2027, 200_000), years=(2025, 2029)))
    assert refused(check(cat, f, *two, app(m, 2027, 200_001), years=(2025, 2029)))


# ---------------------------------------------------------------- A11: 002 Dongcheng (4)


def test_a11_002_dongcheng4_one_award_per_two_year_window(cat: Catalogue) -> None:
    """A11, 002 Dongcheng (4): revenue 30M-100M growing at least 30% 'for two consecutive years' (here every
    year): 500,000 per two-year window, windows apart: 2025, 2027, 2029 = 1.5M (overlapping: 5 x 500k)."""
    rev = {2022: 10_000_000, 2023: 13_000_000, 2024: 16_900_000, 2025: 31_000_000, 2026: 41_000_000,
           2027: 54_000_000, 2028: 71_000_000, 2029: 93_000_000}
    f = firm(district="dongcheng", tags=[], metrics={"revenue": rev})
    assert total(cat, f) == 1_500_000
    assert total(cat, f, growth_award_windows="overlapping") == 2_500_000
    m = "ai.dongcheng.4.revenue_growth"
    assert_legal(check(cat, f, app(m, 2025, 500_000), app(m, 2027, 500_000), years=(2025, 2029)))
    assert refused(check(cat, f, app(m, 2025, 500_000), app(m, 2026, 500_000), years=(2025, 2029)))


# ---------------------------------------------------------------- W1 and A1: 000 item 4 (2022 open call)


def tsp_firm(projects: int) -> Any:
    return firm(district="haidian", tags=["technology_service"], projects=[
        {"id": f"b{i}", "kinds": ["branded_tsp"], "start": 2025, "costs": {"budget": [10_000_000] * 5}}
        for i in range(projects)])


def test_w1_000_item4_edition_only_holds_the_2022_call_to_2022(cat: Catalogue) -> None:
    """W1, 000 item 4 ('for reference only, subject to the latest notice'): by default the 2022 call pays
    nothing in 2025-2029; renewed: 30% of a 10M budget = 3M a year for 3 years = 9M, lines flagged."""
    f = tsp_firm(1)
    assert total(cat, f) == 0
    r = plan(cat, f, (2025, 2029), PlanOptions(interpretation=Interpretation(reference_editions="renewed")))
    assert r.total_yuan == 9_000_000 and all("reference_renewed" in a.flags for a in r.plan.applications)
    m = "ts.municipal.4.branded_tsp"
    assert refused(check(cat, f, app(m, 2025, 1, "b0"), years=(2025, 2029)))
    assert_legal(check(cat, f, app(m, 2025, 3_000_000, "b0"), years=(2025, 2029),
                       options=Interpretation(reference_editions="renewed")))


def test_a1_000_item4_three_years_per_provider(cat: Catalogue) -> None:
    """A1, 000 item 4 'support period ... not more than 3 years': per provider by default: two branded projects
    still give 3 x 3M = 9M (per_project: every year, 5 x 3M = 15M, the 3M a year cap binding)."""
    f = tsp_firm(2)
    assert total(cat, f, reference_editions="renewed") == 9_000_000
    assert total(cat, f, reference_editions="renewed", branded_provider_years="per_project") == 15_000_000
    m = "ts.municipal.4.branded_tsp"
    three = [app(m, 2025, 3_000_000, "b0"), app(m, 2026, 3_000_000, "b0"), app(m, 2027, 3_000_000, "b1")]
    renewed = Interpretation(reference_editions="renewed")
    assert_legal(check(cat, f, *three, years=(2025, 2029), options=renewed))
    assert refused(check(cat, f, *three, app(m, 2028, 1, "b1"), years=(2025, 2029), options=renewed))


# ---------------------------------------------------------------- W2/W3: 002 municipal item 2


def growth_firm(q1_2022: int) -> Any:
    return firm(district="haidian", tags=["software_64_65"], metrics={
        "revenue": {2021: 25_000_000_000, 2022: 31_000_000_000},
        "insured_employees": {2021: 100, 2022: 100},
        "revenue_q1": {2021: 5_000_000_000, 2022: q1_2022}})


@pytest.mark.parametrize(("q1_2022", "q1_ok"), [(5_999_999_999, False), (6_000_000_000, True)])
def test_w2_w3_002_item2_once_on_2022_figures(cat: Catalogue, q1_2022: int, q1_ok: bool) -> None:
    """W2/W3, 002 municipal item 2: 2022 revenue +6bn (+24%) with no fewer insured employees: up to 30M, once,
    in 2022 only (nothing in 2025-2029). Q1 route: a net increase of at least 1bn and 20% on Q1 2021's 5bn
    (6bn exactly is both edges): up to 6M. One reward by default (the better route, 30M); routes_add_up: both."""
    f = growth_firm(q1_2022)
    assert total(cat, f, (2022, 2024)) == 30_000_000
    assert total(cat, f, (2022, 2024), routes_add_up=True) == 30_000_000 + (6_000_000 if q1_ok else 0)
    assert total(cat, f) == 0
    a, q = "ai.municipal.2.annual_growth", "ai.municipal.2.q1_growth"
    assert_legal(check(cat, f, app(a, 2022, 30_000_000), years=(2022, 2024)))
    assert refused(check(cat, f, app(a, 2022, 30_000_000), app(a, 2023, 1), years=(2022, 2024)))
    assert refused(check(cat, f, app(a, 2022, 30_000_000), app(q, 2022, 1), years=(2022, 2024)))
    q1 = check(cat, f, app(q, 2022, 6_000_000), years=(2022, 2024))
    assert (q1 == []) is q1_ok


# ---------------------------------------------------------------- W6: 001 item 7


@pytest.mark.parametrize(("paid", "best"), [(29_999, 29_999), (30_000, 30_000), (30_001, 30_000)])
def test_w6_001_item7_annuity_paid_and_30_percent_of_standard(cat: Catalogue, paid: int, best: int) -> None:
    """W6, 001 item 7: 'the actually paid patent annuity ... will be subsidized ... not more than 30% of the
    standard amount': standard 100,000 -> at most 30,000 and at most the annuity paid."""
    f = firm(district="haidian", tags=[], statuses=SS, projects=[
        {"id": "pat", "kinds": ["patent_annuity"], "start": 2025,
         "costs": {"annuity_standard": [100_000], "annuity_paid": [paid]}}])
    assert total(cat, f) == best
    m = "ss.municipal.7.patent_annuity"
    assert_legal(check(cat, f, app(m, 2025, best, "pat"), years=(2025, 2029)))
    assert refused(check(cat, f, app(m, 2025, best + 1, "pat"), years=(2025, 2029)))


# ---------------------------------------------------------------- W9: 003 Art. 21


def test_w9_003_art21_lapse_year_is_out_by_default(cat: Catalogue) -> None:
    """W9, 003 Art. 21: valid to 2028-05-07; an upgrade known only by its year 2028 is out by default
    (lapse_year=in: 30% of 10M = 3M, flagged)."""
    f = firm(projects=[{"id": "up", "kinds": ["industrial_upgrading"], "start": 2028,
                        "costs": {"investment": [10_000_000]}}])
    assert total(cat, f) == 0
    assert total(cat, f, lapse_year="in") == 3_000_000
    m = "tz.art9.upgrading"
    assert refused(check(cat, f, app(m, 2028, 1, "up"), years=(2025, 2029)))
    assert_legal(check(cat, f, app(m, 2028, 3_000_000, "up"), years=(2025, 2029),
                       options=Interpretation(lapse_year="in")))


# ---------------------------------------------------------------- M6: 002 Changping (3)


@pytest.mark.parametrize(("investment", "best"), [(999_999, 0), (1_000_000, 100_000)])
def test_m6_002_changping3_platform_of_at_least_1m(cat: Catalogue, investment: int, best: int) -> None:
    """M6, 002 Changping (3): platforms 'with a total investment of CNY 1 million or more': 10% of the fixed
    asset investment (here equal to the total): 999,999 pays nothing, 1,000,000 pays 100,000."""
    f = firm(district="changping", tags=[], statuses=[{"status": "high_tech", "since": 2020}], projects=[
        {"id": "plat", "kinds": ["innovation_platform"], "start": 2025,
         "costs": {"investment": [investment], "fixed_asset_investment": [investment]}}])
    assert total(cat, f) == best
    m = "ai.changping.3.innovation_platform"
    assert refused(check(cat, f, app(m, 2025, best + 1, "plat"), years=(2025, 2029)))
    if best:
        assert_legal(check(cat, f, app(m, 2025, best, "plat"), years=(2025, 2029)))


# ---------------------------------------------------------------- O3: 003 Art. 11


def test_o3_003_art11_three_years_not_necessarily_consecutive(cat: Catalogue) -> None:
    """O3, 003 Art. 11 'for up to three years': any three years (2025, 2027, 2029 legal), never a fourth;
    1:1 matching of 1M municipal funding a year: 3M."""
    f = firm(projects=[{"id": "ma", "kinds": ["m_and_a"], "start": 2025,
                        "costs": {"municipal_funding": [1_000_000] * 5}}])
    assert total(cat, f, lapse_year="in") == 3_000_000
    m = "tz.art11.m_and_a_matching"
    apart = [app(m, y, 1_000_000, "ma") for y in (2025, 2027)]
    assert_legal(check(cat, f, *apart, app(m, 2026, 1_000_000, "ma"), years=(2025, 2029)))
    assert refused(check(cat, f, *apart, app(m, 2026, 1_000_000, "ma"), app(m, 2025 + 3, 1, "ma"),
                         years=(2025, 2029), options=Interpretation(lapse_year="in")))


# ---------------------------------------------------------------- O1: 000 item 6


def test_o1_000_item6_zhongguancun_science_city_is_a_key_region(cat: Catalogue) -> None:
    """O1, 000 item 6: a provider in Zhongguancun Science City (one of the three science cities of the layout)
    is admitted: 50% of 2021 investment 2M = 1M, capped at 500,000 for an existing provider, in 2022."""
    f = firm(district="haidian", tags=["technology_service"], key_regions=["zhongguancun_science_city"],
             dates={"established": "2015-01-01"}, metrics={"investment": {2021: 2_000_000}})
    assert total(cat, f, (2022, 2024)) == 500_000
    m = "ts.municipal.6.key_region_existing"
    assert_legal(check(cat, f, app(m, 2022, 500_000), years=(2022, 2024)))
    assert refused(check(cat, f, app(m, 2022, 500_001), years=(2022, 2024)))
    outside = f.model_copy(update={"key_regions": ()})
    assert total(cat, outside, (2022, 2024)) == 0
    assert total(cat, outside, (2022, 2024), key_areas="open") == 500_000


# ---------------------------------------------------------------- catalog show: pasteable YAML


def test_catalog_show_keeps_every_tag_so_its_yaml_pastes_back(cat: Catalogue) -> None:
    """Issue 9: 'catalog show' dropped each eligibility test's `kind`; now every measure's YAML, as shown, loads
    back to the same measure."""
    import yaml
    from typer.testing import CliRunner

    from grantstack.cli import app as cli
    from grantstack.cli_catalog import _with_tags
    from grantstack.models.measure import Measure

    for m in cat.measures:
        doc = _with_tags(m, m.model_dump(mode="json", exclude_defaults=True))
        assert Measure.model_validate(yaml.safe_load(yaml.safe_dump(doc, allow_unicode=True))) == m, m.id
    out = CliRunner().invoke(cli, ["catalog", "show", "ai.chaoyang.6.rd_investment"]).output
    assert "- kind: tags\n  any_of:\n  - rd_scale_progress" in out


# ---------------------------------------------------------------- W7 and M1: Dongcheng


def dongcheng_firm(settled: str, *events: dict) -> Any:
    years = range(2024, 2030)
    return firm(district="dongcheng", tags=[], dates={"settled": settled}, events=list(events), metrics={
        "office_rent": {y: 10_000_000 for y in years}, "office_area": {y: 1000 for y in years}})


@pytest.mark.parametrize(("settled", "best"), [("2024-03-01", 3_000_000), ("2025-01-01", 6_000_000)])
def test_w7_002_dongcheng2_years_run_from_the_settlement_year(cat: Catalogue, settled: str, best: int) -> None:
    """W7, 002 Dongcheng (2): 30%, 20%, 10% of the rent (10M a year, 1,000 m2) 'for three consecutive years
    from the year of settlement', per enterprise: settled in March 2024, 2024 was year 1 (before the horizon),
    so 2025 pays 20% = 2M and 2026 10% = 1M; settled on 1 January 2025: 3M + 2M + 1M = 6M.
    rent_years_from=first_full_year starts the March 2024 settler in 2025 (6M)."""
    f = dongcheng_firm(settled)
    assert total(cat, f) == best
    m = "ai.dongcheng.2.rent"
    if best == 3_000_000:
        assert total(cat, f, rent_years_from="first_full_year") == 6_000_000
        assert_legal(check(cat, f, app(m, 2025, 2_000_000), app(m, 2026, 1_000_000), years=(2025, 2029)))
        assert refused(check(cat, f, app(m, 2025, 2_000_001), years=(2025, 2029)))
        assert refused(check(cat, f, app(m, 2027, 1), years=(2025, 2029)))
    else:
        assert_legal(check(cat, f, app(m, 2025, 3_000_000), years=(2025, 2029)))
        assert refused(check(cat, f, app(m, 2025, 3_000_001), years=(2025, 2029)))


def test_m1_one_district_two_packages_one_policy(cat: Catalogue) -> None:
    """M1: the entity's Dongcheng measures of 001 (S&S recognition award, 100,000 the year after) and 002 (rent,
    2M + 1M) fall under one 'most favourable' rule by default: the rent, 3M; span=package pays both, 3.1M."""
    ss = {"id": "ss", "title": "S&S recognition", "kind": "recognition.ss_municipal", "year": 2025,
          "grants": ["ss_municipal"]}
    f = dongcheng_firm("2024-03-01", ss)
    assert total(cat, f) == 3_000_000
    assert total(cat, f, most_favourable_span="package") == 3_100_000
    both = [app("ai.dongcheng.2.rent", 2025, 2_000_000), app("ss.dongcheng.ss_recognition", 2026, 100_000, "ss")]
    assert refused(check(cat, f, *both, years=(2025, 2029)))
    assert_legal(check(cat, f, *both, years=(2025, 2029), options=Interpretation(most_favourable_span="package")))


# ---------------------------------------------------------------- M3-M5: 'up to X based on' a named cost


@pytest.mark.parametrize(("mid", "kind", "field", "district", "tags", "reading"), [
    ("ss.municipal.3.prototype_rd", "prototype_rd", "investment", "haidian", [], {}),  # M3: up to 50M
    ("ss.municipal.4.financial_leasing", "financial_leasing", "leasing_cost", "haidian", [], {}),  # M4: up to 10M
    ("ai.chaoyang.1.commercialization", "ai_commercialization", "investment", "chaoyang", ["ai"],
     {"reference_editions": "renewed"}),  # M5: up to 10M, a 2022 notice
])
def test_m3_m5_up_to_never_more_than_the_named_cost(cat: Catalogue, mid: str, kind: str, field: str,
                                                    district: str, tags: list, reading: dict) -> None:
    """M3-M5, 001 items 3, 4 and 002 Chaoyang (1): 'up to X based on the project investment / the leasing
    purchase / ... costs': a 1M cost is paid at most 1M (never the 50M or 10M ceiling), 1,000,001 refused."""
    f = firm(district=district, tags=tags, statuses=SS, projects=[
        {"id": "p", "kinds": [kind], "start": 2025, "costs": {field: [1_000_000]}}])
    assert total(cat, f, **reading) == 1_000_000
    options = Interpretation(**reading)
    assert_legal(check(cat, f, app(mid, 2025, 1_000_000, "p"), years=(2025, 2029), options=options))
    assert refused(check(cat, f, app(mid, 2025, 1_000_001, "p"), years=(2025, 2029), options=options))


# ---------------------------------------------------------------- A2: 000 item 5


def test_a2_000_item5_one_award_per_platform(cat: Catalogue) -> None:
    """A2, 000 item 5 (2022 call, assumed renewed): 'not exceed 30 percent of the platform's investment in the
    previous year' (5M -> 1.5M, under the 2M cap), one award per platform by default; open_call_repeats=yearly:
    2026-2029 (2025's previous year is before the project) = 4 x 1.5M = 6M."""
    f = firm(district="haidian", tags=[], projects=[
        {"id": "plat", "kinds": ["public_service_platform"], "start": 2025, "costs": {"investment": [5_000_000] * 5}}])
    assert total(cat, f, reference_editions="renewed") == 1_500_000
    assert total(cat, f, reference_editions="renewed", open_call_repeats="yearly") == 6_000_000
    m, renewed = "ts.municipal.5.open_service_platform", Interpretation(reference_editions="renewed")
    assert_legal(check(cat, f, app(m, 2026, 1_500_000, "plat"), years=(2025, 2029), options=renewed))
    assert refused(check(cat, f, app(m, 2026, 1_500_000, "plat"), app(m, 2027, 1, "plat"), years=(2025, 2029),
                         options=renewed))


def existing_provider(investment: int) -> Any:
    return firm(district="haidian", tags=["technology_service"], key_regions=["zhongguancun_science_city"],
                dates={"established": "2015-01-01"}, metrics={"investment": {y: investment for y in range(2024, 2030)}})


@pytest.mark.parametrize(("investment", "award"), [(999_998, 499_999), (1_000_000, 500_000), (1_000_002, 500_000)])
def test_a3_000_item6_one_award_per_existing_provider(cat: Catalogue, investment: int, award: int) -> None:
    """A3, 000 item 6 (2022 call, assumed renewed): 'up to CNY 500,000 to selected existing providers ... not
    exceeding 50 percent of the actual investment of the provider in the previous year': 50% of the previous
    year's investment, at most 500,000, once per provider by default; open_call_repeats=yearly pays it in each of
    2025-2029 (5 awards)."""
    f = existing_provider(investment)
    assert total(cat, f, reference_editions="renewed") == award
    assert total(cat, f, reference_editions="renewed", open_call_repeats="yearly") == 5 * award
    m, renewed = "ts.municipal.6.key_region_existing", Interpretation(reference_editions="renewed")
    assert_legal(check(cat, f, app(m, 2026, award), years=(2025, 2029), options=renewed))
    assert refused(check(cat, f, app(m, 2026, award + 1), years=(2025, 2029), options=renewed))
    assert refused(check(cat, f, app(m, 2026, award), app(m, 2027, 1), years=(2025, 2029), options=renewed))


# ---------------------------------------------------------------- A12: 002 Chaoyang (6)


def test_a12_002_chaoyang6_qualifies_by_the_firms_tag_only(cat: Catalogue) -> None:
    """A12, 002 Chaoyang (6): 'a financial subsidy of up to CNY 2 million ... to enterprises with investment in
    R&D reaching certain scale and intensity': no figure to test, so the firm's tag rd_scale_progress is the
    qualification; the 2022 notice pays up to 2M in 2022, flagged discretionary; without the tag nothing."""
    m = "ai.chaoyang.6.rd_investment"
    tagged = firm(district="chaoyang", tags=["rd_scale_progress"])
    r = plan(cat, tagged, (2022, 2022))
    lines = [a for a in r.plan.applications if a.measure == m]
    assert [(a.year, a.amount) for a in lines] == [(2022, 2_000_000)] and "discretionary" in lines[0].flags
    assert_legal(check(cat, tagged, app(m, 2022, 2_000_000), years=(2022, 2022)))
    assert refused(check(cat, tagged, app(m, 2022, 2_000_001), years=(2022, 2022)))
    untagged = firm(district="chaoyang", tags=[])
    assert all(a.measure != m for a in plan(cat, untagged, (2022, 2022)).plan.applications)
    assert refused(check(cat, untagged, app(m, 2022, 1), years=(2022, 2022)))


# ---------------------------------------------------------------- A4, O2 and the expected amount's flag


def test_a4_000_eda3_patent_pool_is_up_to_and_flagged(cat: Catalogue) -> None:
    """A4, 000 EDA (3): patent-pool fees with no rate given: at most the fees (1M), flagged discretionary and
    totalled apart from the assumption-free part."""
    f = firm(district="eda", tags=[], projects=[
        {"id": "pool", "kinds": ["patent_pool"], "start": 2025, "costs": {"maintenance_fees": [1_000_000]}}])
    r = plan(cat, f, (2025, 2029))
    assert r.total_yuan == 1_000_000 and [a.flags for a in r.plan.applications] == [("discretionary",)]
    assert r.plan.by_assumption() == {"assumption_free": 0, "discretionary": 1_000_000, "other_assumptions": 0}
    assert refused(check(cat, f, app("ts.eda.3_3.patent_pool", 2025, 1_000_001, "pool"), years=(2025, 2029)))


def test_o2_002_item2_admits_software_and_information_services_without_codes_64_65(cat: Catalogue) -> None:
    """O2, 002 municipal item 2 says 'enterprises in software information service industry' and names no
    industry code (only item 1 does): the tag software_information_service is enough (30M in 2022)."""
    f = growth_firm(6_000_000_000).model_copy(update={"tags": ("software_information_service",)})
    assert total(cat, f, (2022, 2024)) == 30_000_000


def test_an_expected_amount_sets_the_discretionary_flag(cat: Catalogue) -> None:
    """A firm's `expected` amount on a fixed award (001 Dongcheng S&S award, 100,000) plans that amount and
    flags the line discretionary."""
    ss = {"id": "ss", "title": "S&S recognition", "kind": "recognition.ss_municipal", "year": 2025,
          "grants": ["ss_municipal"], "expected": {"ss.dongcheng.ss_recognition": 80_000}}
    f = firm(district="dongcheng", tags=[], events=[ss])
    r = plan(cat, f, (2025, 2029))
    line = next(a for a in r.plan.applications if a.measure == "ss.dongcheng.ss_recognition")
    assert line.amount == 80_000 and "discretionary" in line.flags
