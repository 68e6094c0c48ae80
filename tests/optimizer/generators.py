"""Seeded random small instances: synthetic measures of several amount forms, caps, ladders, groups, no-repeat
links, matching and bonuses, and firms with fixed or flexible projects and events and some history."""

from __future__ import annotations

import random
from typing import Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.options import Interpretation, PlanOptions
from tests.optimizer.helpers import catalogue, firm, measure

KINDS = ["standard.national", "standard.international", "certification.international", "listing"]
LADDER_KINDS = ["recognition.innovative_sme", "recognition.ss_municipal", "recognition.little_giant_national"]


def _money(r: random.Random, lo: int, hi: int) -> int:
    return r.randrange(lo, hi + 1, 10_000)


def _firm_measures(r: random.Random) -> list[Any]:
    out = []
    for i in range(r.randint(1, 3)):
        form = r.choice(["fixed", "rate", "tiers"])
        if form == "fixed":
            amount: dict[str, Any] = {"form": "fixed", "amount": _money(r, 50_000, 800_000)}
        elif form == "rate":
            amount = {"form": "rate", "percent": r.choice([1, 2, 5]),
                      "base": {"of": "firm", "field": "revenue"}, "cap": _money(r, 200_000, 1_500_000)}
        else:
            amount = {"form": "tiers", "tiers": [
                {"when": [{"kind": "metric", "metric": "revenue", "at_least": 20_000_000}], "amount": 300_000},
                {"when": [{"kind": "metric", "metric": "revenue", "at_least": 40_000_000}], "amount": 900_000},
            ]}
        timing = r.choice([{}, {"once": "firm"}, {"max_years": 2}])
        caps = [{"per": "firm", "amount": _money(r, 300_000, 2_000_000)}] if r.random() < 0.4 else []
        elig = [{"kind": "status", "status": "ss_municipal"}] if r.random() < 0.25 else []
        out.append(measure(f"firm{i}", amount, timing=timing, caps=caps, eligibility=elig,
                           matter=r.choice([None, "scale"])))
    return out


def _project_measures(r: random.Random) -> list[Any]:
    out = []
    for i in range(r.randint(1, 2)):
        if r.random() < 0.3:
            amount: dict[str, Any] = {"form": "schedule", "percents": [30, 20, 10],
                                      "base": {"of": "project", "field": "cost"}, "cap": _money(r, 500_000, 3_000_000)}
            timing: dict[str, Any] = {}
        else:
            amount = {"form": "rate", "percent": r.choice([20, 30, 50]), "base": {"of": "project", "field": "cost"},
                      "total_basis_option": r.random() < 0.5}
            timing = r.choice([{}, {"max_years": 2}, {"max_years": 3}, {"once": "subject"}])
        caps = []
        if r.random() < 0.5:
            caps.append({"per": "subject", "amount": _money(r, 500_000, 4_000_000)})
        if "max_years" in timing and r.random() < 0.4:
            caps.append({"per": "subject", "amount": _money(r, 300_000, 2_000_000), "support_years": [2, 3]})
        out.append(measure(f"proj{i}", amount, subject="project", project_kinds=["rd_project"], caps=caps,
                           timing=timing))
    return out


def _event_measures(r: random.Random) -> tuple[list[Any], list[dict[str, Any]]]:
    out = [
        measure("ev.intl", {"form": "fixed", "amount": _money(r, 100_000, 600_000)}, subject="event",
                event_kinds=["standard.international"]),
        measure("ev.nat", {"form": "fixed", "amount": _money(r, 100_000, 600_000)}, subject="event",
                event_kinds=["standard.national"]),
        measure("ev.cert", {"form": "per_unit", "unit_amount": 100_000, "cap": 500_000}, subject="event",
                event_kinds=["certification.international"], timing={"lag_years": r.choice([0, 1])}),
        measure("ev.list", {"form": "up_to", "max": _money(r, 500_000, 3_000_000)}, subject="event",
                event_kinds=["listing"], timing={"once": "firm"}),
        measure("ev.list_match", {"form": "matching", "percent": r.choice(["50", "100", "33.33"]),
                                  "target_measure": "ev.list"}, subject="event", event_kinds=["listing"]),
    ]
    prices = sorted(_money(r, 100_000, 1_000_000) for _ in LADDER_KINDS)
    tiers = [measure(f"lad{i}", {"form": "fixed", "amount": a}, subject="event", event_kinds=[k])
             for i, (k, a) in enumerate(zip(LADDER_KINDS, prices, strict=True))]
    out += tiers
    rules: list[dict[str, Any]] = [{"id": "lad", "tiers": [t.id for t in tiers]}]
    return out, rules


