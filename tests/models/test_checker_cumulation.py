"""Cumulation through check_plan at the edges: ladders, most-favourable groups, routes, no-repeat,
matching and bonuses, on the bundled catalogue, worked out by hand from the quoted clauses.
"""

from __future__ import annotations

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.loading import load_catalogue
from grantstack.models.options import Interpretation
from tests.factories import firm
from tests.models.checking import app, assert_legal, assert_only, check

MATTER = Interpretation(most_favourable_scope="matter")
ENTITY_YEAR = Interpretation(most_favourable_scope="entity_year")
ENTITY = Interpretation(most_favourable_scope="entity")
ADD_UP = Interpretation(routes_add_up=True)
RENEWED = Interpretation(reference_editions="renewed")
SS = [{"status": "ss_municipal", "since": 2020}]


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


# ---------------------------------------------------------------- ladders: an upgrade pays the difference


def shijingshan(ss_year: int = 2024, lg_year: int = 2026, paid_ss: int | None = 200_000):
    history = [{"measure": "ss.shijingshan.ss_recognition", "subject": "ss", "year": ss_year, "amount": paid_ss}]
    return firm(district="shijingshan", events=[
        {"id": "ss", "kind": "recognition.ss_municipal", "year": ss_year},
        {"id": "lg", "kind": "recognition.little_giant_national", "year": lg_year}],
        history=history if paid_ss is not None else [])


@pytest.mark.parametrize(("amount", "ok"), [(599_999, False), (600_000, True), (600_001, False)])
def test_001_shijingshan_upgrade_after_a_past_award(cat: Catalogue, amount: int, ok: bool) -> None:
    """001 Shijingshan: 'RMB 200,000 and RMB 800,000 ... granting the difference between the two tiers of
    incentive when an enterprise that receives the lower tier becomes eligible for the higher one': 200,000
    received in 2024 (history), so the little-giant tier in 2026 pays 800,000 - 200,000 = 600,000, exactly
    (a fixed award is paid in full, W0: one yuan less is refused too)."""
    vs = check(cat, shijingshan(), app("ss.shijingshan.little_giant", 2026, amount, "lg"))
    if ok:
        assert_legal(vs)
    elif amount < 600_000:
        assert_only(vs, "full_award", limit=600_000, year=2026)
    else:
        assert_only(vs, "ladder", limit=800_000, amount=800_001, year=2026)


def test_001_shijingshan_both_tiers_in_one_year(cat: Catalogue) -> None:
    """001 Shijingshan: both recognitions in 2026, both in the plan: 200,000 + 600,000 = 800,000."""
    f = shijingshan(ss_year=2026, paid_ss=None)
    ss = app("ss.shijingshan.ss_recognition", 2026, 200_000, "ss")
    assert_legal(check(cat, f, ss, app("ss.shijingshan.little_giant", 2026, 600_000, "lg")))
    assert_only(check(cat, f, ss, app("ss.shijingshan.little_giant", 2026, 600_001, "lg")), "ladder")


def test_001_shijingshan_top_tier_alone(cat: Catalogue) -> None:
    """001 Shijingshan: a little giant never paid the lower tier gets 800,000; 800,001 is over the tier's own
    ceiling and over the ladder (800,001 paid through the top tier)."""
    f = shijingshan(paid_ss=None)
    assert_legal(check(cat, f, app("ss.shijingshan.little_giant", 2026, 800_000, "lg")))
    assert_only(check(cat, f, app("ss.shijingshan.little_giant", 2026, 800_001, "lg")), "ceiling", "ladder")


def test_001_mentougou_lower_tier_after_the_higher_pays_nothing(cat: Catalogue) -> None:
    """001 Mentougou (same difference clause, 200,000 / 800,000): 800,000 received in 2024 for the little-giant
    tier; a later S&S tier adds 800,000 + 1 > 200,000: ladder."""
    f = firm(district="mentougou", events=[
        {"id": "lg", "kind": "recognition.little_giant_national", "year": 2024},
        {"id": "ss", "kind": "recognition.ss_municipal", "year": 2026}],
        history=[{"measure": "ss.mentougou.little_giant", "subject": "lg", "year": 2024, "amount": 800_000}])
    assert_only(check(cat, f, app("ss.mentougou.ss_recognition", 2026, 1, "ss")), "ladder", limit=200_000)


