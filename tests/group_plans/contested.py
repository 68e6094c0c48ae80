"""Seeded groups whose placements matter: entities in one district compete for the same per-enterprise and
per-year caps, with own events in the same years and past awards near the caps (plain random, every seed a
different group, so the cuts of the decomposition are exercised)."""

from __future__ import annotations

import random
from typing import Any

from grantstack.models.group import Group

TZ_PROJECTS = {"pilot_testing": ["investment"], "industrial_upgrading": ["investment", "municipal_award"],
               "loan": ["interest_paid"], "m_and_a": ["municipal_funding"], "service_purchase": ["contract_amount"]}
TZ_EVENTS = {"industrial_event": ["expenses"], "certification.international": [], "certification.cnas_product": [],
             "standard.national": [], "standard.local": [], "standard.group": [],
             "first_set.product": ["transaction_amount", "municipal_award"]}
TZ_HISTORY = {"tz.art9.upgrading": ("industrial_upgrading", "investment"),
              "tz.art4.pilot_testing": ("pilot_testing", "investment"),
              "tz.art10.loan_interest": ("loan", "interest_paid"),
              "tz.art11.m_and_a_matching": ("m_and_a", "municipal_funding")}


def _project(rng: random.Random, pid: str) -> dict[str, Any]:
    kind = rng.choice(sorted(TZ_PROJECTS))
    n = rng.randint(1, 3)
    p: dict[str, Any] = {"id": pid, "kinds": [kind],
                         "costs": {f: [rng.randint(0, 30_000_000) for _ in range(n)] for f in TZ_PROJECTS[kind]}}
    a = rng.randint(2025, 2027)
    p.update({"start": a} if rng.random() < 0.6 else {"start_window": [a, a + 1]})
    return p


def _event(rng: random.Random, eid: str) -> dict[str, Any]:
    kind = rng.choice(sorted(TZ_EVENTS))
    return {"id": eid, "kind": kind, "year": rng.randint(2025, 2026), "count": rng.randint(1, 12),
            "values": {f: rng.randint(500_000, 3_000_000) for f in TZ_EVENTS[kind]}}


def contested_group(seed: int, entities: int = 3, placeable: int = 4) -> Group:
    """A group of `entities` Tongzhou manufacturers and `placeable` projects and events, each with 2+ carriers."""
    rng = random.Random(seed)
    out = []
    for i in range(entities):
        past = rng.sample(sorted(TZ_HISTORY), rng.randint(0, 2))  # awards for projects that ended in 2024
        old = [{"id": f"e{i}-old{j}", "kinds": [TZ_HISTORY[m][0]], "start": 2024,
                "costs": {TZ_HISTORY[m][1]: [rng.randint(20_000_000, 70_000_000)]}} for j, m in enumerate(past)]
        history = [{"measure": m, "subject": f"e{i}-old{j}", "year": 2024, "amount": rng.randint(0, 6_000_000)}
                   for j, m in enumerate(past)]
        out.append({"id": f"e{i}", "district": "tongzhou", "tags": ["advanced_manufacturing"], "history": history,
                    "statuses": [{"status": "high_tech", "since": 2020}] if rng.random() < 0.5 else [],
                    "projects": old + [_project(rng, f"e{i}-p{j}") for j in range(rng.randint(0, 2))],
                    "events": [_event(rng, f"e{i}-v{j}") for j in range(rng.randint(1, 3))]})
    ids = [e["id"] for e in out]
    k = rng.randint(0, placeable)
    carriers = [rng.sample(ids, rng.randint(2, len(ids))) for _ in range(placeable)]
    return Group.model_validate({
        "id": f"contested-{seed}", "entities": out,
        "placeable_projects": [{"project": _project(rng, f"q{j}"), "carriers": carriers[j]} for j in range(k)],
        "placeable_events": [{"event": _event(rng, f"w{j}"), "carriers": carriers[j]} for j in range(k, placeable)]})
