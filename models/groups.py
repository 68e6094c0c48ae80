"""'Most favourable applies' and routes groups as read under the interpretation: span, policies, scope keys.

A group sets policies against each other: at most one policy per scope bucket. In a `most_favourable` group
the unit is the policy, a clause item as written (a measure's `policy`, else its ladder, else the measure),
so an item split into several measures, or a ladder with its bonus, is paid whole. In a `routes` group the
unit is each listed member (the routes of one item exclude each other unless option routes_add_up).

Span (option most_favourable_span): each note group covers what its text covers; under `district` (the
default) the district measures of one district that fall under notes of different packages are also covered
together (a derived group per district). Scope: `entity` one bucket over the plan, `entity_year` one per
year, `matter` one per project or item (a financing project counts with the project it finances) or, for
firm-level measures, per matter label and year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.memo import Memo
from grantstack.models.options import Interpretation
from grantstack.models.rules import ExclusiveGroup, Source

__all__ = ["GroupRule", "coverage", "covered_by", "group_rules", "policies_of", "scope_key"]


@dataclass(frozen=True)
class GroupRule:
    """One group as applied: resolved scope and the policy key of every measure it covers."""

    id: str
    kind: str
    scope: str
    policies: dict[str, str]
    source: Source
    derived: bool = False

    def policy(self, mid: str) -> str | None:
        """The unit a measure counts as in this group, or None if the group does not cover it."""
        return self.policies.get(mid)


_COVER = Memo()


def coverage(cat: Catalogue) -> dict[str, dict[str, str]]:
    """covered_by for every group of the catalogue, by group id (one pass over the measures, worked out once
    per catalogue object: a reading `Catalogue.under(...)` is its own object). Read-only: do not change it."""
    return _COVER.get(cat, None, lambda: _coverage(cat, cat.groups))


def _coverage(cat: Catalogue, groups: tuple[ExclusiveGroup, ...]) -> dict[str, dict[str, str]]:
    listing: dict[str, list[ExclusiveGroup]] = defaultdict(list)  # member name -> groups listing it
    for g in groups:
        for name in dict.fromkeys(g.members):
            listing[name].append(g)
    out: dict[str, dict[str, str]] = {g.id: {} for g in groups}
    for m in cat.measures:
        if m.informational:
            continue
        lad = cat.ladder_of(m.id)
        seen: set[str] = set()
        for name in (m.id, lad.id if lad else None, m.policy):  # the first name a group lists is the hit
            for g in listing.get(name, ()) if name is not None else ():
                if g.id not in seen:
                    seen.add(g.id)
                    out[g.id][m.id] = name if g.kind == "routes" else cat.policy_of(m.id)
    return out


def covered_by(cat: Catalogue, g: ExclusiveGroup) -> dict[str, str]:
    """Measures a catalogue group covers, each with its unit (policy, or the listed route)."""
    if any(x is g for x in cat.groups):
        return dict(coverage(cat)[g.id])
    return _coverage(cat, (g,))[g.id]


def _district_spans(cat: Catalogue, notes: list[tuple[ExclusiveGroup, dict[str, str]]], scope: str) -> list[GroupRule]:
    """Per district, the district measures covered by notes of two or more packages, as one derived group."""
    by_district: dict[str, dict[str, str]] = defaultdict(dict)
    sources: dict[str, list[ExclusiveGroup]] = defaultdict(list)
    for g, covered in notes:
        for mid, pol in covered.items():
            d = cat.by_id[mid].district
            if d is None:
                continue
            by_district[d][mid] = pol
            if g not in sources[d]:
                sources[d].append(g)
    out = []
    for d, policies in sorted(by_district.items()):
        groups = sources[d]
        if len({g.source.seed for g in groups}) < 2:
            continue
        first = groups[0].source
        seeds = ", ".join(sorted({g.source.seed[:3] for g in groups}))
        src = Source(seed=first.seed, item=f"Notes of seeds {seeds}: one entity's measures in {d}",
                     clause=first.clause, document=first.document)
        out.append(GroupRule(f"most_favourable.{d}", "most_favourable", scope, dict(sorted(policies.items())),
                             src, derived=True))
    return out


_RULES = Memo()


def group_rules(cat: Catalogue, interp: Interpretation) -> tuple[GroupRule, ...]:
    """Every group in force under the interpretation (routes lifted by routes_add_up), plus the derived
    district spans, sorted by id (worked out once per catalogue and interpretation: both are immutable)."""
    key = tuple(vars(interp).values())  # the options' values: a tuple compares faster than the model
    return _RULES.get(cat, key, lambda: _group_rules(cat, interp))


def _group_rules(cat: Catalogue, interp: Interpretation) -> tuple[GroupRule, ...]:
    rules: list[GroupRule] = []
    notes: list[tuple[ExclusiveGroup, dict[str, str]]] = []
    for g in cat.groups:
        if g.kind == "routes" and interp.routes_add_up:
            continue
        scope = interp.most_favourable_scope if g.scope == "option" else g.scope
        covered = covered_by(cat, g)
        rules.append(GroupRule(g.id, g.kind, scope, covered, g.source))
        if g.kind == "most_favourable" and g.scope == "option":
            notes.append((g, covered))
    if interp.most_favourable_span == "district":
        rules += _district_spans(cat, notes, interp.most_favourable_scope)
    return tuple(sorted(rules, key=lambda r: r.id))


_POLICIES = Memo()


def policies_of(rules: tuple[GroupRule, ...]) -> dict[str, list[tuple[int, str]]]:
    """Measure id to the rules covering it (index in `rules`, in order) and its unit in each (worked out once per
    tuple of rules: group_rules keeps one per catalogue and reading)."""
    return _POLICIES.get(rules, None, lambda: _policies(rules))


def _policies(rules: tuple[GroupRule, ...]) -> dict[str, list[tuple[int, str]]]:
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, g in enumerate(rules):
        for mid, pol in g.policies.items():
            out[mid].append((i, pol))
    return dict(out)


def scope_key(cat: Catalogue, firm: Firm, scope: str, mid: str, subject: str | None, year: int) -> tuple:
    """The bucket an application falls in under a scope (at most one policy per bucket)."""
    if scope == "entity":
        return ()
    if scope == "entity_year":
        return (year,)
    if subject is not None:
        return ("subject", firm.item_of(subject))
    m = cat.by_id[mid]
    return ("firm", m.matter or m.id, year)
