"""Events happen once: fixed ones in their year, flexible ones in one window year (optional: maybe never).

Projects start in their year or one year of their start window. A prerequisite event or status must be in
place `min_gap_years` before the event (a status record must cover that year; an event that grants the
status counts from its year). An application for an event or project needs that event's year or project's start
to be the candidate's anchor. Eligibility that depends on statuses granted by flexible events arrives as
`Need`s: `by` (one of the events happens by the year), `exactly` (in the year), `not_by` (none by then).
"""

from __future__ import annotations

from grantstack.models.predicate_eval import Need
from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build

__all__ = ["add"]


def _one_year(b: Build, store: dict[tuple[str, int], int], name: str, sid: str, fixed: int | None,
              years: tuple[int, ...], least: int, tag: str) -> None:
    """A fixed year is a constant 1; a window is one boolean per year, `least` to 1 of them true."""
    m = b.model
    if fixed is not None:
        store[(sid, fixed)] = m.new_var(1, 1, f"{name}[{sid},{fixed}]")
        return
    vs = [m.new_bool(f"{name}[{sid},{y}]") for y in years]
    store.update(zip(((sid, y) for y in years), vs, strict=True))
    m.add(vs, [1] * len(vs), lb=least, ub=1, tag=f"{tag} {sid}")


def _timings(b: Build) -> None:
    for e in sorted(b.firm.events, key=lambda e: e.id):
        _one_year(b, b.happen, "happen", e.id, e.year, e.years(), 0 if e.optional else 1, "event.window")
    for p in sorted(b.firm.projects, key=lambda p: p.id):
        _one_year(b, b.start, "start", p.id, p.start, p.start_years(), 1, "project.start_window")


def _happened_by(b: Build, events: list[str], year: int) -> list[int]:
    """Variables of these events taking place in or before the year."""
    return [v for eid in events for (e, y), v in b.happen.items() if e == eid and y <= year]


def _prerequisites(b: Build) -> None:
    """Rows per event year; a year with no way to meet a prerequisite is closed. If no year of a fixed or
    non-optional event can meet it, the firm's data conflict: noted, and the model is infeasible."""
    for e in sorted(b.firm.events, key=lambda e: e.id):
        for r in e.requires:
            rows: list[tuple[int, list[int]]] = []
            possible = False
            for y in e.years():
                by = y - r.min_gap_years
                if r.status is not None:
                    if any(s.status == r.status and s.since <= by and (s.until is None or by <= s.until)
                           for s in b.firm.statuses):
                        possible = True
                        continue
                    sources = [g.id for g in b.firm.events if r.status in g.grants]
                else:
                    sources = [r.event or ""]
                rows.append((y, _happened_by(b, sources, by)))
                possible = possible or bool(rows[-1][1])
            if not possible and (e.year is not None or not e.optional):
                b.notes.append(f"event {e.id}: prerequisite {r.event or r.status} cannot be in place "
                               f"{r.min_gap_years} year(s) before it; the firm file is inconsistent")
            for y, supply in rows:
                b.model.add([b.happen[(e.id, y)], *supply], [1] + [-1] * len(supply), ub=0,
                            tag=f"event.prerequisite {e.id} needs {r.event or r.status}")


def _need(b: Build, c: Candidate, need: Need) -> None:
    tag = f"event.need {c.measure} {need.relation} {need.year}"
    if need.relation == "not_by":
        for eid in need.events:
            vs = _happened_by(b, [eid], need.year)
            b.model.add([c.b, *vs], [1] * (len(vs) + 1), ub=1, tag=tag)
        return
    if need.relation == "by":
        vs = _happened_by(b, list(need.events), need.year)
    else:
        vs = [b.happen[(eid, need.year)] for eid in need.events if (eid, need.year) in b.happen]
    b.model.add([c.b, *vs], [1] + [-1] * len(vs), ub=0, tag=tag)


def add(b: Build) -> None:
    """Event and project timing, prerequisites, anchors of applications, and needs on flexible events."""
    _timings(b)
    _prerequisites(b)
    for c in b.cands:
        if c.subject is not None:
            key = (c.subject, c.anchor or 0)
            anchor = b.happen[key] if key in b.happen else b.start.get(key)
            assert anchor is not None, f"no timing variable for {c.subject} {c.anchor}"
            if b.model.lbs[anchor] < 1:  # a fixed year's constant 1 implies the row: it would be dropped
                b.model.add([c.b, anchor], [1, -1], ub=0, tag=f"event.anchor {c.subject}")
        for need in c.needs:
            _need(b, c, need)
