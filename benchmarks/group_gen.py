"""Seeded corporate groups over the real catalogue: typical entities in a few home districts, placeable projects
with two or three carriers (some already started by one of them), and a new entity whose district is open."""

from __future__ import annotations

import random
from typing import Any

from grantstack.benchmarks.gen_typical import relevant_kinds, typical_firm
from grantstack.models.catalogue import Catalogue
from grantstack.models.group import Group
from grantstack.models.vocabulary import Vocabulary

__all__ = ["HOME_DISTRICTS", "group_instance"]

HOME_DISTRICTS = ("tongzhou", "changping", "dongcheng", "shunyi", "daxing", "mentougou", "shijingshan", "pinggu",
                  "chaoyang", "eda")
NEW_DISTRICTS = ("dongcheng", "changping", "tongzhou", "shunyi", "chaoyang")


def _entity(rng: random.Random, i: int, homes: list[str], catalogue: Catalogue, vocab: Vocabulary,
            years: tuple[int, int]) -> dict[str, Any]:
    """A typical firm (benchmarks/gen_typical.py) registered in one of the group's home districts."""
    while True:
        f = typical_firm(rng.randrange(10**9), catalogue, vocab, years)
        if f["district"] in homes:
            break
    eid = f"e{i:02d}"
    ids = {p["id"]: f"{eid}-{p['id']}" for p in f["projects"]} | {e["id"]: f"{eid}-{e['id']}" for e in f["events"]}
    for p in f["projects"]:
        p["id"] = ids[p["id"]]
    for e in f["events"]:
        e["id"] = ids[e["id"]]
        e["requires"] = [{**r, "event": ids[r["event"]]} if "event" in r else r for r in e.get("requires", [])]
        if "linked_to" in e:
            e["linked_to"] = [ids[x] for x in e["linked_to"]]
    f["id"] = eid
    return f


def _project(rng: random.Random, pid: str, kinds: tuple[str, ...], vocab: Vocabulary,
             years: tuple[int, int]) -> dict[str, Any]:
    kind = rng.choice(kinds)
    n = rng.randint(1, 4)
    fields = sorted(vocab.project_costs.get(kind, ())) or ["investment"]
    p: dict[str, Any] = {"id": pid, "kinds": [kind],
                         "costs": {f: [int(round(10 ** rng.uniform(5.5, 7.7), -3)) for _ in range(n)] for f in fields}}
    qty = sorted(vocab.quantities.get(kind, ()))
    if qty:
        p["quantities"] = {q: [rng.randint(300, 6000) for _ in range(n)] for q in qty}
    a = rng.randint(years[0], years[1] - 1)
    p.update({"start": a} if rng.random() < 0.7 else {"start_window": [a, min(years[1], a + 1)]})
    return p


def group_instance(seed: int, catalogue: Catalogue, vocab: Vocabulary, entities: int = 10, placeable: int = 20,
                   years: tuple[int, int] = (2025, 2029)) -> Group:
    """A group of `entities` typical firms, `placeable` placeable projects and one new entity (2-3 districts)."""
    rng = random.Random(seed)
    homes = rng.sample(HOME_DISTRICTS, 3)
    firms = [_entity(rng, i, homes, catalogue, vocab, years) for i in range(entities)]
    ids = [f["id"] for f in firms]
    districts = rng.sample(NEW_DISTRICTS, rng.randint(2, 3))
    new = {"firm": {"id": "newco", "tags": sorted(rng.sample([t for t in vocab.tags if t != "prohibited_catalog"], 2)),
                    "metrics": {"revenue": {y: int(round(10 ** rng.uniform(7.3, 8.5), -3))
                                            for y in range(years[0], years[1] + 1)}}},
           "districts": districts, "settles": f"{years[0]}-0{rng.randint(1, 9)}-01"}
    kinds = tuple(sorted({k for d in homes + districts for k in relevant_kinds(catalogue, d)[0]}))
    projects = []
    for j in range(placeable):
        carriers = rng.sample(ids, min(len(ids), rng.randint(2, 3))) + (["newco"] if rng.random() < 0.3 else [])
        entry: dict[str, Any] = {"project": _project(rng, f"q{j:02d}", kinds, vocab, years), "carriers": carriers}
        if rng.random() < 0.15:
            entry["started_by"] = carriers[0]
            entry["project"].pop("start_window", None)
            entry["project"]["start"] = years[0] - 1
        projects.append(entry)
    return Group.model_validate({"id": f"group-{entities}x{placeable}-s{seed:02d}", "entities": firms,
                                 "new_entity": new, "placeable_projects": projects})