def daxing(*extra_events: dict, paid: int = 200_000):
    """Daxing hydrogen firm: S&S 2023 (paid 200,000 in 2024), municipal little giant 2025, national 2026."""
    return firm(district="daxing", tags=["hydrogen_energy"], events=[
        {"id": "ss", "kind": "recognition.ss_municipal", "year": 2023},
        {"id": "mlg", "kind": "recognition.little_giant_municipal", "year": 2025},
        {"id": "nlg", "kind": "recognition.little_giant_national", "year": 2026}, *extra_events],
        history=[{"measure": "ss.daxing.ss_recognition", "subject": "ss", "year": 2024, "amount": paid}])


@pytest.mark.parametrize(("middle", "top", "ok"), [(300_000, 500_000, True), (300_000, 500_001, False),
                                                   (300_001, 499_999, False)])
def test_001_daxing_three_tiers(cat: Catalogue, middle: int, top: int, ok: bool) -> None:
    """001 Daxing: 'RMB 200,000' (S&S), 'RMB 1 million and RMB 500,000 ... national and municipal little
    giants ... for the first time in the previous year'; 'the entity will receive the difference between the
    two tiers'. 200,000 paid in 2024; municipal tier in 2026: 500,000 - 200,000 = 300,000; national tier in
    2027: 1,000,000 - 500,000 = 500,000. 300,001 in the middle breaks the middle tier (500,001 through it),
    even when the top tier is lowered to 499,999 (the total is 1M, but the middle tier went over)."""
    vs = check(cat, daxing(), app("ss.daxing.little_giant_municipal", 2026, middle, "mlg"),
               app("ss.daxing.little_giant_national", 2027, top, "nlg"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "ladder")


@pytest.mark.parametrize(("top", "ok"), [(800_000, True), (800_001, False)])
def test_001_daxing_skipping_the_middle_tier(cat: Catalogue, top: int, ok: bool) -> None:
    """001 Daxing: from the S&S tier (200,000 paid) straight to the national tier: 1,000,000 - 200,000."""
    vs = check(cat, daxing(), app("ss.daxing.little_giant_national", 2027, top, "nlg"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "ladder", limit=1_000_000, amount=1_000_001)


def test_001_daxing_a_tier_paid_twice(cat: Catalogue) -> None:
    """001 Daxing: each tier is paid once. 100,000 for the S&S tier in 2024 and 100,000 again for a second S&S
    recognition (2025, paid 2026) stay within the tier's 200,000 but repeat the tier: ladder.repeat (and the
    measure's one-time rule, timing.once)."""
    f = daxing({"id": "ss2", "kind": "recognition.ss_municipal", "year": 2025}, paid=100_000)
    assert_only(check(cat, f, app("ss.daxing.ss_recognition", 2026, 100_000, "ss2")), "ladder.repeat", "timing.once")


@pytest.mark.parametrize(("amount", "ok"), [(1_500_000, True), (1_500_001, False)])
def test_003_art7_platform_promotion(cat: Catalogue, amount: int, ok: bool) -> None:
    """003 Art. 7: 'Up to RMB 500,000 for municipal enterprise technology centers', 'Up to RMB 2 million for
    ... municipal industrial innovation or testing platforms'; 'In the case of promotion the enterprise will
    only enjoy the difference support': 500,000 paid in 2024 -> 1,500,000 for the platform in 2026."""
    f = firm(events=[{"id": "tc", "kind": "platform.municipal_tech_centre", "year": 2024},
                     {"id": "plat", "kind": "platform.municipal_innovation", "year": 2026}],
             history=[{"measure": "tz.art7.platform_tech_centre", "subject": "tc", "year": 2024, "amount": 500_000}])
    vs = check(cat, f, app("tz.art7.platform_municipal", 2026, amount, "plat"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "ladder", limit=2_000_000)


# ---------------------------------------------------------------- most favourable, by scope


def dongcheng_ss(lg_year: int = 2025, history: bool = False):
    """Dongcheng S&S SME: S&S recognised 2025 (paid 2026, 100,000), national little giant lg_year (paid +1,
    800,000), listed on A-shares in 2027."""
    past = [{"measure": "ss.dongcheng.ss_recognition", "subject": "old", "year": 2024, "amount": 100_000}]
    return firm(district="dongcheng", statuses=SS, events=[
        {"id": "old", "kind": "recognition.ss_municipal", "year": 2023},
        {"id": "ss", "kind": "recognition.ss_municipal", "year": 2025},
        {"id": "lg", "kind": "recognition.little_giant_national", "year": lg_year},
        {"id": "ipo", "kind": "listing", "year": 2027}],
        history=past if history else [])


@pytest.mark.parametrize(("lg_year", "options", "ok"), [
    (2026, MATTER, True),  # two subjects, one policy each
    (2026, ENTITY_YEAR, False),  # both paid in 2027
    (2025, ENTITY_YEAR, True),  # 2026 and 2027
    (2025, ENTITY, False),  # two policies over the plan (the default)
    (2025, Interpretation(), False),
])
def test_001_dongcheng_most_favourable_scopes(cat: Catalogue, lg_year: int, options: Interpretation, ok: bool) -> None:
    """001 closing note: 'If a single entity is eligible for multiple support policies, the most favorable
    policy shall apply.' The note covers the whole package (M1): Dongcheng's 800,000 for a little giant 'in
    the previous year' and the municipal listing subsidy (item 5, 3,000,000) are two policies, under option
    most_favourable_scope (default entity)."""
    vs = check(cat, dongcheng_ss(lg_year), app("ss.dongcheng.little_giant", lg_year + 1, 800_000, "lg"),
               app("ss.municipal.5.listing", 2027, 3_000_000, "ipo"), options=options)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "group.most_favourable", year=2027)


def test_001_dongcheng_one_clause_item_is_one_policy(cat: Catalogue) -> None:
    """001 Dongcheng: 'A one-time incentive of RMB 100,000 and RMB 800,000 ... respectively' is one clause item:
    under scope entity both tiers pass together (the note sets policies, not measures, against each other)."""
    assert_legal(check(cat, dongcheng_ss(2026), app("ss.dongcheng.ss_recognition", 2026, 100_000, "ss"),
                       app("ss.dongcheng.little_giant", 2027, 800_000, "lg")))


def test_001_dongcheng_past_award_does_not_block(cat: Catalogue) -> None:
    """Semantics: groups count plan applications only. 100,000 received in 2024 for an earlier S&S
    recognition does not stop the little-giant award in 2027 even under scope entity."""
    f = dongcheng_ss(lg_year=2026, history=True)
    assert_legal(check(cat, f, app("ss.dongcheng.little_giant", 2027, 800_000, "lg"), options=ENTITY))


def dongcheng_ai():
    """Dongcheng, settled 2025: revenue 300M (2023), 400M (2024), 1.2B (2025), 2.5B (2026)."""
    return firm(district="dongcheng", dates={"settled": "2025-01-10"}, metrics={"revenue": {
        2023: 300_000_000, 2024: 400_000_000, 2025: 1_200_000_000, 2026: 2_500_000_000}})


SETTLEMENT = app("ai.dongcheng.1.settlement_revenue", 2025, 5_000_000)  # 1B or more in the settlement year
MILESTONE_2025 = app("ai.dongcheng.3.revenue_milestones", 2025, 1_000_000)  # 500M and 1B first exceeded: highest
MILESTONE_2026 = app("ai.dongcheng.3.revenue_milestones", 2026, 2_000_000)  # 2B first exceeded
GROWTH_2025 = app("ai.dongcheng.4.revenue_growth", 2025, 1_500_000)  # +33%, +200%: 15% or more twice, 1B or more


@pytest.mark.parametrize(("second", "options", "ok"), [
    (MILESTONE_2025, MATTER, False),  # same matter (revenue scale), same year
    (MILESTONE_2026, MATTER, True),  # same matter, another year
    (GROWTH_2025, MATTER, True),  # another matter (revenue growth)
    (GROWTH_2025, ENTITY_YEAR, False),  # one policy a year
    (MILESTONE_2026, ENTITY_YEAR, True),
    (MILESTONE_2026, ENTITY, False),  # one policy over the plan
])
def test_002_dongcheng_firm_level_matters(cat: Catalogue, second, options: Interpretation, ok: bool) -> None:
    """002 note: 'If a single entity is eligible for multiple support policies, the most favorable policy shall
    apply.' Dongcheng (1) 5,000,000 (revenue 1B or more in the settlement year), (3) 500M/1B/2B milestones,
    (4) 1,500,000 (1B or more, 15% growth two years running). (1) and (3) share the matter revenue_scale."""
    vs = check(cat, dongcheng_ai(), SETTLEMENT, second, options=options)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "group.most_favourable", year=second.year)


def test_003_art18_two_articles_on_one_project(cat: Catalogue) -> None:
    """003 Art. 18: 'If a single project or item is eligible under multiple clauses ... "most favorable but
    non-duplicative"': a pilot line financed by a loan takes Art. 4 (30% of 10M = 3,000,000) or Art. 10
    (interest 500,000), not both; on two projects both pay."""
    f = firm(projects=[{"id": "p", "kinds": ["pilot_testing", "loan"], "start": 2025,
                        "costs": {"investment": [10_000_000], "interest_paid": [500_000]}},
                       {"id": "q", "kinds": ["loan"], "start": 2025, "costs": {"interest_paid": [500_000]}}])
    pilot = app("tz.art4.pilot_testing", 2025, 3_000_000, "p")
    assert_legal(check(cat, f, pilot, app("tz.art10.loan_interest", 2025, 500_000, "q")))
    assert_only(check(cat, f, pilot, app("tz.art10.loan_interest", 2025, 500_000, "p")), "group.most_favourable")


def pinggu():
    return firm(district="pinggu", statuses=SS, events=[
        {"id": "ss", "kind": "recognition.ss_municipal", "year": 2025},
        {"id": "lg", "kind": "recognition.little_giant_national", "year": 2026},
        {"id": "move", "kind": "relocation.little_giant", "year": 2027},
        {"id": "ipo", "kind": "listing", "year": 2028}])


def test_001_pinggu_a_ladder_is_one_policy(cat: Catalogue) -> None:
    """001 Pinggu: the S&S tier (RMB 100,000), the little-giant tier (not more than 500,000, the difference
    400,000) and the relocation incentive are one clause item, so under scope entity they pass together; the
    municipal listing subsidy (item 5) is another policy of the package's closing note."""
    plan = [app("ss.pinggu.ss_recognition", 2025, 100_000, "ss"), app("ss.pinggu.little_giant", 2026, 400_000, "lg"),
            app("ss.pinggu.little_giant_relocation", 2027, 500_000, "move")]
    assert_legal(check(cat, pinggu(), *plan, options=ENTITY))
    vs = check(cat, pinggu(), *plan, app("ss.municipal.5.listing", 2028, 3_000_000, "ipo"), options=ENTITY)
    assert_only(vs, "group.most_favourable", year=2028)


# ---------------------------------------------------------------- routes of one article


def first_set(*events: str):
    return firm(events=[{"id": e, "kind": "first_set.product", "year": 2026,
                         "values": {"transaction_amount": 5_000_000, "municipal_award": 2_000_000}} for e in events])


@pytest.mark.parametrize(("options", "ok"), [(Interpretation(), False), (ADD_UP, True)])
def test_003_art5_routes_on_one_first_set(cat: Catalogue, options: Interpretation, ok: bool) -> None:
    """003 Art. 5: 30% of the transaction (5M -> 1,500,000) and 50% of the municipal award (2M -> 1,000,000)
    on one first set: both only if routes add up (2,500,000 is within the 3M a year)."""
    vs = check(cat, first_set("fs"), app("tz.art5.first_set_transaction", 2026, 1_500_000, "fs"),
               app("tz.art5.first_set_matching", 2026, 1_000_000, "fs"), options=options)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "group.routes", subject="fs")


