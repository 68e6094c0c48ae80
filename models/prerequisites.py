"""Prerequisites that can never be met: a cycle of events requiring each other, or a requirement too late.

`requires` says an event needs another event (or a status) at least min_gap_years earlier. A cycle of such
requirements, an event whose prerequisite cannot happen early enough inside their windows, or a status
that no record holds and no event grants, makes the event impossible; for an event that must happen that
is a contradiction in the firm file (the plan would be INFEASIBLE without saying why), so it is refused
naming the events. For an optional event it only means the event is always skipped: a warning.
"""

from __future__ import annotations

from typing import Any

from grantstack.models.catalogue_checks import find_cycles
from grantstack.models.firm import Event, Firm
from grantstack.models.memo import kept_beside

__all__ = ["prerequisite_problems"]

Problem = tuple[tuple[Any, ...], str]


def _status_years(firm: Firm, status: str) -> list[int]:
    """The earliest years from which the status can be held (records, and events granting it)."""
    years = [s.since for s in firm.statuses if s.status == status]
    years += [min(e.years()) for e in firm.events if status in e.grants]
    return years


def _held(firm: Firm, status: str, year: int) -> bool:
    """Whether a record or an event (at its earliest year) can give the firm the status in `year`."""
    if any(s.status == status and s.since <= year and (s.until is None or year <= s.until) for s in firm.statuses):
        return True
    return any(status in e.grants and min(e.years()) <= year for e in firm.events)


def _impossible(firm: Firm, e: Event, events: dict[str, Event]) -> str:
    """Why the event can never meet its prerequisites ('' if it can)."""
    latest = max(e.years())
    for r in e.requires:
        if r.event is not None and r.event in events:
            before = events[r.event]
            earliest = min(before.years())
            if earliest + r.min_gap_years > latest:
                return (f"it needs event '{r.event}' at least {r.min_gap_years} year(s) before, but '{r.event}' is "
                        f"{earliest} at the earliest and '{e.id}' {latest} at the latest")
        if r.status is not None and not any(_held(firm, r.status, y - r.min_gap_years) for y in e.years()):
            if not _status_years(firm, r.status):
                return (f"it needs status '{r.status}', which no status record holds and no event grants")
            return (f"it needs status '{r.status}' held at least {r.min_gap_years} year(s) before it (by "
                    f"{latest - r.min_gap_years} at the latest), but the firm's records and events give it only in "
                    "other years")
    return ""


def prerequisite_problems(firm: Firm) -> tuple[list[Problem], list[str]]:
    """Refusals (cycles; impossible prerequisites of events that must happen) and warnings (optional ones).
    Worked out once per firm object (a run's input checks and its warnings both ask; they depend only on the
    events and statuses, so a copy with others works them out again)."""
    problems, warnings = kept_beside(firm, "_prerequisites", lambda: _problems(firm), firm.events, firm.statuses)
    return list(problems), list(warnings)


def _problems(firm: Firm) -> tuple[list[Problem], list[str]]:
    events = {e.id: e for e in firm.events}
    index = {e.id: i for i, e in enumerate(firm.events)}
    edges = {e.id: [r.event for r in e.requires if r.event is not None] for e in firm.events}
    problems: list[Problem] = []
    in_cycle: set[str] = set()
    for cycle in find_cycles(edges) if any(edges.values()) else ():  # type: ignore[arg-type]  # no edge: no cycle
        in_cycle |= set(cycle)
        first = cycle[0]
        problems.append((("events", index[first], "requires"),
                         f"prerequisite cycle {' requires '.join(cycle)}: none of them can happen first"))
    warnings: list[str] = []
    for e in firm.events:
        if e.id in in_cycle or not e.requires:  # nothing required: nothing impossible
            continue
        why = _impossible(firm, e, events)
        if not why:
            continue
        if e.optional:
            warnings.append(f"event '{e.id}' can never meet its prerequisites ({why}): the plan always skips it")
        else:
            problems.append((("events", index[e.id], "requires"), f"impossible prerequisite: {why}"))
    return problems, warnings
