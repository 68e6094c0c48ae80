"""Most favourable applies / routes: within each group in force, at most one policy per scope bucket.

The meaning (span, policies, scope keys) is models.groups, shared with the checker: a `most_favourable`
group's unit is the policy (a clause item: every measure, ladder tier and bonus of it together), a `routes`
group's unit is each listed route; scope `entity` is one bucket over the plan, `entity_year` one per year,
`matter` one per project or item (a financing project with the project it finances) or per firm-level
matter label and year. Routes groups are lifted by routes_add_up; under most_favourable_span=district the
district measures of one district under notes of different packages form one derived group. Only plan
applications count (past awards do not).
"""

from __future__ import annotations

from collections import defaultdict

from grantstack.models.groups import GroupRule, group_rules, policies_of, scope_key
from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build

__all__ = ["add", "rules_in_force"]


def rules_in_force(b: Build) -> tuple[GroupRule, ...]:
    """The groups of the catalogue under the build's interpretation."""
    return group_rules(b.catalogue, b.interp)


def add(b: Build) -> None:
    """At most one policy per bucket: a 'uses' literal per policy (the candidate itself if it is alone). The groups
    in order, each with the firm's measures it covers in id order (looked up per measure: most groups cover none)."""
    rules = rules_in_force(b)
    covering = policies_of(rules)
    mine: dict[int, list[tuple[str, str]]] = defaultdict(list)  # group index: (measure, its policy), by measure id
    for mid in sorted(b.by_measure):
        for i, pol in covering.get(mid, ()):
            mine[i].append((mid, pol))
    for i in sorted(mine):
        g = rules[i]
        buckets: dict[tuple, dict[str, list[Candidate]]] = defaultdict(lambda: defaultdict(list))
        for mid, pol in mine[i]:
            for c in b.by_measure[mid]:
                buckets[scope_key(b.catalogue, b.firm, g.scope, mid, c.subject, c.year)][pol].append(c)
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
            b.model.add(lits, [1] * len(lits), ub=1, tag=f"group.{g.kind} {g.id} ({g.scope}) {where}".rstrip())
