"""Every (measure, subject, anchor, support year, year) that can pay > 0, with its ceiling in money units."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from grantstack.models.amounts import BaseRef, Schedule
from grantstack.models.applicable_years import applicable_years
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Event, Firm, Project
from grantstack.models.legal import (
    Context,
    expected_amount,
    firm_eligibility,
    in_force_undated,
    legal_ceiling,
    own_refusal,
    planned_ceiling,
    window_years,
)
from grantstack.models.measure import Measure
from grantstack.models.memo import Memo
from grantstack.models.options import Interpretation
from grantstack.models.predicate_eval import Need, Verdict
from grantstack.models.predicates import Predicate

__all__ = [
    "Candidate",
    "CandidateSet",
    "enumerate_candidates",
    "in_project_years",
    "per_support_year",
    "positional",
    "refused_throughout",
    "relevant",
    "relevant_in",
]

Subject = Project | Event | None


@dataclass(slots=True)
class Candidate:
    """One possible application; `k` is its support year (position in the run) for positional measures."""

    measure: str
    subject: str | None
    anchor: int | None
    year: int
    k: int | None
    legal: int
    planned: int
    ub: int
    needs: tuple[Need, ...]
    x: int = -1  # amount variable (money units), only where a row can cut the amount
    b: int = -1  # active literal
    amount: tuple[tuple[int, int], ...] = ()  # the amount in money units: sum of coefficient x variable
    limited: str = ""  # why `ub` sits below the planned ceiling (e.g. a ladder's past awards)

    @property
    def run(self) -> tuple[str, str | None]:
        """The run it belongs to: (measure, subject)."""
        return (self.measure, self.subject)

    def key(self) -> tuple:
        """Canonical sort key."""
        return (self.measure, self.subject or "", self.anchor or 0, self.year, self.k or 0)


@dataclass
class CandidateSet:
    """Candidates of one firm and horizon, past awards by run, and why measures found none."""

    cands: list[Candidate]
    history: dict[tuple[str, str | None], list[tuple[int, int]]]
    reasons: dict[str, str] = field(default_factory=dict)


def relevant(m: Measure, firm: Firm) -> bool:
    """A monetary measure of the firm's district or of the city."""
    return relevant_in(m, firm.district)


def relevant_in(m: Measure, district: str) -> bool:
    """A monetary measure of this district or of the city."""
    return not m.informational and (m.district is None or m.district == district)


def positional(m: Measure) -> bool:
    """True if a payment depends on its support year: schedules, max_years runs, support-year slices."""
    return (isinstance(m.amount, Schedule) or m.timing.max_years is not None
            or any(c.support_years is not None for c in m.caps))


def per_support_year(m: Measure, run_starts: bool = True) -> bool:
    """True if candidates are copied per support year: the amount or a cap depends on it (schedules, support-year
    slices), or every positional measure when run starts are switched off."""
    if not positional(m):
        return False
    return not run_starts or isinstance(m.amount, Schedule) or any(c.support_years is not None for c in m.caps)


def _base_offset(m: Measure) -> int:
    """Years from the payment year to the year of its base figure (0 without a base)."""
    fields = vars(m.amount)  # the amount's fields (a missing attribute costs an exception in pydantic)
    base = fields.get("base") or fields.get("target_value")
    return base.year_offset if isinstance(base, BaseRef) else 0


def in_project_years(m: Measure, project: Project, start: int, year: int) -> bool:
    """The base year (year + base offset, or the year itself) lies within the project's years."""
    return start <= year + _base_offset(m) <= start + project.duration() - 1


def _subjects(m: Measure, years: range, projects: list[tuple[Project, frozenset[str], int, tuple[int, ...]]],
              events: dict[str, list[Event]], offset: int) -> list[tuple[Subject, int | None, list[int]]]:
    """(subject, anchor, payment years) triples the measure could apply to (projects by id, each with its kinds,
    last project year and start years; events by kind, each kind's in id order)."""
    if m.subject == "firm":
        return [(None, None, list(years))]
    out: list[tuple[Subject, int | None, list[int]]] = []
    if m.subject == "project":
        kinds = m.project_kinds
        for p, pkinds, last, starts in projects:
            if kinds and pkinds.isdisjoint(kinds):
                continue
            for a in starts:
                out.append((p, a, [y for y in years if a <= y + offset <= a + last]))  # in_project_years
        return out
    wanted = set(m.event_kinds)
    found = [e for k in wanted for e in events.get(k, ())]
    if len(wanted) > 1:
        found.sort(key=lambda e: e.id)
    lag = m.timing.lag_years
    for e in found:
        if m.event_first_time is not None and e.first_time != m.event_first_time:
            continue
        for a in e.years():
            y = a + lag
            out.append((e, a, [y] if y in years else []))
    return out


