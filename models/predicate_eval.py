"""Evaluate eligibility predicates for a firm and year, exactly (integer and fraction arithmetic)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple

from grantstack.models.base import fraction_of
from grantstack.models.firm import Event, Firm, Project
from grantstack.models.memo import kept_beside
from grantstack.models.predicates import (
    DateOnOrAfter,
    DistrictIn,
    FirstReach,
    Growth,
    HasTags,
    Increase,
    KeyRegionIn,
    MetricRange,
    MovedFromOutsideBeijing,
    Predicate,
    RatioAtLeast,
    StatusHeld,
    SubjectTotal,
    YearsSince,
)

__all__ = ["Need", "Schedule", "Verdict", "evaluate", "metric", "status_sources"]

Schedule = Mapping[str, "int | None"]


@dataclass(frozen=True, order=True)
class Need:
    """A condition on flexible events' years: one of `events` happens by / exactly in `year`, or none by it."""

    events: tuple[str, ...]
    relation: Literal["by", "exactly", "not_by"]
    year: int


class Verdict(NamedTuple):
    """Whether a predicate holds; `needs` lists conditions on flexible events still open (immutable; a named
    tuple: one is made for every predicate the planner and the checker evaluate)."""

    ok: bool
    reason: str = ""
    needs: tuple[Need, ...] = ()

    def __and__(self, other: Verdict) -> Verdict:
        if not self.ok:
            return self
        if not other.ok:
            return other
        if not self.needs and not other.needs:
            return YES
        return Verdict(True, "", tuple(sorted(set(self.needs + other.needs))))


YES = Verdict(True)


def metric(firm: Firm, name: str, year: int) -> int | None:
    """A firm figure for a year, or None if the firm file gives none."""
    return firm.metrics.get(name, {}).get(year)


def status_sources(firm: Firm, status: str) -> tuple[list[tuple[int, int | None]], list[str]]:
    """Static (since, until) spans of a status, and ids of events that grant it."""
    spans, events = _sources(firm, status)
    return list(spans), [e.id for e in events]


def _sources(firm: Firm, status: str) -> tuple[list[tuple[int, int | None]], list[Event]]:
    """status_sources with the granting events themselves (the firm's index is worked out once per firm object,
    kept beside its fields; a copy with other statuses or events works it out again)."""
    return kept_beside(firm, "_status_index", lambda: _status_index(firm), firm.statuses, firm.events).get(
        status, ([], []))


def _status_index(firm: Firm) -> dict[str, tuple[list[tuple[int, int | None]], list[Event]]]:
    out: dict[str, tuple[list[tuple[int, int | None]], list[Event]]] = {}
    for s in firm.statuses:
        out.setdefault(s.status, ([], []))[0].append((s.since, s.until))
    for e in firm.events:
        for status in dict.fromkeys(e.grants):
            out.setdefault(status, ([], []))[1].append(e)
    return out


def _event_year(event: Event, schedule: Schedule | None) -> int | None | Literal["open"]:
    if event.year is not None:
        return event.year
    if schedule is None:
        return "open"
    return schedule.get(event.id)


def _status(firm: Firm, p: StatusHeld, year: int, schedule: Schedule | None) -> Verdict:
    spans, events = _sources(firm, p.status)
    if p.obtained_offset is not None:
        target = year + p.obtained_offset
        if any(since == target for since, _ in spans):
            return YES
        open_events = []
        for e in events:
            y = _event_year(e, schedule)
            if y == target:
                return YES
            if y == "open":
                open_events.append(e.id)
        if open_events:
            return Verdict(True, "", (Need(tuple(open_events), "exactly", target),))
        return Verdict(False, f"status {p.status} not obtained in {target}")
    held = any(since <= year and (until is None or until >= year) for since, until in spans)
    open_events = []
    for e in events:
        y = _event_year(e, schedule)
        if y == "open":
            open_events.append(e.id)
        elif y is not None and y <= year:
            held = True
    if held:
        return YES if p.held else Verdict(False, f"holds status {p.status} in {year}")
    if open_events:
        return Verdict(True, "", (Need(tuple(open_events), "by" if p.held else "not_by", year),))
    return Verdict(False, f"does not hold status {p.status} in {year}") if p.held else YES


def _year(p: MetricRange | Growth | Increase, year: int) -> int:
    """The year a figure is taken from: the fixed year if given, else year + offset."""
    return p.year if p.year is not None else year + p.year_offset


def _subject_total(p: SubjectTotal, subject: object) -> Verdict:
    if isinstance(subject, Project):
        v: int | None = sum(subject.costs.get(p.field, ()))
    elif isinstance(subject, Event):
        v = subject.values.get(p.field)
    else:
        return Verdict(False, f"needs a project or event with {p.field}")
    if v is None:
        return Verdict(False, f"no {p.field} given")
    ok = (p.at_least is None or v >= p.at_least) and (p.below is None or v < p.below)
    return YES if ok else Verdict(False, f"{p.field} {v} out of range")