def random_instance(seed: int) -> tuple[Catalogue, Firm, PlanOptions]:
    """One small instance, fully determined by the seed."""
    r = random.Random(seed)
    firm_ms, proj_ms = _firm_measures(r), _project_measures(r)
    event_ms, ladders = _event_measures(r)
    bonus = measure("bonus", {"form": "fixed", "amount": 200_000}, bonus_to=[firm_ms[0].id])
    ms = [*firm_ms, *proj_ms, *event_ms, bonus]
    ids = [m.id for m in ms]
    groups = []
    if r.random() < 0.7:
        members = r.sample([i for i in ids if i.startswith(("firm", "proj"))] + ["lad"], 2)
        if len(set(members)) == 2:
            groups.append({"id": "grp", "kind": r.choice(["most_favourable", "routes"]), "members": members,
                           "scope": r.choice(["option", "matter", "entity_year", "entity"])})
    caps = [{"id": "shared", "measures": r.sample(ids, 3), "per": r.choice(["year", "firm", "subject_year"]),
             "amount": _money(r, 300_000, 2_000_000)}] if r.random() < 0.6 else []
    no_repeat = [{"id": "std", "measures": ["ev.intl", "ev.nat"]}]
    cat = catalogue(*ms, groups=groups, ladders=ladders, caps=caps, no_repeat=no_repeat)
    f = firm(**_firm_data(r))
    interp = Interpretation(
        most_favourable_scope=r.choice(["matter", "entity_year", "entity"]),
        rate_basis=r.choice(["each_year", "project_total"]), routes_add_up=r.random() < 0.5,
        discretionary=r.choice(["expected", "ceiling"]),
    )
    options = PlanOptions(interpretation=interp, money_unit=r.choice([1000, 10_000]),
                          max_applications_per_year=r.choice([None, None, 3]),
                          effort_cost=r.choice([0, 0, 20_000]))
    return cat, f, options


def _timed(r: random.Random, data: dict[str, Any], optional: bool = True) -> dict[str, Any]:
    y = r.randint(2024, 2029)
    if r.random() < 0.5:
        data["year"] = y
    else:
        data["window"] = [y, min(2029, y + r.randint(1, 2))]
        data["optional"] = optional and r.random() < 0.4
    return data


def _firm_data(r: random.Random) -> dict[str, Any]:
    revenue = {y: r.randrange(5_000_000, 60_000_000, 1_000_000) for y in range(2023, 2030)}
    projects = []
    for i in range(r.randint(0, 2)):
        p: dict[str, Any] = {"id": f"p{i}", "kinds": ["rd_project"],
                             "costs": {"cost": [_money(r, 0, 8_000_000) for _ in range(r.randint(1, 4))]}}
        y = r.randint(2024, 2028)
        if r.random() < 0.5:
            p["start"] = y
        else:
            p["start_window"] = [y, y + r.randint(1, 2)]
        projects.append(p)
    events = [_timed(r, {"id": f"e{i}", "kind": r.choice(KINDS), "count": r.randint(1, 8)})
              for i in range(r.randint(0, 3))]
    intl = [e["id"] for e in events if e["kind"] == "standard.international"]
    for e in events:
        if e["kind"] == "standard.national" and intl:
            e["linked_to"] = intl[:1]
    if r.random() < 0.6:
        events.append({"id": "sme", "kind": LADDER_KINDS[0], "window": [2024, 2025]})
        events.append({"id": "ss", "kind": LADDER_KINDS[1], "grants": ["ss_municipal"], "window": [2025, 2027],
                       "requires": [{"event": "sme", "min_gap_years": r.choice([0, 1])}]})
        if r.random() < 0.5:
            events.append({"id": "lg", "kind": LADDER_KINDS[2], "window": [2026, 2029], "optional": True,
                           "requires": [{"event": "ss", "min_gap_years": 1}]})
    history = []
    if any(e["id"] == "sme" for e in events) and r.random() < 0.3:
        history.append({"measure": "lad0", "subject": "sme", "year": 2023, "amount": 50_000})
    if r.random() < 0.3:
        history.append({"measure": "firm0", "year": 2024, "amount": 100_000})
    return {"metrics": {"revenue": revenue}, "projects": projects, "events": events, "history": history,
            "expected": {"ev.list": 1_000_000} if r.random() < 0.5 else {}}
