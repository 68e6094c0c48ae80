"""Matching: amount <= floor(percent x the target measure's amount on the same subject and year).

With percent = n/d, money unit u and past target awards P (yuan) in that slot, the row is
d*u*x - n*u*sum(x_target) <= n*P: integer arithmetic, exact, and the floor follows because the
left-hand amount is whole yuan. No target award means no matching. Matching an external value
(`target_value`) is a plain ceiling and needs no row.
"""

from __future__ import annotations

from math import gcd

from grantstack.models.amounts import Matching
from grantstack.models.base import fraction_of
from grantstack.optimizer.context import Build

__all__ = ["add"]


def add(b: Build) -> None:
    """One row per matching candidate."""
    u = b.unit
    for mid, cs in b.by_measure.items():
        a = b.catalogue.measure(mid).amount
        if not isinstance(a, Matching) or a.target_measure is None:
            continue
        p = fraction_of(a.percent)
        n, d = p.numerator, p.denominator
        for c in cs:
            targets = b.by_slot.get((a.target_measure, c.subject, c.year), [])
            past = sum(v for y, v in b.history(a.target_measure, c.subject) if y == c.year)
            g = gcd(d * u, n * u, n * past)
            vs = [c.x] + [t.x for t in targets]
            ks = [d * u // g] + [-n * u // g] * len(targets)
            b.model.add(vs, ks, ub=n * past // g, tag=f"matching {mid} {a.percent}% of {a.target_measure}")
