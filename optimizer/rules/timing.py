"""Timing: one application per measure, subject and year; once per subject or firm; runs and windows.

- `once: subject`: one application per (measure, subject); `once: firm`: one per measure; past awards
  count (candidates already drop runs that history has used up).
- `max_years: N`: at most N applications, in consecutive years, one run per subject (a run in the past
  continues from the year after its last award, or not at all). One candidate per year: an application
  without one in the year before (same anchor) is a start, at most one start per run, at most N - (past
  years) applications. Measures whose amount or cap depends on the support year keep one candidate per
  support year k instead: k in year y needs k - 1 in year y - 1.
- Support year k of a positional measure without max_years is its position in the run (past years
  first): each k at most once, and k needs k - 1 in an earlier year, which makes k the position.
- `window`: the first application of a run lies in the window: candidates before it are dropped, and a
  later one needs an application of the run inside the window (unless the run began in the past).
"""

from __future__ import annotations

from collections import defaultdict

from grantstack.models.legal import window_years
from grantstack.optimizer.candidates import Candidate, positional
from grantstack.optimizer.context import Build

__all__ = ["add"]


def _starts(b: Build, mid: str, sid: str | None, run: list[Candidate], n: int, past: list[tuple[int, int]]) -> None:
    """One candidate per year: a start literal wherever the year before has no application of the same anchor.
    A run begun in the past has no start: it goes on from the year after its last award."""
    h = len({y for y, _ in past})
    resume = max((y for y, _ in past), default=0) + 1
    m = b.model
    by_anchor: dict[int | None, dict[int, Candidate]] = defaultdict(dict)
    for c in run:
        by_anchor[c.anchor][c.year] = c
    starts: list[int] = []
    for chain in by_anchor.values():
        for y, c in sorted(chain.items()):
            prev = chain.get(y - 1)
            if prev is None and h > 0 and y != resume:
                m.add([c.b], [1], ub=0, tag=f"timing.max_years {mid} continues from {resume}")
            elif prev is None:
                starts.append(c.b)
            elif h > 0:  # a past run only continues
                m.add([c.b, prev.b], [1, -1], ub=0, tag=f"timing.max_years {mid} consecutive")
            else:
                s = m.new_bool(f"run_start[{mid}|{sid or ''}|{c.anchor or ''}|{y}]")
                m.add([c.b, prev.b, s], [1, -1, -1], ub=0, tag=f"timing.max_years {mid} consecutive")
                starts.append(s)
    m.add(starts, [1] * len(starts), ub=1, tag=f"timing.max_years {mid} one run")
    m.add(*b.actives(run), ub=max(0, n - h), tag=f"timing.max_years {mid} at most {n} years")


def _consecutive(b: Build, mid: str, run: list[Candidate], h: int) -> None:
    """Copies per support year: one first planned year, and k in year y only after k - 1 in y - 1 (same anchor)."""
    firsts = [c for c in run if c.k == h + 1]
    if h == 0:
        b.model.add(*b.actives(firsts), ub=1, tag=f"timing.max_years {mid} one run")
    for c in run:
        if (c.k or 1) > h + 1:
            prev = [d.b for d in run if d.year == c.year - 1 and d.k == (c.k or 1) - 1 and d.anchor == c.anchor]
            b.model.add([c.b, *prev], [1] + [-1] * len(prev), ub=0, tag=f"timing.max_years {mid} consecutive")


def _positions(b: Build, mid: str, run: list[Candidate], h: int) -> None:
    """Support year k at most once, and k after k - 1 (same anchor): then k is the position in the run."""
    by_k: dict[int, list[Candidate]] = defaultdict(list)
    for c in run:
        by_k[c.k or 1].append(c)
    for k, cs in sorted(by_k.items()):
        b.model.add(*b.actives(cs), ub=1, tag=f"timing.support_year {mid} k={k} once")
        if k > h + 1:
            for c in cs:
                prev = [d.b for d in by_k.get(k - 1, []) if d.year < c.year and d.anchor == c.anchor]
                b.model.add([c.b, *prev], [1] + [-1] * len(prev), ub=0, tag=f"timing.support_year {mid} k={k}")


def _counted(b: Build, mid: str, run: list[Candidate], h: int) -> None:
    """The plain encoding: an application with support year k has exactly k - 1 - h earlier ones (enforced)."""
    for c in run:
        vs, ks = b.actives([d for d in run if d.year < c.year])
        k = c.k or 1
        b.model.add(vs, ks, lb=k - 1 - h, ub=k - 1 - h, enforce=[c.b], tag=f"timing.support_year {mid} k={k}")


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
        copied = any(c.k is not None for c in run)
        if measure.timing.max_years is not None:
            if copied:
                _consecutive(b, mid, run, h)
            else:
                _starts(b, mid, sid, run, measure.timing.max_years, past)
        elif positional(measure) and copied:
            (_positions if b.encoding.position_chain else _counted)(b, mid, run, h)
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
