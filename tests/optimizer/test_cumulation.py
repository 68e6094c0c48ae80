"""rules/no_repeat.py, matching.py, bonus.py and capacity.py."""

from __future__ import annotations

from grantstack.models.options import PlanOptions
from tests.optimizer.helpers import agree_over_by_one, amounts, catalogue, firm, measure, opts, solve

INTL = measure("intl", {"form": "fixed", "amount": 500_000}, subject="event", event_kinds=["standard.international"])
NAT = measure("nat", {"form": "fixed", "amount": 300_000}, subject="event", event_kinds=["standard.national"])


def test_no_repeat_across_linked_events() -> None:
    """An international standard later adopted nationally is paid once (the better 500k)."""
    cat = catalogue(INTL, NAT, no_repeat=[{"id": "std", "measures": ["intl", "nat"]}])
    linked = firm(events=[{"id": "i", "kind": "standard.international", "year": 2025},
                          {"id": "n", "kind": "standard.national", "year": 2026, "linked_to": ["i"]}])
    r = agree_over_by_one(cat, linked, ("nat", "n", 2026), "no_repeat", by=300_000)
    assert amounts(r) == {("intl", "i", 2025): 500_000}
    apart = firm(events=[{"id": "i", "kind": "standard.international", "year": 2025},
                         {"id": "n", "kind": "standard.national", "year": 2026}])
    assert solve(cat, apart).total_yuan == 800_000


def test_matching_a_share_of_the_target_award() -> None:
    """33.33% of a 1M municipal award on the same event and year: floor(333,300) in yuan; 333,000 in units of
    1,000 (100 * a <= 33.33 * b, exactly)."""
    target = measure("t", {"form": "up_to", "max": 1_000_000}, subject="event", event_kinds=["listing"])
    match = measure("m", {"form": "matching", "percent": "33.33", "target_measure": "t"}, subject="event",
                    event_kinds=["listing"], level="district", district="haidian")
    cat = catalogue(target, match)
    f = firm(events=[{"id": "ipo", "kind": "listing", "year": 2026}])
    r = agree_over_by_one(cat, f, ("m", "ipo", 2026), "matching")
    assert amounts(r) == {("t", "ipo", 2026): 1_000_000, ("m", "ipo", 2026): 333_300}
    assert solve(cat, f, opts(unit=1000)).total_yuan == 1_333_000
    low = firm(events=[{"id": "ipo", "kind": "listing", "year": 2026, "expected": {"t": 600_000}}])
    assert amounts(solve(cat, low))[("m", "ipo", 2026)] == 199_980  # the expected target award bounds it


def test_no_target_award_no_matching() -> None:
    target = measure("t", {"form": "fixed", "amount": 1_000_000}, subject="event", event_kinds=["listing"],
                     eligibility=[{"kind": "status", "status": "high_tech"}])
    match = measure("m", {"form": "matching", "percent": 100, "target_measure": "t", "cap": 500_000},
                    subject="event", event_kinds=["listing"])
    f = firm(events=[{"id": "ipo", "kind": "listing", "year": 2026}])
    assert solve(catalogue(target, match), f).total_yuan == 0


def test_bonus_only_with_its_base_measure() -> None:
    """An extra 200k with the base measure in the same year; the base pays only in 2025-2026 (revenue)."""
    base = measure("base", {"form": "fixed", "amount": 500_000},
                   eligibility=[{"kind": "metric", "metric": "revenue", "at_least": 10_000_000}])
    extra = measure("extra", {"form": "fixed", "amount": 200_000}, bonus_to=["base"])
    f = firm(metrics={"revenue": {2025: 20_000_000, 2026: 20_000_000, 2027: 1}})
    r = solve(catalogue(base, extra), f)
    assert r.total_yuan == 1_400_000
    agree_over_by_one(catalogue(base, extra), f, ("extra", None, 2027), "bonus", by=200_000)


def test_capacity_and_effort_cost() -> None:
    """One application a year: the best measure each year; an effort cost above a measure's amount drops it."""
    x = measure("x", {"form": "fixed", "amount": 100_000})
    y = measure("y", {"form": "fixed", "amount": 30_000})
    one = PlanOptions(money_unit=1, max_applications_per_year=1)
    r = agree_over_by_one(catalogue(x, y), firm(), ("y", None, 2025), "capacity", options=one, by=30_000)
    assert r.total_yuan == 500_000
    costly = PlanOptions(money_unit=1, effort_cost=40_000)
    r = solve(catalogue(x, y), firm(), costly)
    assert r.total_yuan == 500_000 and r.objective == 5 * 60_000
