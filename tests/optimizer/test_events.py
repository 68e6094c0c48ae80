"""rules/events.py: flexible and optional events, prerequisites with gaps, statuses granted by events."""

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

SS = measure("ss", {"form": "fixed", "amount": 200_000}, subject="event", event_kinds=["recognition.ss_municipal"])
LG = measure("lg", {"form": "fixed", "amount": 800_000}, subject="event",
             event_kinds=["recognition.little_giant_national"])


def test_flexible_event_takes_one_year_of_its_window() -> None:
    f = firm(events=[{"id": "e", "kind": "recognition.ss_municipal", "window": [2026, 2027]}])
    r = solve(catalogue(SS), f)
    assert r.plan is not None and r.plan.schedule["e"] in (2026, 2027)
    assert r.total_yuan == 200_000


def test_status_granted_by_a_flexible_event_is_scheduled_early() -> None:
    """A firm-level 100k a year needs status ss_municipal, granted by an event in 2025-2027: schedule it in
    2025 and collect 5 x 100k."""
    yearly = measure("yearly", {"form": "fixed", "amount": 100_000},
                     eligibility=[{"kind": "status", "status": "ss_municipal"}])
    f = firm(events=[{"id": "e", "kind": "standard.group", "window": [2025, 2027], "grants": ["ss_municipal"]}])
    r = solve(catalogue(yearly), f)
    assert r.plan is not None and r.plan.schedule == {"e": 2025} and r.total_yuan == 500_000
    b = build_model(catalogue(yearly), f, YEARS, EXACT)
    late = r.plan.model_copy(update={"schedule": {"e": 2026}})
    assert not feasible(b, late)
    assert "eligibility" in {v.rule for v in check_plan(catalogue(yearly), f, late, EXACT)}


def test_optional_event_is_skipped_when_holding_its_status_costs_more() -> None:
    """'Not holding x' pays 1M a year; an optional event granting x pays 200k once: skip it (5M)."""
    small = measure("small", {"form": "fixed", "amount": 1_000_000},
                    eligibility=[{"kind": "status", "status": "tase", "held": False}])
    f = firm(events=[{"id": "e", "kind": "recognition.ss_municipal", "window": [2025, 2026], "optional": True,
                      "grants": ["tase"]}])
    r = solve(catalogue(small, SS), f)
    assert r.plan is not None and r.plan.schedule == {"e": None} and r.total_yuan == 5_000_000


def test_prerequisite_with_a_gap() -> None:
    """lg needs ss one year earlier; windows overlap: lg must come at least a year after ss."""
    f = firm(events=[
        {"id": "s", "kind": "recognition.ss_municipal", "window": [2025, 2027]},
        {"id": "l", "kind": "recognition.little_giant_national", "window": [2025, 2026],
         "requires": [{"event": "s", "min_gap_years": 1}]},
    ])
    cat = catalogue(SS, LG)
    r = solve(cat, f)
    assert r.plan is not None and r.plan.schedule == {"l": 2026, "s": 2025} and r.total_yuan == 1_000_000
    b = build_model(cat, f, YEARS, EXACT)
    same = r.plan.model_copy(update={"schedule": {"l": 2026, "s": 2026}, "applications": tuple(
        a.model_copy(update={"year": 2026}) for a in r.plan.applications)})
    assert not feasible(b, same)
    assert "prerequisite" in {v.rule for v in check_plan(cat, f, same, EXACT)}


def test_status_prerequisite_from_records() -> None:
    """An event needing a status held two years before cannot happen before that."""
    f = firm(statuses=[{"status": "high_tech", "since": 2024}],
             events=[{"id": "l", "kind": "recognition.little_giant_national", "window": [2025, 2027],
                      "requires": [{"status": "high_tech", "min_gap_years": 2}]}])
    r = solve(catalogue(LG), f)
    assert r.plan is not None and r.plan.schedule["l"] in (2026, 2027) and r.total_yuan == 800_000
    early = r.plan.model_copy(update={"schedule": {"l": 2025}, "applications": tuple(
        a.model_copy(update={"year": 2025}) for a in r.plan.applications)})
    assert not feasible(build_model(catalogue(LG), f, YEARS, EXACT), early)
    assert "prerequisite" in {v.rule for v in check_plan(catalogue(LG), f, early, EXACT)}


def test_fixed_event_pays_in_its_year_plus_lag() -> None:
    lagged = measure("lagged", {"form": "fixed", "amount": 300_000}, subject="event",
                     event_kinds=["recognition.ss_municipal"], timing={"lag_years": 1})
    f = firm(events=[{"id": "e", "kind": "recognition.ss_municipal", "year": 2024}])
    r = solve(catalogue(lagged), f)
    assert amounts(r) == {("lagged", "e", 2025): 300_000}
    over = bumped(r.plan, ("lagged", "e", 2026), 1)  # type: ignore[arg-type]
    assert "eligibility" in {v.rule for v in check_plan(catalogue(lagged), f, over, EXACT)}


def test_event_amount_one_yuan_over_the_ceiling() -> None:
    f = firm(events=[{"id": "e", "kind": "recognition.ss_municipal", "year": 2025}])
    agree_over_by_one(catalogue(SS), f, ("ss", "e", 2025), "ceiling")
