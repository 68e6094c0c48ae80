"""Hypothesis strategies for groups over the real catalogue: a few entities, placeable projects and events with
random carriers (some started by an entity), and sometimes a new entity with two or three possible districts."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from grantstack.models.group import Group
from tests.strategies import DISTRICTS, EVENTS, TAGS, firms, metrics, projects

PLACEABLE_EVENTS = sorted(k for k in EVENTS if not k.startswith(("platform.", "recognition.")))


def _rename(data: dict[str, Any], prefix: str) -> dict[str, Any]:
    """Make a firm's project and event ids unique in the group."""
    ids = {p["id"]: f"{prefix}-{p['id']}" for p in data["projects"]} | {
        e["id"]: f"{prefix}-{e['id']}" for e in data["events"]}
    for p in data["projects"]:
        p["id"] = ids[p["id"]]
    for e in data["events"]:
        e["id"] = ids[e["id"]]
        e["requires"] = [{**r, "event": ids[r["event"]]} if r.get("event") else r for r in e.get("requires", [])]
        e["linked_to"] = [ids[x] for x in e.get("linked_to", [])]
    return data


@st.composite
def groups(draw: st.DrawFn, max_entities: int = 3, max_placeable: int = 3) -> Group:
    """A random group whose every placement is legal to consider."""
    n = draw(st.integers(1, max_entities))
    entities = []
    for i in range(n):
        f = draw(firms()).model_dump(exclude_defaults=True)
        f["id"] = f"e{i}"
        entities.append(_rename(f, f"e{i}"))
    ids = [e["id"] for e in entities]
    data: dict[str, Any] = {"id": "g", "entities": entities}
    if draw(st.booleans()):
        data["new_entity"] = {
            "firm": {"id": "new", "tags": draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True)),
                     "metrics": draw(metrics())},
            "districts": draw(st.lists(st.sampled_from(DISTRICTS), min_size=1, max_size=3, unique=True)),
            "settles": draw(st.dates(date(2025, 1, 1), date(2026, 12, 31))).isoformat()}
        ids.append("new")
    placeable: list[dict[str, Any]] = []
    for j, p in enumerate(draw(projects())[:draw(st.integers(0, max_placeable))]):
        p["id"] = f"q{j}"
        carriers = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        entry: dict[str, Any] = {"project": p, "carriers": carriers}
        earliest = p["start"] if "start" in p else p["start_window"][0]
        existing = [c for c in carriers if c != "new"]
        if earliest < 2025 and not existing:  # only an existing entity can have started it
            p.pop("start", None)
            p["start_window"] = [2025, 2025 + draw(st.integers(0, 1))]
        elif existing and (earliest < 2025 or draw(st.booleans())):
            entry["started_by"] = draw(st.sampled_from(existing))
        placeable.append(entry)
    data["placeable_projects"] = placeable
    events = []
    for j in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(PLACEABLE_EVENTS))
        e = {"id": f"v{j}", "kind": kind, "year": draw(st.integers(2025, 2029)),
             "count": draw(st.integers(1, 5)), "values": {f: draw(st.integers(0, 5_000_000)) for f in EVENTS[kind]}}
        events.append({"event": e, "carriers": draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3,
                                                              unique=True))})
    data["placeable_events"] = events
    return Group.model_validate(data)