def _support_years(m: Measure, hist: list[tuple[int, int]], y0: int, y: int, copies: bool,
                   moves: bool) -> list[int | None]:
    """Support years an application in year y can have, given the run's past awards ([None]: not copied; []: none);
    `moves`: positional(m)."""
    if not moves:
        return [None]
    h = len({yr for yr, _ in hist})
    limit = m.timing.max_years or 99
    if isinstance(m.amount, Schedule):
        limit = min(limit, len(m.amount.percents))
    if m.timing.max_years is not None and h > 0:
        last = max(yr for yr, _ in hist)
        ks = range(h + y - last, h + y - last + 1) if y > last else range(0)
    elif m.timing.once != "none":
        ks = range(h + 1, h + 2)
    elif m.timing.max_years is not None:
        ks = range(1, y - y0 + 2)
    else:
        ks = range(h + 1, h + y - y0 + 2)
    out = [k for k in ks if 1 <= k <= limit]
    if not copies and out:
        return [None]
    return out


def _timing_allows(m: Measure, hist: list, run_hist_any: bool, win: tuple[int, int] | None) -> tuple[str, int, str]:
    """Structural timing of one run (measure and subject): the reason every year is refused (one-time rules with
    past awards, a window without its date; '' if none), the first year its window allows and the reason a year
    before it is refused (`win`: the measure's window_years for the firm, worked out once per measure)."""
    if m.timing.once == "subject" and hist:
        return "already paid for this subject (one-time)", 0, ""
    if m.timing.once == "firm" and run_hist_any:
        return "already paid to the firm (one-time)", 0, ""
    if win is None or hist:  # no window, or a run begun in the past: every year
        return "", 0, ""
    if win[0] > win[1]:
        return (f"no {m.timing.window.anchor} date for its window" if m.timing.window else "no window"), 0, ""
    return "", win[0], f"before its window {win[0]}-{win[1]}"


_RELEVANT = Memo()
_RELEVANT_BY_ID = Memo()  # _relevant's entries by measure id


def _relevant(catalogue: Catalogue, district: str, run_starts: bool) -> tuple[tuple[Measure, bool, bool, int], ...]:
    """The measures relevant to a firm of the district, by id, each with positional(m), per_support_year(m) and
    its base offset (worked out once per catalogue, district and run_starts)."""
    by_district: dict[str, tuple[tuple[Measure, bool, bool, int], ...]] = _RELEVANT.get(catalogue, run_starts, dict)
    if district not in by_district:
        by_district[district] = tuple((m, positional(m), per_support_year(m, run_starts), _base_offset(m))
                                      for m in sorted(catalogue.measures, key=lambda m: m.id)
                                      if relevant_in(m, district))
    return by_district[district]