def test_003_art5_routes_on_two_first_sets(cat: Catalogue) -> None:
    """003 Art. 5 routes group has scope matter: route 1 on one first set and route 2 on another pass even
    when routes do not add up (1,500,000 + 1,000,000 <= 3M a year)."""
    assert_legal(check(cat, first_set("a", "b"), app("tz.art5.first_set_transaction", 2026, 1_500_000, "a"),
                       app("tz.art5.first_set_matching", 2026, 1_000_000, "b")))


@pytest.mark.parametrize(("options", "ok"), [(Interpretation(), False), (ADD_UP, True)])
def test_003_art9_routes_on_one_project(cat: Catalogue, options: Interpretation, ok: bool) -> None:
    """003 Art. 9: 'up to 30% of the verified total project investment' (10M -> 3,000,000) and 'matching
    support of up to 50%' of a municipal New Intelligent Manufacturing 100 award (1M -> 500,000) on one
    upgrading project."""
    f = firm(projects=[{"id": "up", "kinds": ["industrial_upgrading"], "start": 2026,
                        "costs": {"investment": [10_000_000], "municipal_award": [1_000_000]}}])
    vs = check(cat, f, app("tz.art9.upgrading", 2026, 3_000_000, "up"),
               app("tz.art9.intelligent_manufacturing_100_matching", 2026, 500_000, "up"), options=options)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "group.routes")


