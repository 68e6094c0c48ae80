"""Timing: one application per measure, subject and year; once per subject or firm; runs and windows.

- `once: subject`: one application per (measure, subject); `once: firm`: one per measure; past awards
  count (candidates already drop runs that history has used up).
- Support year k of an application is its position in the run (past awards first): an application with
  support year k has exactly k - 1 - (past years) applications of the run in earlier plan years.
- `max_years: N`: at most N applications, in consecutive years (k <= N by construction): one first planned
  year, and support year k in year y needs support year k - 1 in year y - 1 (candidates continue a past run
  from the year after its last award). This chain implies the positions, with no enforced rows.
- `window`: the first application of a run lies in the window: candidates before it are dropped, and a
  later one needs an application of the run inside the window (unless the run began in the past).
"""

from __future__ import annotations

from grantstack.models.legal import window_years
from grantstack.optimizer.candidates import Candidate, positional
from grantstack.optimizer.context import Build

__all__ = ["add"]


def _consecutive(b: Build, mid: str, run: list[Candidate], h: int) -> None:
    """A max_years run: one first planned year, and support year k in year y only after k - 1 in y - 1 (same
    anchor). Every active candidate then traces back to the single first one, so its k is its position."""
    firsts = [c for c in run if c.k == h + 1]
    if h == 0:
        b.model.add(*b.actives(firsts), ub=1, tag=f"timing.max_years {mid} one run")
    for c in run:
        if (c.k or 1) > h + 1:
            prev = [d.b for d in run if d.year == c.year - 1 and d.k == (c.k or 1) - 1 and d.anchor == c.anchor]
            b.model.add([c.b, *prev], [1] + [-1] * len(prev), ub=0, tag=f"timing.max_years {mid} consecutive")


def add(b: Build) -> None:
    """Add the timing rows."""
    m = b.model
    for (mid, sid, y), cs in b.by_slot.items():
        if len(cs) > 1:
            m.add(*b.actives(cs), ub=1, tag=f"timing.one_per_year {mid} {sid or ''} {y}")
    for (mid, sid), run in b.by_run.items():
        measure = b.catalogue.measure(mid)
        past = b.history(mid, sid)
        h = len({y for y, _ in past})
        if measure.timing.once == "subject":
            m.add(*b.actives(run), ub=0 if past else 1, tag=f"timing.once {mid} {sid or ''}")
        if measure.timing.max_years is not None:
            _consecutive(b, mid, run, h)
        elif positional(measure):
            for c in run:
                vs, ks = b.actives([d for d in run if d.year < c.year])
                k = c.k or 1
                m.add(vs, ks, lb=k - 1 - h, ub=k - 1 - h, enforce=[c.b], tag=f"timing.support_year {mid} k={k}")
        win = window_years(measure, b.firm)
        if win is not None and not past:
            inside = [d.b for d in run if win[0] <= d.year <= win[1]]
            for c in run:
                if c.year > win[1]:
                    m.add([c.b, *inside], [1] + [-1] * len(inside), ub=0, tag=f"timing.window {mid}")
    for mid, cs in b.by_measure.items():
        if b.catalogue.measure(mid).timing.once == "firm":
            used = any(m_ == mid for m_, _ in b.candidates.history)
            m.add(*b.actives(cs), ub=0 if used else 1, tag=f"timing.once {mid} firm")
