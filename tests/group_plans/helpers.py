"""Builders for group tests: groups from plain data, and a brute-force planner to cross-check the optimiser."""

from __future__ import annotations

import itertools
from typing import Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.group import Group
from grantstack.models.group_expand import allowed_slots, entity_firm, slots, units
from grantstack.models.group_options import GroupOptions
from grantstack.models.options import PlanOptions
from grantstack.optimizer.solve import plan


def group(entities: list[Any], **extra: Any) -> Group:
    """A group of these entities (Firm objects or dicts) and the given placeables, new entity and limits."""
    data: dict[str, Any] = {"id": "g", "entities": [e if isinstance(e, dict) else e.model_dump() for e in entities]}
    data.update(extra)
    return Group.model_validate(data)


def brute_force(catalogue: Catalogue, g: Group, years: tuple[int, int] = (2025, 2029),
                options: PlanOptions | None = None, group_options: GroupOptions | None = None) -> float:
    """The best group objective by planning every entity under every placement and district (small groups)."""
    options = options or PlanOptions()
    group_options = group_options or GroupOptions()
    us = units(g)
    districts = g.new_entity.districts if g.new_entity else (None,)
    best = float("-inf")
    cache: dict[tuple[str, str, frozenset[Any]], float] = {}
    for d in districts:
        choices = [[s for s in allowed_slots(g, u, group_options) if not s.new or s.district == d] for u in us]
        for combo in itertools.product(*choices):
            placement = {i: s.entity for u, s in zip(us, combo, strict=True) for i in u.items}
            total = 0.0
            for s in slots(g):
                if s.new and s.district != d:
                    continue
                mine = frozenset(i for i, e in placement.items() if e == s.entity)
                moved = frozenset((u.id, placement[u.id]) for u in us if u.started_by == s.entity)
                key = (s.entity, s.district, mine | moved)
                if key not in cache:
                    r = plan(catalogue, entity_firm(g, s, placement, group_options), years, options)
                    assert r.status == "OPTIMAL", (key, r.status)
                    cache[key] = r.objective or 0.0
                total += cache[key]
            best = max(best, total)
    return best
