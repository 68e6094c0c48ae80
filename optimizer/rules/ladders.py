"""Ladders pay the difference: a tier application pays its planned amount minus what the ladder paid before
it (past awards, earlier years, lower tiers of the same year), in full (finding W0), and never nothing.

So an upgrade pays exactly the difference, and a lower tier after a higher one cannot pay. Each tier is
paid at most once. The ladder spans all subjects (a recognition ladder is the firm's). The amount used is
the candidate's planned ceiling (at or below the legal one the checker uses). Encoding: a running level
per year (the ladder's plan payments so far) and, per tier application, one row enforced by it:
level before + same-year lower tiers + its amount = its planned amount. An application nothing can precede
is a constant. Where a cap can also cut it, the row's lower side holds unless a cap it counts in is reached.

Those rows are enforced by the application, so the LP relaxation of a plan with fractional applications ignores
them (xl-s11: the tiers of one ladder paid 5.3 million in the LP where the top tier's 3.5 million is all the ladder
can pay). `totals` states the ladder's total, implied by them, for rules/implied.py to add where it pays.
"""

from __future__ import annotations

from collections.abc import Iterator

from grantstack.models.rules import Ladder
from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build, floor_units
from grantstack.optimizer.rules import caps

__all__ = ["add", "cuts", "prepare", "totals"]


def _members(b: Build, lad: Ladder) -> tuple[dict[str, int], list[Candidate]]:
    """The ladder's tier ranks and its tier candidates by (year, rank); none if no tier has a candidate."""
    by_measure = b.by_measure
    if by_measure.keys().isdisjoint(lad.tiers):
        return {}, []
    rank = {mid: i for i, mid in enumerate(lad.tiers)}
    cs = sorted((c for mid in lad.tiers for c in by_measure.get(mid, [])), key=lambda c: (c.year, rank[c.measure]))
    return rank, cs


def _past_before(b: Build, lad: Ladder, rank: dict[str, int], c: Candidate) -> int:
    k = rank[c.measure]
    return sum(a for mid, _, y, a in b.past(lad.tiers) if y < c.year or (y == c.year and rank[mid] < k))


def prepare(b: Build) -> None:
    """Lower each tier candidate's ceiling by the ladder's past awards before it (nothing left: it cannot pay)."""
    for lad in b.catalogue.ladders:
        rank, cs = _members(b, lad)
        for c in cs:
            room = floor_units(c.planned - _past_before(b, lad, rank, c), b.unit)
            if room < c.ub:
                c.ub, c.limited = room, f"ladder {lad.id} (difference after past awards)"


def _preceded(rank: dict[str, int], cs: list[Candidate], c: Candidate) -> bool:
    return any(d.year < c.year or (d.year == c.year and rank[d.measure] < rank[c.measure]) for d in cs if d is not c)


def cuts(b: Build) -> set[int]:
    """Tier candidates another tier application can precede: their amount is a variable."""
    out: set[int] = set()
    for lad in b.catalogue.ladders:
        rank, cs = _members(b, lad)
        out.update(id(c) for c in cs if _preceded(rank, cs, c))
    return out


def _once(b: Build, lad: Ladder) -> None:
    past = b.past(lad.tiers)
    for mid in lad.tiers:
        tier = b.by_measure.get(mid, [])
        if tier:
            paid = sum(1 for p in past if p[0] == mid)
            b.model.add(*b.actives(tier), ub=max(0, 1 - paid), tag=f"ladder.once {lad.id} {mid}")


def _exact(b: Build, c: Candidate, vs: list[int], ks: list[int], tag: str) -> None:
    """If c is applied, the ladder's payments through c equal its planned amount (at most, if a cap is reached)."""
    short = caps.short_needs_reached(b, c)
    if short is None:
        b.model.add(vs, ks, lb=c.ub, ub=c.ub, enforce=[c.b], tag=tag)
        return
    b.model.add(vs, ks, ub=c.ub, enforce=[c.b], tag=tag)
    b.model.add(vs, ks, lb=c.ub, enforce=[c.b, ~short], tag=tag)


def _levels(b: Build, lad: Ladder, rank: dict[str, int], cs: list[Candidate]) -> None:
    m = b.model
    top = max((c.ub for c in cs), default=0)
    level: list[tuple[int, int]] = []  # the running level before the current year, as (var, coef) terms
    years = sorted({c.year for c in cs})
    for i, y in enumerate(years):
        here = [c for c in cs if c.year == y]
        for c in here:
            if not _preceded(rank, cs, c):
                continue
            lower = [d for d in here if rank[d.measure] < rank[c.measure]]
            vs, ks = b.amounts(lower + [c])
            vs, ks = [v for v, _ in level] + vs, [k for _, k in level] + ks
            _exact(b, c, vs, ks, f"ladder {lad.id} through {c.measure} {c.year}")
        if i + 1 < len(years):
            nxt = m.new_var(0, top, f"level[{lad.id},{y}]")
            vs, ks = b.amounts(here)
            m.add([nxt, *(v for v, _ in level), *vs], [1, *(-k for _, k in level), *(-k for k in ks)], lb=0, ub=0,
                  tag=f"ladder.level {lad.id} {y}")
            level = [(nxt, 1)]


def _prefix(b: Build, lad: Ladder, rank: dict[str, int], cs: list[Candidate]) -> None:
    """The plain encoding: each tier application enforces the whole prefix sum (rows grow with the square)."""
    for c in cs:
        if not _preceded(rank, cs, c):
            continue
        k = rank[c.measure]
        prefix = [d for d in cs if d.year < c.year or (d.year == c.year and rank[d.measure] <= k)]
        vs, ks = b.amounts(prefix)
        _exact(b, c, vs, ks, f"ladder {lad.id} through {c.measure} {c.year}")


def totals(b: Build) -> Iterator[tuple[list[Candidate], int, str]]:
    """For each ladder and each t among its planned amounts: the tier applications planned at most t pay at most t
    in all. Implied by the rows above for every plan: payments are never negative, and the last of those
    applications in the ladder's order (year, rank) that is made has its row, whose left side holds every payment
    before it and its own, at most its planned amount, at most t (no row: nothing precedes it)."""
    for lad in sorted(b.catalogue.ladders, key=lambda lad: lad.id):
        cs = _members(b, lad)[1]
        for t in sorted({c.ub for c in cs}):
            within = [c for c in cs if c.ub <= t]
            if len(within) > 1 and sum(c.ub for c in within) > t:
                yield within, t, f"ladder.total {lad.id} at most {t}"


def add(b: Build) -> None:
    """Each tier once; each tier application pays its planned amount less what the ladder paid before it."""
    for lad in sorted(b.catalogue.ladders, key=lambda lad: lad.id):
        rank, cs = _members(b, lad)
        if not cs:
            continue
        _once(b, lad)
        (_levels if b.encoding.ladder_levels else _prefix)(b, lad, rank, cs)
