"""Timing rules: one-time per subject or firm, at most N (consecutive) years, gaps, firm years, windows, capacity."""

from __future__ import annotations

from collections import Counter, defaultdict

from grantstack.models.checks.ledger import Ledger, Payment
from grantstack.models.legal import window_years

__all__ = ["check_capacity", "check_timing"]


def _gaps(led: Ledger, mid: str, run: list[Payment], gap: int) -> None:
    """Two payments of one run at least `gap` years apart (past awards included)."""
    for a, b in zip(run, run[1:], strict=False):
        if b.year - a.year < gap and b.planned:
            led.add("timing.min_gap", f"{mid} pays in {a.year} and {b.year}; payments must be at least {gap} years "
                    "apart", b, limit=gap, amount=b.year - a.year)


def _firm_years(led: Ledger, mid: str, pays: list[Payment], n: int) -> None:
    """At most n distinct support years for the firm over all subjects (past awards included)."""
    years = sorted({p.year for p in pays})
    if len(years) > n and any(p.planned for p in pays):
        last = max((p for p in pays if p.planned), key=lambda p: (p.year, p.index))
        led.add("timing.firm_years", f"{mid} pays in {len(years)} years {years}; at most {n} per firm", last,
                limit=n, amount=len(years))


def check_timing(led: Ledger) -> None:
    """once / max_years (consecutive) / max_count / min_gap / firm years / window, with past awards counted."""
    per_firm: dict[str, list] = defaultdict(list)
    for (mid, _sid), run in led.runs.items():
        m = led.catalogue.measure(mid)
        per_firm[mid].extend(run)
        t = m.timing
        years = sorted({p.year for p in run})
        if t.once == "subject" and len(run) > 1:
            led.add("timing.once", f"{mid} is one-time per subject but pays {len(run)} times", run[1])
        if t.max_count is not None and len(years) > t.max_count:
            led.add("timing.max_count", f"{mid} pays {len(years)} years; at most {t.max_count}", run[-1],
                    limit=t.max_count, amount=len(years))
        if t.min_gap_years is not None:
            _gaps(led, mid, run, t.min_gap_years)
        if t.max_years is not None:
            if len(years) > t.max_years:
                led.add("timing.max_years", f"{mid} pays {len(years)} years; at most {t.max_years}",
                        run[-1], limit=t.max_years, amount=len(years))
            if years and years[-1] - years[0] + 1 != len(years):
                led.add("timing.consecutive", f"{mid} support years {years} are not consecutive", run[-1])
        win = window_years(m, led.firm)
        first = run[0]
        if win is not None and first.planned and not win[0] <= first.year <= win[1]:
            led.add("timing.window", f"{mid} must start within {win[0]}-{win[1]}, not {first.year}", first)
    for mid, pays in per_firm.items():
        t = led.catalogue.measure(mid).timing
        if t.once == "firm" and len(pays) > 1:
            pays.sort(key=lambda p: (p.year, p.index))
            led.add("timing.once", f"{mid} is one-time per firm but pays {len(pays)} times", pays[1])
        if t.firm_max_years is not None:
            _firm_years(led, mid, pays, t.firm_max_years)


def check_capacity(led: Ledger, max_per_year: int | None, max_effort: int | None = None) -> None:
    """At most max_per_year applications and max_effort effort points in any year (planning, not law)."""
    planned = [p for p in led.payments if p.planned and p.measure in led.catalogue.by_id]
    for limit, rule, weight in ((max_per_year, "capacity", lambda p: 1),
                                (max_effort, "capacity.effort", lambda p: led.catalogue.measure(p.measure).effort)):
        if limit is None:
            continue
        per: Counter[int] = Counter()
        for p in planned:
            per[p.year] += weight(p)
        for year, n in sorted(per.items()):
            if n > limit:
                pay = next(p for p in planned if p.year == year)
                led.add(rule, f"{n} {'applications' if rule == 'capacity' else 'effort points'} in {year}; "
                        f"capacity is {limit}", pay, limit=limit, amount=n)
