"""Number and table formatting shared by the sections of results.md."""

from __future__ import annotations

from typing import Any

from grantstack.benchmarks.stats import summary

__all__ = ["gap_text", "max_gap", "ms", "num", "pct", "table", "trio", "verdict"]


def ms(x: float | None) -> str:
    """Seconds as milliseconds text."""
    if x is None:
        return "–"
    return f"{x * 1000:.2f}" if x < 0.001 else f"{x * 1000:.1f}" if x < 10 else f"{x * 1000:.0f}"


def pct(x: float | None, digits: int = 1) -> str:
    """A share as percent text."""
    return "–" if x is None else f"{x * 100:.{digits}f}%"


def num(x: float | None, digits: int = 2) -> str:
    """A number, or a dash."""
    return "–" if x is None else f"{x:,.{digits}f}"


def table(head: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def trio(values: list[float]) -> str:
    """p50 / p95 / max in ms."""
    s = summary(values)
    return f"{ms(s['p50'])} / {ms(s['p95'])} / {ms(s['max'])}"


def verdict(ok: bool | None) -> str:
    """MET, NOT MET, or NOT MEASURED."""
    return "NOT MEASURED" if ok is None else "MET" if ok else "NOT MET"


def get(d: dict[str, Any] | None, *keys: str) -> Any:
    """d[k1][k2]... or None."""
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


__all__ += ["get"]


def gap_text(record: dict[str, Any]) -> str:
    """A run's relative gap; a run that ended without a plan (e.g. stopped by its wall-clock limit) has none."""
    gap = record.get("gap")
    return "none (no plan)" if gap is None else num(gap, 4)


def max_gap(records: list[dict[str, Any]]) -> str:
    """The largest gap of the runs that have one, and how many ended without a plan (never shown as gap 0)."""
    gaps = [r["gap"] for r in records if r.get("gap") is not None]
    missing = len(records) - len(gaps)
    text = num(max(gaps), 4) if gaps else "–"
    return text + (f" ({missing} without a plan)" if missing else "")