@pytest.mark.parametrize(("options", "ok"), [
    (RENEWED, False), (RENEWED.model_copy(update={"routes_add_up": True}), True)])
def test_002_item1_routes_over_the_whole_plan(cat: Catalogue, options: Interpretation, ok: bool) -> None:
    """002 item 1: 'A one-time incentive of up to CNY 500,000 ... to enterprises in the advanced manufacturing
    industry ... and to enterprises in the software information service industry': routes group of scope
    entity. The software route pays in 2026 (above designated size first in 2025, revenue 100M in 2025), the
    manufacturing route in 2027 (output value first reaching 100M in 2026): different years, still one route
    over the plan unless routes add up. (The 2022 guide is assumed renewed: reference_editions=renewed.)"""
    f = firm(tags=["advanced_manufacturing", "software_64_65"],
             statuses=[{"status": "above_designated_size", "since": 2025}],
             metrics={"revenue": {2025: 100_000_000},
                      "output_value": {2024: 50_000_000, 2025: 99_999_999, 2026: 100_000_000}})
    vs = check(cat, f, app("ai.municipal.1.software_scale", 2026, 500_000),
               app("ai.municipal.1.manufacturing_scale", 2027, 500_000), options=options)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "group.routes", year=2027)


# ---------------------------------------------------------------- no repeat across linked events


