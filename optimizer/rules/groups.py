"""Most favourable applies: within a group at most one member policy is used per scope key.

Members are measures or ladders (all tiers of a ladder are one policy). Scope `matter`: per subject for
project and event applications, per (matter label or measure id, year) for firm-level ones;
`entity_year`: per year; `entity`: over the whole plan; `option` follows most_favourable_scope. `routes`
groups are lifted when routes_add_up is true. Only plan applications count (past awards do not).
"""

from __future__ import annotations

from collections import defaultdict

from grantstack.models.rules import ExclusiveGroup
from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build

__all__ = ["add", "group_scope", "policy_of", "scope_key"]


def group_scope(b: Build, g: ExclusiveGroup) -> str:
    """The scope a group is read with."""
    return b.interp.most_favourable_scope if g.scope == "option" else g.scope


def policy_of(b: Build, g: ExclusiveGroup, mid: str) -> str | None:
    """The member policy a measure belongs to in the group: itself, or its ladder."""
    if mid in g.members:
        return mid
    lad = b.catalogue.ladder_of(mid)
    return lad.id if lad is not None and lad.id in g.members else None


def scope_key(b: Build, scope: str, c: Candidate) -> tuple:
    """The bucket an application falls in under a scope."""
    if scope == "entity":
        return ()
    if scope == "entity_year":
        return (c.year,)
    if c.subject is not None:
        return ("subject", c.subject)
    m = b.catalogue.measure(c.measure)
    return ("firm", m.matter or m.id, c.year)


def add(b: Build) -> None:
    """At most one policy per bucket: a 'uses' literal per policy (the candidate itself if it is alone)."""
    for g in sorted(b.catalogue.groups, key=lambda g: g.id):
        if g.kind == "routes" and b.interp.routes_add_up:
            continue
        scope = group_scope(b, g)
        buckets: dict[tuple, dict[str, list[Candidate]]] = defaultdict(lambda: defaultdict(list))
        for mid in sorted(b.by_measure):
            pol = policy_of(b, g, mid)
            if pol is None:
                continue
            for c in b.by_measure[mid]:
                buckets[scope_key(b, scope, c)][pol].append(c)
        for key, pols in buckets.items():
            if len(pols) < 2:
                continue
            where = " ".join(str(k) for k in key)
            lits = []
            for pol in sorted(pols):
                cs = pols[pol]
                if len(cs) == 1:
                    lits.append(cs[0].b)
                    continue
                u = b.model.new_bool(f"uses[{g.id},{pol},{where}]")
                for c in cs:
                    b.model.add([c.b, u], [1, -1], ub=0, tag=f"group.uses {g.id} {pol}")
                lits.append(u)
            b.model.add(lits, [1] * len(lits), ub=1, tag=f"group.{g.kind} {g.id} ({scope}) {where}".rstrip())
