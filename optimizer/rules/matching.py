"""Matching: amount <= floor(percent x the target measure's amount on the same subject and year).

With percent = n/d, money unit u and past target awards P (yuan) in that slot, the row is
d*u*x - n*u*sum(x_target) <= n*P: integer arithmetic, exact, and the floor follows because the
left-hand amount is whole yuan. No target award means no matching. Matching an external value
(`target_value`) is a plain ceiling and needs no row. The rate cuts the matching amount (it gets a
variable) unless every target is paid in full and its percentage covers the matching ceiling.
"""

from __future__ import annotations

from collections.abc import Iterator
from math import gcd

from grantstack.models.amounts import Matching
from grantstack.models.base import fraction_of
from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build

__all__ = ["add", "cuts"]


def _pairs(b: Build) -> Iterator[tuple[Candidate, list[Candidate], int, int, int, str]]:
    """(matching candidate, target candidates in its slot, past target yuan, n, d, tag)."""
    for mid, cs in b.by_measure.items():
        a = b.catalogue.measure(mid).amount
        if not isinstance(a, Matching) or a.target_measure is None:
            continue
        p = fraction_of(a.percent)
        tag = f"matching {mid} {a.percent}% of {a.target_measure}"
        for c in cs:
            targets = b.by_slot.get((a.target_measure, c.subject, c.year), [])
            past = sum(v for y, v in b.history(a.target_measure, c.subject) if y == c.year)
            yield c, targets, past, p.numerator, p.denominator, tag


def cuts(b: Build, cut: set[int]) -> set[int]:
    """Matching candidates the rate can hold below their ceiling, given the amounts already cut (`cut`)."""
    pairs = list(_pairs(b))
    out = set(cut)
    changed = True
    while changed:
        changed = False
        for c, targets, past, n, d, _ in pairs:
            if id(c) in out:
                continue
            covered = all(id(t) not in out and d * c.ub * b.unit <= n * (t.ub * b.unit + past) for t in targets)
            if not covered:
                out.add(id(c))
                changed = True
    return out - cut


def add(b: Build) -> None:
    """One row per matching candidate."""
    u = b.unit
    for c, targets, past, n, d, tag in _pairs(b):
        tv, tk = b.amounts(targets)
        cv, ck = b.amounts([c])
        g = gcd(d * u, n * u, n * past)
        b.model.add(cv + tv, [d * u * k // g for k in ck] + [-n * u * k // g for k in tk], ub=n * past // g, tag=tag)
