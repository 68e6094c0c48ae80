"""rules/ladders.py: an upgrade pays only the difference; history counts; a lower tier after a higher pays
nothing; each tier once."""

from __future__ import annotations

from grantstack.models.options import PlanOptions
from tests.optimizer.helpers import agree_over_by_one, amounts, catalogue, firm, measure, solve

SS = measure("ss", {"form": "fixed", "amount": 200_000}, subject="event", event_kinds=["recognition.ss_municipal"])
LG = measure("lg", {"form": "fixed", "amount": 800_000}, subject="event",
             event_kinds=["recognition.little_giant_national"])
LADDER = catalogue(SS, LG, ladders=[{"id": "lad", "tiers": ["ss", "lg"]}])


def events(ss: int, lg: int) -> list[dict[str, object]]:
    return [{"id": "s", "kind": "recognition.ss_municipal", "year": ss},
            {"id": "l", "kind": "recognition.little_giant_national", "year": lg}]


def test_upgrade_pays_the_difference() -> None:
    """200k for the lower tier, then 800k - 200k = 600k for the upper (a discount makes the early 200k worth
    taking; undiscounted, 800k for the upper tier alone ties)."""
    discounted = PlanOptions(money_unit=1, discount_rate="0.05")
    r = agree_over_by_one(LADDER, firm(events=events(2025, 2026)), ("lg", "l", 2026), "ladder", options=discounted)
    assert amounts(r) == {("ss", "s", 2025): 200_000, ("lg", "l", 2026): 600_000}


def test_both_tiers_in_one_year_pay_the_upper_ceiling() -> None:
    r = solve(LADDER, firm(events=events(2025, 2025)))
    assert r.total_yuan == 800_000


def test_lower_tier_after_a_higher_pays_nothing() -> None:
    r = agree_over_by_one(LADDER, firm(events=events(2026, 2025)), ("ss", "s", 2026), "ladder")
    assert amounts(r) == {("lg", "l", 2025): 800_000}


def test_past_award_of_a_lower_tier_counts() -> None:
    f = firm(events=events(2023, 2026), history=[{"measure": "ss", "subject": "s", "year": 2023, "amount": 200_000}])
    assert amounts(solve(LADDER, f)) == {("lg", "l", 2026): 600_000}


def test_each_tier_is_paid_once() -> None:
    f = firm(events=[*events(2025, 2027), {"id": "s2", "kind": "recognition.ss_municipal", "year": 2026}])
    r = agree_over_by_one(LADDER, f, ("ss", "s2", 2026), "ladder", by=1)
    assert r.total_yuan == 800_000
