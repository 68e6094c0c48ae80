"""No repeat: over each set of linked events (`linked_to`, symmetric and transitive; a lone event is a set of
one), the rule's measures pay at most one application in total, past awards included."""

from __future__ import annotations

from collections import defaultdict

from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build

__all__ = ["add"]


def add(b: Build) -> None:
    """One application per component across the rule's measures."""
    comp = b.firm.linked_works()
    for rule in sorted(b.catalogue.no_repeat, key=lambda r: r.id):
        members = frozenset(rule.measures)
        per: dict[str, list[Candidate]] = defaultdict(list)
        for mid in sorted(members):
            for c in b.by_measure.get(mid, []):
                if c.subject in comp:
                    per[comp[c.subject]].append(c)
        paid: dict[str, int] = defaultdict(int)
        for _, sid, _, _ in b.past(members):
            if sid in comp:
                paid[comp[sid]] += 1
        for root, cs in per.items():
            b.model.add(*b.actives(cs), ub=max(0, 1 - paid[root]), tag=f"no_repeat {rule.id} {root}")
