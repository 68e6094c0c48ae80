"""Caps: per firm-year, per subject, per subject-year, per firm; support-year slices; shared caps."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from grantstack.models.checks.ledger import Ledger, Payment
from grantstack.models.legal import project_total_cap

__all__ = ["CapGroup", "cap_groups", "check_caps"]


def _key(per: str, p: Payment) -> tuple:
    return {
        "year": (p.year,),
        "subject": (p.subject,),
        "subject_year": (p.subject, p.year),
        "firm": (),
    }[per]


def _grouped(pays: Iterable[Payment], per: str) -> list[list[Payment]]:
    sums: dict[tuple, list[Payment]] = defaultdict(list)
    for p in pays:
        sums[_key(per, p)].append(p)
    return list(sums.values())


@dataclass(frozen=True)
class CapGroup:
    """The payments one cap counts together (past awards included), its limit in yuan and its name."""

    rule: str
    name: str
    per: str
    payments: list[Payment]
    limit: int
    measure: str


def cap_groups(led: Ledger) -> Iterator[CapGroup]:
    """Every cap's groups: measure caps per their key, support-year slices, project totals, shared caps."""
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
                for group in _grouped(pays, cap.per):
                    yield CapGroup(f"cap.{cap.per}", mid, cap.per, group, cap.amount, mid)
                continue
            a, b = cap.support_years
            sliced = [p for p in pays if a <= led.support_year(p) <= b]
            for group in _grouped(sliced, "subject"):
                yield CapGroup("cap.slice", f"{mid} support years {a}-{b}", "subject", group, cap.amount, mid)
        for sid in {p.subject for p in pays}:
            run = [p for p in pays if p.subject == sid]
            planned = [p for p in run if p.planned]
            if not planned:
                continue
            limit = project_total_cap(m, led.context(planned[0]), led.interp)
            if limit is not None:
                yield CapGroup("cap.project_total", f"{mid} (rate of project total)", "subject", run, limit, mid)
    for cap in led.catalogue.caps:
        members = set(cap.measures)
        for group in _grouped([p for p in known if p.measure in members], cap.per):
            yield CapGroup(f"cap.shared.{cap.per}", cap.id, cap.per, group, cap.amount, "")


def check_caps(led: Ledger) -> None:
    """Every cap of a measure and every shared cap, counting past awards."""
    for g in cap_groups(led):
        total = sum(p.amount for p in g.payments)
        if total > g.limit and any(p.planned and p.amount > 0 for p in g.payments):
            last = max((p for p in g.payments if p.planned), key=lambda p: (p.year, p.index), default=g.payments[-1])
            key = _key(g.per, g.payments[0])
            where = f" for {key}" if key else ""
            led.add(g.rule, f"{g.name}: {total} yuan{where} exceeds the cap of {g.limit} per {g.per}",
                    last, measure=led.catalogue.by_id.get(g.measure), limit=g.limit, amount=total)
