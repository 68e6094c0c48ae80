"""Caps: per firm-year, per subject, per subject-year, per firm; support-year slices; shared caps."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from grantstack.models.checks.ledger import Ledger, Payment
from grantstack.models.legal import project_total_cap

__all__ = ["check_caps"]


def _key(per: str, p: Payment) -> tuple:
    return {
        "year": (p.year,),
        "subject": (p.subject,),
        "subject_year": (p.subject, p.year),
        "firm": (),
    }[per]


def _over(led: Ledger, rule: str, name: str, pays: Iterable[Payment], per: str, amount: int, mid: str) -> None:
    sums: dict[tuple, list[Payment]] = defaultdict(list)
    for p in pays:
        sums[_key(per, p)].append(p)
    for key, group in sums.items():
        total = sum(p.amount for p in group)
        if total > amount and any(p.planned and p.amount > 0 for p in group):
            last = max((p for p in group if p.planned), key=lambda p: (p.year, p.index), default=group[-1])
            where = f" for {key}" if key else ""
            led.add(rule, f"{name}: {total} yuan{where} exceeds the cap of {amount} per {per}",
                    last, measure=led.catalogue.by_id.get(mid), limit=amount, amount=total)


def check_caps(led: Ledger) -> None:
    """Every cap of a measure and every shared cap, counting past awards."""
    known = led.known()
    by_measure: dict[str, list[Payment]] = defaultdict(list)
    for p in known:
        by_measure[p.measure].append(p)
    for mid, pays in by_measure.items():
        m = led.catalogue.measure(mid)
        for cap in m.caps:
            if cap.per == "application":
                continue  # folded into the legal ceiling
            if cap.support_years is None:
                _over(led, f"cap.{cap.per}", mid, pays, cap.per, cap.amount, mid)
                continue
            a, b = cap.support_years
            sliced = [p for p in pays if a <= led.support_year(p) <= b]
            _over(led, "cap.slice", f"{mid} support years {a}-{b}", sliced, "subject", cap.amount, mid)
        for sid in {p.subject for p in pays}:
            run = [p for p in pays if p.subject == sid]
            planned = [p for p in run if p.planned]
            if not planned:
                continue
            limit = project_total_cap(m, led.context(planned[0]), led.interp)
            if limit is not None:
                _over(led, "cap.project_total", f"{mid} (rate of project total)", run, "subject", limit, mid)
    for cap in led.catalogue.caps:
        members = set(cap.measures)
        pays = [p for p in known if p.measure in members]
        _over(led, f"cap.shared.{cap.per}", cap.id, pays, cap.per, cap.amount, "")