def enumerate_candidates(
    catalogue: Catalogue, firm: Firm, years: tuple[int, int], interp: Interpretation, unit: int,
    run_starts: bool = True, only: frozenset[str] | None = None,
) -> CandidateSet:
    """All candidates of the firm's relevant measures (of those in `only`, if given); ceilings floored to whole
    money units. A positional measure gets one candidate per support year only where its amount or a cap
    depends on it."""
    horizon = range(years[0], years[1] + 1)
    known = catalogue.by_id
    history: dict[tuple[str, str | None], list[tuple[int, int]]] = defaultdict(list)
    for h in firm.history:
        if h.measure in known:
            history[(h.measure, h.subject)].append((h.year, h.amount))
    paid_measures = {mid for mid, _ in history}
    cands: list[Candidate] = []
    reasons: dict[str, str] = {}
    projects, events = _firm_subjects(firm)
    measures = _relevant(catalogue, firm.district, run_starts)
    if only is not None:  # a few measures (the readings): looked up by id, in the same order (by id)
        by_id = _RELEVANT_BY_ID.get(catalogue, (firm.district, run_starts), lambda: {t[0].id: t for t in measures})
        measures = tuple(by_id[mid] for mid in sorted(only) if mid in by_id)
    for m, moves, copies, offset in measures:
        found = 0
        why: list[str] = []
        subjects = _subjects(m, horizon, projects, events, offset)
        if not subjects:
            reasons[m.id] = _summary([f"the firm has no {m.subject} this measure applies to"])
            continue
        win = window_years(m, firm)
        paid = m.id in paid_measures
        lead: tuple[Verdict, tuple[Predicate, ...]] | None = None  # the firm-only part of its eligibility
        for subj, anchor, ys in subjects:
            sid = subj.id if subj is not None else None
            hist = history.get((m.id, sid), [])
            if not ys and subj is not None:
                why.append(f"{sid}: no payment year in the horizon")
            refused, first, early = _timing_allows(m, hist, paid, win)
            if refused or (ys and ys[0] < first):
                timely = () if refused else tuple(y for y in ys if y >= first)
                why.extend([refused or early] * (len(ys) - len(timely)))  # the reasons' order is not kept (_summary)
            else:
                timely = tuple(ys)
            if not timely:
                continue
            if lead is None:
                lead = firm_eligibility(m, firm)
            for y, verdict in zip(timely, applicable_years(m, firm, subj, anchor, timely, interp, lead), strict=True):
                if not verdict.ok:  # _subjects matched the subject by the measure's own rules
                    why.append(verdict.reason)
                    continue
                ctx = Context(firm, subj, anchor, y)
                for k in _support_years(m, hist, years[0], y, copies, moves):
                    kctx = ctx if k is None else Context(firm, subj, anchor, y, k)
                    legal = legal_ceiling(m, kctx, interp, catalogue)
                    planned = legal
                    if expected_amount(m, kctx) is not None:
                        planned = min(planned_ceiling(m, kctx, interp, catalogue, legal), legal)
                    if planned // unit <= 0:
                        why.append(f"pays nothing in {y}: ceiling {planned} yuan is below the money unit {unit}"
                                   if planned > 0 else f"pays nothing in {y}: no tier, base figure or milestone "
                                   "gives an amount")
                        continue
                    cands.append(Candidate(m.id, sid, anchor, y, k, legal, planned, planned // unit, verdict.needs))
                    found += 1
        if not found:
            reasons[m.id] = _summary(why)
    cands.sort(key=Candidate.key)
    return CandidateSet(cands, dict(history), reasons)


def refused_throughout(m: Measure, firm: Firm, years: tuple[int, int], interp: Interpretation) -> bool:
    """True only if enumerate_candidates finds no candidate of the measure (as read under `interp`) for the firm,
    decided by the tests that come before any amount: the measure's own refusal, a text in force in no year of
    the horizon (a firm or project subject has no date), no subject, the leading firm-only eligibility.
    False decides nothing (the readings then enumerate the measure: optimizer/readings.py)."""
    if own_refusal(m, firm.district, interp) is not None:
        return True  # applicable_years refuses every subject and year
    horizon = range(years[0], years[1] + 1)
    if m.subject != "event" and not any(v.ok for v in in_force_undated(m, tuple(horizon), interp)):
        return True  # each year's force is judged alone (in_force_undated): every payment year is refused
    if m.subject != "firm":
        projects, events = _SUBJECTS.get(firm, None, lambda: _firm_subjects(firm))
        if not _subjects(m, horizon, projects, events, _base_offset(m)):
            return True
    return not firm_eligibility(m, firm)[0].ok  # applicable_years refuses every subject and year


_SUBJECTS = Memo(keep=4)  # _firm_subjects, per firm object


def _firm_subjects(firm: Firm) -> tuple[list[tuple[Project, frozenset[str], int, tuple[int, ...]]],
                                        dict[str, list[Event]]]:
    """The firm's projects (each with its kinds, last project year and start years) and events by kind, in id order,
    as enumerate_candidates looks subjects up."""
    projects = [(p, frozenset(p.kinds), p.duration() - 1, p.start_years()) for p in sorted(firm.projects,
                                                                                         key=lambda p: p.id)]
    events: dict[str, list[Event]] = defaultdict(list)
    for e in sorted(firm.events, key=lambda e: e.id):
        events[e.kind].append(e)
    return projects, events


def _summary(why: list[str]) -> str:
    """The distinct reasons, most frequent first, at most three."""
    if not why:
        return "no application possible"
    counts: dict[str, int] = {}
    for w in why:
        counts[w] = counts.get(w, 0) + 1
    top = sorted(counts, key=lambda w: (-counts[w], w))[:3] if len(counts) > 1 else list(counts)
    return "; ".join(top) if top else "no application possible"
