"""Event and project timing: windows, optional skips, prerequisites with minimum gaps."""

from __future__ import annotations

from grantstack.models.checks.ledger import Ledger
from grantstack.models.firm import Firm, Prerequisite
from grantstack.models.legal import fixed_year
from grantstack.models.plan import Violation

__all__ = ["check_events", "status_year"]


def status_year(firm: Firm, status: str, schedule: dict[str, int | None], year: int | None = None) -> int | None:
    """First year the firm holds a status (held in `year`, if given), from records or scheduled events."""
    years = [s.since for s in firm.statuses
             if s.status == status and (year is None or s.since <= year and (s.until is None or year <= s.until))]
    years += [y for e in firm.events if status in e.grants and (y := schedule.get(e.id)) is not None]
    return min(years, default=None)


def _bad(led: Ledger, rule: str, what: str, message: str) -> None:
    led.violations.append(Violation(rule=rule, subject=what, message=message))


def _prereq_year(led: Ledger, r: Prerequisite, year: int) -> int | None:
    if r.event is not None:
        return led.schedule.get(r.event)
    return status_year(led.firm, r.status or "", led.schedule, year - r.min_gap_years)


def check_events(led: Ledger) -> None:
    """Flexible events and projects get a year in their window; prerequisites come first."""
    for sid in led.plan.schedule:
        if led.subject(sid) is None:
            _bad(led, "schedule", sid, f"schedule names '{sid}', which is neither an event nor a project")
    for sid, year in led.plan.schedule.items():
        fixed = fixed_year(led.subject(sid))
        if fixed is not None and year != fixed:
            _bad(led, "schedule", sid, f"'{sid}' is fixed to {fixed}; the plan cannot move it to {year}")
    for e in led.firm.events:
        y = led.schedule.get(e.id)
        if e.window is not None:
            if y is None and not e.optional:
                _bad(led, "schedule", e.id, f"event '{e.id}' needs a year in {e.window[0]}-{e.window[1]}")
            if y is not None and not e.window[0] <= y <= e.window[1]:
                _bad(led, "schedule", e.id, f"event '{e.id}' in {y} is outside its window {e.window}")
        if y is None:
            continue
        for r in e.requires:
            before = _prereq_year(led, r, y)
            name = r.event or r.status
            if before is None:
                _bad(led, "prerequisite", e.id, f"event '{e.id}' needs '{name}' first, which does not happen")
            elif y < before + r.min_gap_years:
                _bad(led, "prerequisite", e.id,
                     f"event '{e.id}' in {y} comes less than {r.min_gap_years} year(s) after '{name}' ({before})")
    for p in led.firm.projects:
        y = led.schedule.get(p.id)
        if p.start_window is not None:
            if y is None:
                _bad(led, "schedule", p.id, f"project '{p.id}' needs a start year in {p.start_window}")
            elif not p.start_window[0] <= y <= p.start_window[1]:
                _bad(led, "schedule", p.id, f"project '{p.id}' start {y} is outside its window {p.start_window}")
