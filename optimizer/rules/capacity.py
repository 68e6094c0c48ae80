"""Capacity (planning, not law): at most `max_applications_per_year` applications and `max_effort_per_year`
effort points a year (each measure's `effort` per application); `effort_cost` yuan per point is subtracted
in the objective."""

from __future__ import annotations

from collections import defaultdict

from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build

__all__ = ["add", "effort_terms"]


def _effort(b: Build, c: Candidate) -> int:
    return b.catalogue.measure(c.measure).effort


def add(b: Build) -> None:
    """Applications and effort per year within capacity."""
    o = b.options
    if o.max_applications_per_year is None and o.max_effort_per_year is None:
        return
    per: dict[int, list[Candidate]] = defaultdict(list)
    for c in b.cands:
        per[c.year].append(c)
    for y, cs in sorted(per.items()):
        if o.max_applications_per_year is not None:
            b.model.add(*b.actives(cs), ub=o.max_applications_per_year, tag=f"capacity {y}")
        if o.max_effort_per_year is not None:
            b.model.add([c.b for c in cs], [_effort(b, c) for c in cs], ub=o.max_effort_per_year,
                        tag=f"capacity.effort {y}")


def effort_terms(b: Build) -> dict[int, int]:
    """Objective terms in yuan: minus the effort cost of each active application."""
    cost = b.options.effort_cost
    return {c.b: -cost * _effort(b, c) for c in b.cands} if cost else {}
