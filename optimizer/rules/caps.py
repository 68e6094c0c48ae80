"""Caps: the sum of a measure's (or a shared cap's measures') amounts, past awards included, within a limit.

`per: year` sums per firm-year, `per: subject` per subject over all years, `per: subject_year` per subject
and year, `per: firm` over everything. `per: subject` with `support_years: [a, b]` sums only support
years a..b of each run. Under rate_basis=project_total the run of a rate measure sums to at most the rate
times the project total. `per: application` caps are already in each ceiling. Limits are floored to
money units, so every planned sum stays at or below the law.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from grantstack.models.legal import Context, project_total_cap
from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build

__all__ = ["add", "cap_key"]


def cap_key(per: str, subject: str | None, year: int) -> tuple:
    """What a cap counts over."""
    if per == "year":
        return (year,)
    if per == "subject":
        return (subject,)
    if per == "subject_year":
        return (subject, year)
    return ()


def _grouped(b: Build, cs: Iterable[Candidate], past: list[tuple[str, str | None, int, int]], per: str,
             amount: int, tag: str) -> None:
    groups: dict[tuple, list[Candidate]] = defaultdict(list)
    for c in cs:
        groups[cap_key(per, c.subject, c.year)].append(c)
    paid: dict[tuple, int] = defaultdict(int)
    for _, sid, y, a in past:
        paid[cap_key(per, sid, y)] += a
    for key, group in groups.items():
        b.add_sum_cap(group, amount, paid[key], f"{tag} {' '.join(str(k) for k in key)}".rstrip())


def _slice(b: Build, mid: str, a: int, z: int, amount: int) -> None:
    for (m, sid), run in b.by_run.items():
        if m != mid:
            continue
        years = sorted({y for y, _ in b.history(mid, sid)})
        past = sum(v for y, v in b.history(mid, sid) if a <= years.index(y) + 1 <= z)
        inside = [c for c in run if c.k is not None and a <= c.k <= z]
        if inside:
            b.add_sum_cap(inside, amount, past, f"cap.slice {mid} {sid or ''} years {a}-{z}")


def _project_total(b: Build, mid: str) -> None:
    measure = b.catalogue.measure(mid)
    for (m, sid), run in b.by_run.items():
        if m != mid or sid is None:
            continue
        first = run[0]
        ctx = Context(b.firm, b.firm.project(sid), first.anchor, first.year)
        limit = project_total_cap(measure, ctx, b.interp)
        if limit is not None:
            past = sum(v for _, v in b.history(mid, sid))
            b.add_sum_cap(run, limit, past, f"cap.project_total {mid} {sid}")


def add(b: Build) -> None:
    """Measure caps, support-year slices, project totals and shared caps."""
    for mid, cs in b.by_measure.items():
        measure = b.catalogue.measure(mid)
        for cap in measure.caps:
            if cap.per == "application":
                continue
            if cap.support_years is not None:
                _slice(b, mid, cap.support_years[0], cap.support_years[1], cap.amount)
            else:
                _grouped(b, cs, b.past({mid}), cap.per, cap.amount, f"cap.{cap.per} {mid}")
        if measure.subject == "project":
            _project_total(b, mid)
    for shared in sorted(b.catalogue.caps, key=lambda c: c.id):
        members = frozenset(shared.measures)
        cs = [c for mid in sorted(members) for c in b.by_measure.get(mid, [])]
        if cs:
            _grouped(b, cs, b.past(members), shared.per, shared.amount, f"cap.shared.{shared.per} {shared.id}")
