"""Bonus on top: a bonus measure pays only if one of its `bonus_to` measures pays on the same subject and
year (a past award of one of them in that slot also counts)."""

from __future__ import annotations

from grantstack.optimizer.context import Build

__all__ = ["add"]


def add(b: Build) -> None:
    """active(bonus) <= sum of active(bonus_to) in the same slot."""
    for mid, cs in b.by_measure.items():
        to = b.catalogue.measure(mid).bonus_to
        if not to:
            continue
        for c in cs:
            if any(v > 0 and y == c.year for t in to for y, v in b.history(t, c.subject)):
                continue
            base = [t.b for m in to for t in b.by_slot.get((m, c.subject, c.year), [])]
            b.model.add([c.b, *base], [1] + [-1] * len(base), ub=0, tag=f"bonus {mid} needs {'/'.join(to)}")
