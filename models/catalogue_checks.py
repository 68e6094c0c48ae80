"""Cycles and contradictions in a catalogue's rules, named by the ids involved.

A matching measure that matches itself through others (A matches B matches A) has no ceiling; ladders
that order two tiers both ways, a bonus paid only with itself, or a rule listing a member twice say two
things at once. Each problem is "'owner': field: what is wrong", the form models.catalogue reports in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from grantstack.models.amounts import Matching

if TYPE_CHECKING:
    from grantstack.models.catalogue import Catalogue
    from grantstack.models.measure import Measure

__all__ = ["cycle_problems", "find_cycles"]


def find_cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Each cycle of a directed graph once, as the ids along it (first id repeated at the end)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()
    for start in sorted(edges):
        if state.get(start):
            continue
        path: list[str] = []
        stack = [(start, iter(sorted(edges.get(start, ()))))]
        state[start] = 1
        path.append(start)
        while stack:
            node, children = stack[-1]
            nxt = next(children, None)
            if nxt is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    found.append(cycle)
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(sorted(edges.get(nxt, ())))))
    return found


def _twice(owner: str, field: str, items: Iterable[str]) -> list[str]:
    return [f"'{owner}': {field}: '{x}' is listed {n} times" for x, n in Counter(items).items() if n > 1]


def _matching(c: Catalogue, ids: dict[str, Measure]) -> list[str]:
    out = []
    edges = {m.id: [m.matches] for m in c.measures if m.matches in ids}
    for cycle in find_cycles(edges):  # type: ignore[arg-type]
        if len(cycle) > 2:
            out.append(f"'{cycle[0]}': amount.target_measure: matching cycle {' -> '.join(cycle)}: each matches the "
                       "next, so none has a ceiling")
    for m in c.measures:
        target = ids.get(m.matches or "")
        if target is not None and target.informational:
            out.append(f"'{m.id}': amount.target_measure: '{target.id}' is informational and pays nothing to match")
        elif target is not None and isinstance(m.amount, Matching) and target.subject != m.subject:
            out.append(f"'{m.id}': amount.target_measure: it matches '{target.id}' on the same subject and year, "
                       f"but that is {_a(target.subject)} measure and this {_a(m.subject)} measure, so it never pays")
    return out


def _a(subject: str) -> str:
    return f"an {subject}" if subject[0] in "aeiou" else f"a {subject}"


def _bonuses(c: Catalogue, ids: dict[str, Measure]) -> list[str]:
    out = []
    for m in c.measures:
        if m.id in m.bonus_to:
            out.append(f"'{m.id}': bonus_to: a bonus on itself: it would be paid only with itself")
        out += _twice(m.id, "bonus_to", m.bonus_to)
        for b in m.bonus_to:
            if b in ids and b != m.id and ids[b].subject != m.subject:
                out.append(f"'{m.id}': bonus_to: '{b}' is {_a(ids[b].subject)} measure and this {_a(m.subject)} "
                           "measure: a bonus is paid on the same subject and year, so it never pays")
    edges = {m.id: [b for b in m.bonus_to if b in ids and b != m.id] for m in c.measures}
    for cycle in find_cycles(edges):
        out.append(f"'{cycle[0]}': bonus_to: bonus cycle {' -> '.join(cycle)}: each is paid only with the next, "
                   "so none is a main measure")
    return out


def _ladders(c: Catalogue) -> list[str]:
    out = []
    owner: dict[str, str] = {}
    edges: dict[str, list[str]] = {}
    for lad in c.ladders:
        for lower, higher in zip(lad.tiers[:-1], lad.tiers[1:], strict=True):
            edges.setdefault(lower, []).append(higher)
    in_cycle: set[str] = set()
    for cycle in find_cycles(edges):
        if len(set(cycle)) > 1:
            in_cycle |= set(cycle)
            names = sorted({lad.id for lad in c.ladders if set(lad.tiers) & set(cycle)})
            out.append(f"'{names[-1]}': tiers: ladder cycle {' < '.join(cycle)} (ladders {', '.join(names)}): the "
                       "tiers are ordered both ways")
    for lad in c.ladders:
        for mid in lad.tiers:
            if mid in owner and owner[mid] != lad.id and mid not in in_cycle:
                out.append(f"'{lad.id}': tiers: '{mid}' is also a tier of ladder '{owner[mid]}' (a measure climbs "
                           "one ladder)")
            owner.setdefault(mid, lad.id)
    return out


def _groups(c: Catalogue) -> list[str]:
    out = []
    ladders = {lad.id: lad for lad in c.ladders}
    for g in c.groups:
        out += _twice(g.id, "members", g.members)
        for member in g.members:
            lad = ladders.get(member)
            for tier in lad.tiers if lad is not None else ():
                if tier in g.members:
                    out.append(f"'{g.id}': members: lists ladder '{member}' and its tier '{tier}' (a ladder is one "
                               "policy)")
    for cap in c.caps:
        out += _twice(cap.id, "measures", cap.measures)
    for rule in c.no_repeat:
        out += _twice(rule.id, "measures", rule.measures)
    return out


def cycle_problems(catalogue: Catalogue) -> list[str]:
    """Every cycle and contradiction among the catalogue's rules (empty: none)."""
    ids = {m.id: m for m in catalogue.measures}
    return _matching(catalogue, ids) + _bonuses(catalogue, ids) + _ladders(catalogue) + _groups(catalogue)
