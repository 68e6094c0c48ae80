"""Small statistics over records: quantiles, shares, grouping."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["by", "quantile", "share", "summary"]


def quantile(values: Iterable[float], q: float) -> float | None:
    """The q-quantile with linear interpolation (numpy's default); None for no values."""
    xs = sorted(v for v in values if v is not None and not math.isnan(v))
    if not xs:
        return None
    pos = (len(xs) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def share(flags: Iterable[bool]) -> float | None:
    """Fraction of true flags; None for none."""
    fs = list(flags)
    return sum(1 for f in fs if f) / len(fs) if fs else None


def summary(values: Iterable[float]) -> dict[str, float | None]:
    """p50, p95 and max."""
    xs = [v for v in values if v is not None]
    return {"p50": quantile(xs, 0.5), "p95": quantile(xs, 0.95), "max": max(xs) if xs else None, "n": len(xs)}


def by(records: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> dict[Any, list[dict[str, Any]]]:
    """Records grouped by key, groups in first-seen order."""
    out: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        out[key(r)].append(r)
    return dict(out)
