"""History that breaks a rule by itself: a one-time measure paid twice, a cap exceeded, a ladder tier repeated.

Past awards count against the same rules as planned ones. A history that already breaks one of them is
wrong data (a typo in a year, an amount or a measure id), and planning on it would make every plan
illegal or pay against an impossible past; each such entry is named with the rule and its clause.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from grantstack.models.amounts import Fixed, UpTo
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm, PastAward

__all__ = ["history_rule_problems"]

Problem = tuple[tuple[Any, ...], str]
Entry = tuple[int, PastAward]


def _yuan(x: int) -> str:
    return f"{x:,} yuan"


def _where(entries: list[Entry]) -> str:
    return ", ".join(f"{h.year}: {_yuan(h.amount)}" + (f" for {h.subject}" if h.subject else "") for _, h in entries)


def _timing(c: Catalogue, mid: str, entries: list[Entry]) -> list[Problem]:
    m = c.measure(mid)
    t, cite, out = m.timing, m.citation(), []
    runs: dict[str | None, list[Entry]] = defaultdict(list)
    for i, h in entries:
        runs[h.subject].append((i, h))
    if t.once == "firm" and len(entries) > 1:
        out.append(_at(entries[1], "measure",
                       f"timing.once: {mid} is paid once per firm ({cite}), but the history pays "
                       f"it {len(entries)} times ({_where(entries)})"))
    for sid, run in runs.items():
        years = sorted({h.year for _, h in run})
        if t.once == "subject" and len(run) > 1:
            out.append(_at(run[1], "subject",
                           f"timing.once: {mid} is paid once per subject ({cite}), but the history pays "
                           f"it {len(run)} times for {sid} ({_where(run)})"))
        if t.max_years is not None and len(years) > t.max_years:
            out.append(_at(run[-1], "year",
                           f"timing.max_years: {mid} pays at most {t.max_years} years ({cite}), but the "
                           f"history has {len(years)} ({', '.join(map(str, years))})"))
        elif t.max_years is not None and years and years[-1] - years[0] + 1 != len(years):
            out.append(_at(run[-1], "year",
                           f"timing.consecutive: {mid} pays consecutive years ({cite}), but the history "
                           f"has {', '.join(map(str, years))}"))
    return out


def _loc(entry: Entry) -> tuple[Any, ...]:
    return ("history", entry[0])


def _at(entry: Entry, field: str, text: str) -> Problem:
    """A problem located at one field of one history entry."""
    return ("history", entry[0], field), text


def _over(rule: str, name: str, cite: str, entries: list[Entry], per: str, limit: int) -> list[Problem]:
    keys = {"application": lambda i, h: (i,), "year": lambda i, h: (h.year,), "subject": lambda i, h: (h.subject,),
            "subject_year": lambda i, h: (h.subject, h.year), "firm": lambda i, h: ()}[per]
    sums: dict[tuple[Any, ...], list[Entry]] = defaultdict(list)
    for i, h in entries:
        sums[keys(i, h)].append((i, h))
    out = []
    for group in sums.values():
        total = sum(h.amount for _, h in group)
        if total > limit:
            out.append(_at(group[-1], "amount",
                           f"{rule}: {name} allows at most {_yuan(limit)} per {per} ({cite}), but the "
                           f"history gives {_yuan(total)} ({_where(group)})"))
    return out


def _caps(c: Catalogue, by_measure: dict[str, list[Entry]]) -> list[Problem]:
    out = []
    for mid, entries in by_measure.items():
        m = c.measure(mid)
        for cap in m.caps:
            if cap.support_years is None:
                out += _over(f"cap.{cap.per}", mid, m.citation(), entries, cap.per, cap.amount)
    for cap in c.caps:
        members = [e for mid in cap.measures for e in by_measure.get(mid, [])]
        if not members:
            continue  # nothing paid under this cap
        out += _over(f"cap.shared.{cap.per}", f"shared cap {cap.id}", f"{cap.source.seed} {cap.source.item}",
                     sorted(members, key=lambda e: e[0]), cap.per, cap.amount)
    return out


def _fixed_ceiling(c: Catalogue, mid: str) -> int | None:
    m = c.measure(mid)
    a = m.amount
    value = a.amount if isinstance(a, Fixed) else a.max if isinstance(a, UpTo) else None
    if value is None:
        return None
    return min([value, *(cap.amount for cap in m.caps if cap.per == "application")])


def _ladders(c: Catalogue, by_measure: dict[str, list[Entry]]) -> list[Problem]:
    out = []
    for lad in c.ladders:
        if not any(mid in by_measure for mid in lad.tiers):
            continue  # nothing paid on this ladder
        cite = f"{lad.source.seed} {lad.source.item}"
        paid = sorted((e for mid in lad.tiers for e in by_measure.get(mid, [])), key=lambda e: (e[1].year, e[0]))
        rank = {mid: k for k, mid in enumerate(lad.tiers)}
        for mid in lad.tiers:
            mine = by_measure.get(mid, [])
            if len(mine) > 1:
                out.append(_at(mine[1], "measure",
                               f"ladder.repeat: tier {mid} of ladder {lad.id} is paid once ({cite}), but "
                               f"the history pays it {len(mine)} times ({_where(mine)})"))
        for i, h in paid:
            ceiling = _fixed_ceiling(c, h.measure)
            prefix = [e for e in paid if e[1].year < h.year or (e[1].year == h.year and
                                                                 rank[e[1].measure] <= rank[h.measure])]
            total = sum(x.amount for _, x in prefix)
            if ceiling is not None and total > ceiling:
                out.append(_at((i, h), "amount", f"ladder: ladder {lad.id} pays only the difference up to tier "
                            f"{h.measure}'s {_yuan(ceiling)} ({cite}), but the history gives {_yuan(total)} through "
                            f"it ({_where(prefix)})"))
                break
    return out


def _no_repeat(c: Catalogue, firm: Firm, by_measure: dict[str, list[Entry]]) -> list[Problem]:
    out = []
    works = firm.linked_works()
    for rule in c.no_repeat:
        seen: dict[str, list[Entry]] = defaultdict(list)
        for mid in rule.measures:
            for i, h in by_measure.get(mid, []):
                if h.subject in works:
                    seen[works[h.subject]].append((i, h))
        for entries in seen.values():
            if len(entries) > 1:
                entries.sort()
                out.append(_at(entries[1], "subject", f"no_repeat: {rule.id} pays the same work once "
                            f"({rule.source.seed} {rule.source.item}), but the history pays it {len(entries)} times "
                            f"({_where(entries)})"))
    return out


def history_rule_problems(catalogue: Catalogue, firm: Firm) -> list[Problem]:
    """Rules the firm's history breaks by itself (only entries whose measure is in the catalogue)."""
    by_measure: dict[str, list[Entry]] = defaultdict(list)
    for i, h in enumerate(firm.history):
        if h.measure in catalogue.by_id:
            by_measure[h.measure].append((i, h))
    if not by_measure:  # no past award of a catalogue measure: every rule below reads only those
        return []
    out: list[Problem] = []
    for mid, entries in sorted(by_measure.items()):
        out += _timing(catalogue, mid, entries)
    return out + _caps(catalogue, by_measure) + _ladders(catalogue, by_measure) + _no_repeat(catalogue, firm,
                                                                                             by_measure)