def changping(*events: dict, history: list[dict] | None = None):
    return firm(district="changping", statuses=[{"status": "high_tech", "since": 2020}], events=list(events),
                history=history or [])


ISO = {"id": "iso", "kind": "standard.international", "year": 2025, "linked_to": ["gb"]}
GB = {"id": "gb", "kind": "standard.national", "year": 2027}


@pytest.mark.parametrize(("pay_iso", "pay_gb", "ok"), [(True, False, True), (False, True, True), (True, True, False)])
def test_002_changping2_international_standard_adopted_nationally(
    cat: Catalogue, pay_iso: bool, pay_gb: bool, ok: bool
) -> None:
    """002 Changping (2): 'The financial support will not be repeated when the international standard is set
    as a national standard after its publication': ISO standard 2025 (500,000) adopted as GB 2027 (300,000),
    linked: one of the two, not both."""
    plan = [app("ai.changping.2.standard_international", 2025, 500_000, "iso")] if pay_iso else []
    plan += [app("ai.changping.2.standard_national", 2027, 300_000, "gb")] if pay_gb else []
    vs = check(cat, changping(ISO, GB), *plan)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "no_repeat", subject="gb", year=2027)


def test_002_changping2_no_repeat_counts_a_past_award(cat: Catalogue) -> None:
    """002 Changping (2): the ISO standard was paid 500,000 in 2024; its national adoption in 2026 is not."""
    f = changping({**ISO, "year": 2024}, {**GB, "year": 2026},
                  history=[{"measure": "ai.changping.2.standard_international", "subject": "iso", "year": 2024,
                            "amount": 500_000}])
    assert_only(check(cat, f, app("ai.changping.2.standard_national", 2026, 300_000, "gb")), "no_repeat")


def test_002_changping2_links_are_transitive(cat: Catalogue) -> None:
    """Semantics: linked_to is symmetric and transitive: gb2 linked to gb, gb linked (from iso) to iso."""
    gb2 = {"id": "gb2", "kind": "standard.national", "year": 2027, "linked_to": ["gb"]}
    vs = check(cat, changping(ISO, {**GB, "year": 2026}, gb2),
               app("ai.changping.2.standard_international", 2025, 500_000, "iso"),
               app("ai.changping.2.standard_national", 2027, 300_000, "gb2"))
    assert_only(vs, "no_repeat", subject="gb2")


