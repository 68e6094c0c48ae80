"""Counting rules on support years (timing fields beyond once / max_years), past awards counted.

- `max_count: N`: at most N years of support per subject, in any years (003 Art. 11, not consecutive).
- `firm_max_years: N`: at most N distinct support years for the firm, all subjects together (000 item 4 per
  provider; 001 item 6 per enterprise): a 'pays in year y' literal per year, at most N - (past years) true.
- `min_gap_years: N`: two payments of one run at least N years apart (002 Dongcheng (4)): in any N
  consecutive years at most one payment, and none within N - 1 years after a past award.
"""

from __future__ import annotations

from collections import defaultdict

from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build

__all__ = ["add"]


def _max_count(b: Build, mid: str, sid: str | None, run: list[Candidate], n: int) -> None:
    past = len({y for y, _ in b.history(mid, sid)})
    b.model.add(*b.actives(run), ub=max(0, n - past), tag=f"timing.max_count {mid} {sid or ''}".rstrip())


def _firm_years(b: Build, mid: str, cs: list[Candidate], n: int) -> None:
    per_year: dict[int, list[Candidate]] = defaultdict(list)
    for c in cs:
        per_year[c.year].append(c)
    past = {y for (m, _), rows in b.candidates.history.items() if m == mid for y, _ in rows}
    lits = []
    for y, ys in sorted(per_year.items()):
        if y in past:
            continue  # a year already counted by a past award costs nothing more
        z = b.model.new_bool(f"pays[{mid},{y}]")
        for c in ys:
            b.model.add([c.b, z], [1, -1], ub=0, tag=f"timing.firm_years {mid} {y}")
        lits.append(z)
    if lits:
        b.model.add(lits, [1] * len(lits), ub=max(0, n - len(past)), tag=f"timing.firm_years {mid}")


def _gaps(b: Build, mid: str, sid: str | None, run: list[Candidate], gap: int) -> None:
    past = [y for y, _ in b.history(mid, sid)]
    years = sorted({c.year for c in run})
    for c in run:
        if any(0 <= c.year - p < gap for p in past):
            b.model.add([c.b], [1], ub=0, tag=f"timing.min_gap {mid} after past award")
    for y in years:
        window = [c for c in run if y <= c.year < y + gap]
        if len({c.year for c in window}) > 1:
            b.model.add(*b.actives(window), ub=1, tag=f"timing.min_gap {mid} {sid or ''} {y}")


def add(b: Build) -> None:
    """Rows for max_count, firm_max_years and min_gap_years."""
    for (mid, sid), run in sorted(b.by_run.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        t = b.catalogue.measure(mid).timing
        if t.max_count is not None:
            _max_count(b, mid, sid, run, t.max_count)
        if t.min_gap_years is not None:
            _gaps(b, mid, sid, run, t.min_gap_years)
    for mid, cs in sorted(b.by_measure.items()):
        n = b.catalogue.measure(mid).timing.firm_max_years
        if n is not None:
            _firm_years(b, mid, cs, n)
