"""Ladders pay the difference: a tier-k application in year y holds only if every ladder payment of earlier
years (past awards included) plus this year's payments of tiers <= k stays within tier k's ceiling.

So an upgrade pays only the difference, and a lower tier after a higher one pays nothing. Each tier is
paid at most once. The ladder spans all subjects (a recognition ladder is the firm's). The ceiling used
is the candidate's planned ceiling (at or below the legal one the checker uses).
"""

from __future__ import annotations

from grantstack.optimizer.context import Build, floor_units

__all__ = ["add"]


def add(b: Build) -> None:
    """Add the prefix rows (enforced by each tier application) and the one-payment-per-tier rows."""
    for lad in sorted(b.catalogue.ladders, key=lambda lad: lad.id):
        rank = {mid: i for i, mid in enumerate(lad.tiers)}
        cs = [c for mid in lad.tiers for c in b.by_measure.get(mid, [])]
        if not cs:
            continue
        past = b.past(frozenset(lad.tiers))
        for mid in lad.tiers:
            tier = b.by_measure.get(mid, [])
            if tier:
                paid = sum(1 for p in past if p[0] == mid)
                b.model.add(*b.actives(tier), ub=max(0, 1 - paid), tag=f"ladder.once {lad.id} {mid}")
        for c in cs:
            k = rank[c.measure]
            prefix = [d for d in cs if d.year < c.year or (d.year == c.year and rank[d.measure] <= k)]
            paid = sum(a for mid, _, y, a in past if y < c.year or (y == c.year and rank[mid] <= k))
            b.model.add(*b.amounts(prefix), ub=floor_units(c.planned - paid, b.unit), enforce=[c.b],
                        tag=f"ladder {lad.id} through {c.measure} {c.year}")