# ---------------------------------------------------------------- matching another catalogue measure


def listing_firm():
    return firm(district="haidian", statuses=SS, events=[{"id": "ipo", "kind": "listing", "year": 2026}])


@pytest.mark.parametrize(("municipal", "district", "ok"), [
    (2_000_000, 1_999_999, True), (2_000_000, 2_000_000, True), (2_000_000, 2_000_001, False),
    (3_000_000, 3_000_000, True), (0, 1, False),
])
def test_001_item5_district_matches_the_municipal_listing_award(
    cat: Catalogue, municipal: int, district: int, ok: bool
) -> None:
    """001 item 5: 'not more than RMB 3 million in total for each enterprise from municipal fiscal authority
    and not less than the municipal subsidies from the district fiscal authorities': the district match is
    planned at its guaranteed floor, 100% of the municipal award on the same listing and year. Municipal
    2,000,000 -> district 2,000,000; no municipal award -> nothing to match."""
    plan = [app("ss.municipal.5.listing", 2026, municipal, "ipo")] if municipal else []
    vs = check(cat, listing_firm(), *plan, app("ss.municipal.5.listing_district", 2026, district, "ipo"))
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "matching", limit=municipal, subject="ipo")


# ---------------------------------------------------------------- bonuses


def mentougou():
    return firm(district="mentougou", dates={"moved_in": "2023-05-01", "moved_from_outside_beijing": True}, events=[
        {"id": "ss", "kind": "recognition.ss_municipal", "year": 2025},
        {"id": "lg", "kind": "recognition.little_giant_national", "year": 2025}])


def test_001_mentougou_relocation_bonus_with_its_base(cat: Catalogue) -> None:
    """001 Mentougou: 'An extra one-time incentive of RMB 100, 000 for entering the District in addition to
    the above-mentioned incentive': with the S&S incentive (200,000) on the same recognition: 100,000 passes,
    100,001 breaks the bonus's ceiling."""
    base = app("ss.mentougou.ss_recognition", 2025, 200_000, "ss")
    assert_legal(check(cat, mentougou(), base, app("ss.mentougou.relocation_bonus", 2025, 100_000, "ss")))
    vs = check(cat, mentougou(), base, app("ss.mentougou.relocation_bonus", 2025, 100_001, "ss"))
    assert_only(vs, "ceiling", limit=100_000)


def test_001_mentougou_bonus_without_its_base(cat: Catalogue) -> None:
    """001 Mentougou: the 100,000 is 'in addition to the above-mentioned incentive': alone it is not paid."""
    assert_only(check(cat, mentougou(), app("ss.mentougou.relocation_bonus", 2025, 100_000, "ss")), "bonus")


def test_001_mentougou_bonus_needs_its_base_on_the_same_subject(cat: Catalogue) -> None:
    """Semantics: a bonus needs one of its bonus_to measures on the same subject and year: the S&S incentive
    on the S&S recognition does not carry a bonus on the little-giant recognition."""
    vs = check(cat, mentougou(), app("ss.mentougou.ss_recognition", 2025, 200_000, "ss"),
               app("ss.mentougou.relocation_bonus", 2025, 100_000, "lg"))
    assert_only(vs, "bonus", subject="lg")


@pytest.mark.parametrize(("route_year", "ok"), [(2026, True), (None, False)])
def test_002_item1_ss_bonus_rides_on_a_route(cat: Catalogue, route_year: int | None, ok: bool) -> None:
    """002 item 1 (the 2022 guide assumed renewed): 'An additional CNY 200,000 will be granted to those
    recognized as specialized and sophisticated enterprises': paid with the software route (500,000) in 2026,
    not alone."""
    f = firm(tags=["software_64_65"], statuses=[{"status": "above_designated_size", "since": 2025},
                                                {"status": "ss_municipal", "since": 2024}],
             metrics={"revenue": {2025: 100_000_000}})
    plan = [app("ai.municipal.1.software_scale", route_year, 500_000)] if route_year else []
    vs = check(cat, f, *plan, app("ai.municipal.1.ss_bonus", 2026, 200_000), options=RENEWED)
    if ok:
        assert_legal(vs)
    else:
        assert_only(vs, "bonus", year=2026)
