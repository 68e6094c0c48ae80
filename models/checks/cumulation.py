"""Cumulation: ladders pay the difference, most-favourable groups, no repeat, matching, bonuses."""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from math import floor

from grantstack.models.amounts import Matching
from grantstack.models.base import fraction_of
from grantstack.models.checks.ledger import Ledger, Payment
from grantstack.models.groups import group_rules, policies_of, scope_key
from grantstack.models.legal import legal_ceiling

__all__ = ["check_cumulation"]


def _ladders(led: Ledger) -> None:
    """Tier k in year y: earlier ladder payments plus this year's tiers <= k stay within tier k's ceiling."""
    paid = {p.measure for p in led.known()}
    for lad in led.catalogue.ladders:
        if paid.isdisjoint(lad.tiers):
            continue  # nothing paid on this ladder: nothing to check
        rank = {mid: i for i, mid in enumerate(lad.tiers)}
        pays = [p for p in led.known() if p.measure in rank]
        for mid in lad.tiers:
            mine = [p for p in pays if p.measure == mid]
            if len(mine) > 1:
                led.add("ladder.repeat", f"tier {mid} of {lad.id} is paid {len(mine)} times", mine[1])
        for p in pays:
            if not p.planned:
                continue
            k = rank[p.measure]
            prefix = sum(q.amount for q in pays if q.year < p.year or (q.year == p.year and rank[q.measure] <= k))
            ceiling = legal_ceiling(led.catalogue.measure(p.measure), led.context(p), led.interp, led.catalogue)
            if prefix > ceiling:
                led.add("ladder", f"{lad.id}: {prefix} yuan paid through tier {p.measure} exceeds its {ceiling}"
                        " (an upgrade pays only the difference)", p, limit=ceiling, amount=prefix)


def _groups(led: Ledger) -> None:
    """At most one policy per bucket of each group in force (plan applications only)."""
    rules = group_rules(led.catalogue, led.interp)
    covering = policies_of(rules)
    buckets: list[dict[tuple, dict[str, Payment]]] = [defaultdict(dict) for _ in rules]
    for p in led.known():
        if not p.planned:
            continue
        for i, pol in covering.get(p.measure, ()):
            key = scope_key(led.catalogue, led.firm, rules[i].scope, p.measure, p.subject, p.year)
            buckets[i][key].setdefault(pol, p)
    for g, by_key in zip(rules, buckets, strict=True):
        for pols in by_key.values():
            if len(pols) > 1:
                names = ", ".join(sorted(pols))
                last = max(pols.values(), key=lambda p: (p.year, p.index))
                led.add(f"group.{g.kind}", f"{g.id} ({g.scope}): only one of {names} may apply", last)


def _no_repeat(led: Ledger) -> None:
    comp = led.firm.linked_works()
    for rule in led.catalogue.no_repeat:
        members = set(rule.measures)
        seen: dict[str, list[Payment]] = defaultdict(list)
        for p in led.known():
            if p.measure in members and p.subject in comp:
                seen[comp[p.subject]].append(p)
        for pays in seen.values():
            if len(pays) > 1:
                pays.sort(key=lambda p: (p.year, p.index))
                led.add("no_repeat", f"{rule.id}: the same work is paid {len(pays)} times", pays[1])


def _matching_and_bonus(led: Ledger) -> None:
    amounts: dict[tuple, int] = defaultdict(int)
    for p in led.known():
        amounts[(p.measure, p.subject, p.year)] += p.amount
    for p in led.known():
        if not p.planned:
            continue
        m = led.catalogue.measure(p.measure)
        if isinstance(m.amount, Matching) and m.amount.target_measure is not None:
            base = amounts[(m.amount.target_measure, p.subject, p.year)]
            limit = floor(fraction_of(m.amount.percent) * Fraction(base))
            if p.amount > limit:
                led.add("matching", f"{p.amount} yuan exceeds {m.amount.percent}% of the matched "
                        f"{m.amount.target_measure} award ({base} yuan)", p, limit=limit)
        if m.bonus_to and not any(amounts[(b, p.subject, p.year)] > 0 for b in m.bonus_to):
            led.add("bonus", f"bonus {m.id} needs one of {', '.join(m.bonus_to)} on the same subject and year", p)


def check_cumulation(led: Ledger) -> None:
    """Ladders, groups, no-repeat links, matching and bonuses."""
    _ladders(led)
    _groups(led)
    _no_repeat(led)
    _matching_and_bonus(led)