def _growth(firm: Firm, p: Growth, year: int) -> Verdict:
    end = _year(p, year)
    for y in range(end, end - p.years, -1):
        cur, prev = metric(firm, p.metric, y), metric(firm, p.metric, y - 1)
        if cur is None or prev is None or prev == 0:
            return Verdict(False, f"no {p.metric} figures for {y - 1}-{y}")
        rate = fraction_of(p.min_percent)  # cur / prev < 1 + rate, in integers (figures are never negative)
        if cur * rate.denominator < prev * (rate.denominator + rate.numerator):
            return Verdict(False, f"{p.metric} grew less than {p.min_percent}% in {y}")
    return YES


def _first_reach(firm: Firm, p: FirstReach, year: int) -> Verdict:
    y = year + p.year_offset
    v = metric(firm, p.metric, y)
    if v is None or v < p.at_least:
        return Verdict(False, f"{p.metric} {y} below {p.at_least}")
    earlier = [val for yr, val in firm.metrics.get(p.metric, {}).items() if yr < y]
    if any(val >= p.at_least for val in earlier):
        return Verdict(False, f"{p.metric} reached {p.at_least} before {y}")
    return YES


def _date_years(firm: Firm, field: str, year: int, p: YearsSince) -> Verdict:
    d = getattr(firm.dates, field)
    if d is None:
        return Verdict(False, f"no {field} date")
    n = year - d.year
    if (p.at_least is not None and n < p.at_least) or (p.at_most is not None and n > p.at_most):
        return Verdict(False, f"{n} years since {field}")
    return YES


def evaluate(p: Predicate, firm: Firm, year: int, schedule: Schedule | None = None, subject: object = None) -> Verdict:
    """Whether predicate p holds for the firm in the year (schedule: chosen years of flexible events; subject:
    the application's project or event, for subject_total)."""
    if isinstance(p, DistrictIn):
        return YES if firm.district in p.districts else Verdict(False, f"district {firm.district}")
    if isinstance(p, KeyRegionIn):
        ok = bool(set(firm.key_regions) & set(p.regions))
        return YES if ok else Verdict(False, "not in a listed key region")
    if isinstance(p, HasTags):
        tags = firm.tags  # a few tags: membership in the tuple, no sets built
        ok = all(t in tags for t in p.all_of) and (not p.any_of or any(t in tags for t in p.any_of)) \
            and not any(t in tags for t in p.none_of)
        return YES if ok else Verdict(False, "industry or type tags do not match")
    if isinstance(p, StatusHeld):
        return _status(firm, p, year, schedule)
    if isinstance(p, MetricRange):
        y = _year(p, year)
        v = metric(firm, p.metric, y)
        if v is None:
            return Verdict(False, f"no {p.metric} figure for {y}")
        ok = (p.at_least is None or v >= p.at_least) and (p.below is None or v < p.below)
        return YES if ok else Verdict(False, f"{p.metric} {y} = {v} out of range")
    if isinstance(p, FirstReach):
        return _first_reach(firm, p, year)
    if isinstance(p, Growth):
        return _growth(firm, p, year)
    if isinstance(p, Increase):
        y = _year(p, year)
        cur, prev = metric(firm, p.metric, y), metric(firm, p.metric, y - 1)
        ok = cur is not None and prev is not None and cur - prev >= p.at_least
        return YES if ok else Verdict(False, f"{p.metric} net increase in {y} below {p.at_least}")
    if isinstance(p, RatioAtLeast):
        y = year + p.year_offset
        num, den = metric(firm, p.numerator, y), metric(firm, p.denominator, y)
        rate = fraction_of(p.min_percent)  # num / den >= rate, in integers (figures are never negative)
        ok = num is not None and den and num * rate.denominator >= den * rate.numerator
        return YES if ok else Verdict(False, f"{p.numerator}/{p.denominator} {y} below {p.min_percent}%")
    if isinstance(p, DateOnOrAfter):
        d = getattr(firm.dates, p.field)
        ok = d is not None and d >= p.on_or_after
        return YES if ok else Verdict(False, f"{p.field} date not on or after {p.on_or_after}")
    if isinstance(p, YearsSince):
        return _date_years(firm, p.field, year, p)
    if isinstance(p, SubjectTotal):
        return _subject_total(p, subject)
    if isinstance(p, MovedFromOutsideBeijing):
        ok = firm.dates.moved_from_outside_beijing
        return YES if ok else Verdict(False, "did not move in from outside Beijing")
    raise TypeError(f"unknown predicate {p!r}")  # pragma: no cover


def evaluate_all(
    ps: tuple[Predicate, ...], firm: Firm, year: int, schedule: Schedule | None = None, subject: object = None
) -> Verdict:
    """All predicates at once."""
    out = YES
    for p in ps:
        v = evaluate(p, firm, year, schedule, subject)
        if not v.ok:
            return v  # out & v, since out holds
        if v.needs or out.needs:  # else out & v is YES, as out is
            out = out & v
    return out


__all__ += ["evaluate_all"]
