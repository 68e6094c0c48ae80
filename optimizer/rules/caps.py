"""Caps: the sum of a measure's (or a shared cap's measures') amounts, past awards included, within a limit.

`per: year` sums per firm-year, `per: subject` per subject over all years, `per: subject_year` per subject
and year, `per: firm` over everything. `per: subject` with `support_years: [a, b]` sums only support
years a..b of each run. Under rate_basis=project_total the run of a rate measure sums to at most the rate
times the project total. `per: application` caps are already in each ceiling. Limits are floored to
money units, so every planned sum stays at or below the law. A cap is the only rule that may pay a fixed
award less than in full (W0), and only when it is reached: a fixed award below its ceiling needs a reached
cap that counts it. Caps are planned first (`plan`), so that only the amounts a cap can cut get a variable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from grantstack.models.checks.full_awards import fixed_form
from grantstack.models.legal import Context, has_project_total_cap, project_total_cap
from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build

__all__ = ["add", "cap_key", "cuts", "plan", "short_needs_reached"]


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
        b.sum_cap(group, amount, paid[key], f"{tag} {' '.join(str(k) for k in key)}".rstrip())


def _slice(b: Build, mid: str, a: int, z: int, amount: int) -> None:
    for sid, run in b.runs_of.get(mid, []):
        years = sorted({y for y, _ in b.history(mid, sid)})
        past = sum(v for y, v in b.history(mid, sid) if a <= years.index(y) + 1 <= z)
        inside = [c for c in run if c.k is not None and a <= c.k <= z]
        b.sum_cap(inside, amount, past, f"cap.slice {mid} {sid or ''} years {a}-{z}")


def _project_total(b: Build, mid: str) -> None:
    measure = b.catalogue.measure(mid)
    if not has_project_total_cap(measure, b.interp):
        return  # project_total_cap would give None for every run
    for sid, run in b.runs_of.get(mid, []):
        if sid is None:
            continue
        first = run[0]
        ctx = Context(b.firm, b.projects[sid], first.anchor, first.year)
        limit = project_total_cap(measure, ctx, b.interp)
        if limit is not None:
            past = sum(v for _, v in b.history(mid, sid))
            b.sum_cap(run, limit, past, f"cap.project_total {mid} {sid}")


def plan(b: Build) -> None:
    """Every measure cap, support-year slice, project total and shared cap, as SumCaps on the build."""
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


def cuts(b: Build) -> set[int]:
    """Ids of candidates whose amount some cap can hold below its ceiling."""
    return {id(c) for cap in b.sum_caps if cap.binding for c in cap.cands}


def short_needs_reached(b: Build, c: Candidate) -> int | None:
    """A literal `short` that may hold only if a cap counting c is reached (None if no cap can cut c); each
    cap's `reached` literal (its sum at its limit) is made once."""
    mine = b.caps_of.get(id(c), [])
    if not mine:
        return None
    lits = []
    for cap in mine:
        if id(cap) not in b.reached:
            t = b.model.new_bool(f"reached[{cap.tag}]")
            b.model.add(*b.amounts(cap.cands), lb=cap.limit, enforce=[t], tag=f"cap.reached {cap.tag}")
            b.reached[id(cap)] = t
        lits.append(b.reached[id(cap)])
    if len(lits) == 1:
        return lits[0]
    short = b.model.new_bool(f"short[{c.measure}|{c.subject or ''}|{c.year}]")
    b.model.add([short, *lits], [1] + [-1] * len(lits), ub=0, tag=f"cap.short needs a reached cap {c.measure}")
    return short


def add(b: Build) -> None:
    """One row per cap that can bind; a fixed award (not a ladder tier) it cuts is paid in full unless a cap
    counting it is reached."""
    for cap in b.sum_caps:
        b.model.add(*b.amounts(cap.cands), ub=cap.limit, tag=cap.tag)
    done: set[int] = set()
    for cap in b.sum_caps:
        if not cap.binding:
            continue
        for c in cap.cands:
            if id(c) in done or c.x < 0 or b.catalogue.ladder_of(c.measure) is not None:
                continue
            done.add(id(c))
            if fixed_form(b.catalogue.measure(c.measure)):
                short = short_needs_reached(b, c)
                b.model.add([c.x], [1], lb=c.ub, enforce=[c.b] if short is None else [c.b, ~short],
                            tag=f"cap.full_award {c.measure} unless a cap is reached")
