"""Capacity (planning, not law): at most `max_applications_per_year` applications a year, and an effort
cost in yuan for each application, subtracted in the objective."""

from __future__ import annotations

from collections import defaultdict

from optimizer.candidates import Candidate
from optimizer.context import Build

__all__ = ["add", "effort_terms"]


def add(b: Build) -> None:
    """Applications per year within capacity."""
    cap = b.options.max_applications_per_year
    if cap is None:
        return
    per: dict[int, list[Candidate]] = defaultdict(list)
    for c in b.cands:
        per[c.year].append(c)
    for y, cs in sorted(per.items()):
        b.model.add(*b.actives(cs), ub=cap, tag=f"capacity {y}")


def effort_terms(b: Build) -> dict[int, int]:
    """Objective terms in yuan: minus the effort cost on each active literal."""
    cost = b.options.effort_cost
    return {c.b: -cost for c in b.cands} if cost else {}
