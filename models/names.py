"""Every name in a firm or a catalogue checked against the vocabulary, with "did you mean" for a typo.

A tag, status, metric, project or event kind, cost, quantity or value field, or matter label that is not in
the vocabulary is refused: a typo would otherwise make a measure silently not apply (a tag typo gave 0
instead of 4.95M). Each problem is (location in the file's data, what is wrong).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from grantstack.models.amounts import BaseRef, Milestones
from grantstack.models.catalogue import CataloguePackage
from grantstack.models.firm import Firm
from grantstack.models.measure import Measure
from grantstack.models.predicates import (
    FirstReach,
    Growth,
    HasTags,
    Increase,
    MetricRange,
    RatioAtLeast,
    StatusHeld,
    SubjectTotal,
)
from grantstack.models.vocabulary import Vocabulary

__all__ = ["NAMES_FIX", "Problem", "firm_name_problems", "measure_name_problems", "package_name_problems"]

Problem = tuple[tuple[Any, ...], str]
NAMES_FIX = ("Use a name from docs/vocabulary.md (check the spelling); a catalogue overlay that needs a new name "
             "declares it, with its meaning, in its own vocabulary: section.")
_BASE_CATEGORY = {"project": "cost_fields", "event": "event_values", "firm": "metrics"}


def _check(vocab: Vocabulary, category: str, name: str, at: tuple[Any, ...]) -> Iterator[Problem]:
    wrong = vocab.unknown(category, name)
    if wrong:
        yield at, wrong


def firm_name_problems(firm: Firm, vocab: Vocabulary) -> list[Problem]:
    """Names in a firm that the vocabulary does not know."""
    out: list[Problem] = []
    for i, t in enumerate(firm.tags):
        out += _check(vocab, "tags", t, ("tags", i))
    for i, s in enumerate(firm.statuses):
        out += _check(vocab, "statuses", s.status, ("statuses", i, "status"))
    for m in firm.metrics:
        out += _check(vocab, "metrics", m, ("metrics", m))
    for i, p in enumerate(firm.projects):
        for j, k in enumerate(p.kinds):
            out += _check(vocab, "project_kinds", k, ("projects", i, "kinds", j))
        for c in p.costs:
            out += _check(vocab, "cost_fields", c, ("projects", i, "costs", c))
        for q in p.quantities:
            out += _check(vocab, "quantities", q, ("projects", i, "quantities", q))
    for i, e in enumerate(firm.events):
        out += _check(vocab, "event_kinds", e.kind, ("events", i, "kind"))
        for v in e.values:
            out += _check(vocab, "event_values", v, ("events", i, "values", v))
        for j, g in enumerate(e.grants):
            out += _check(vocab, "statuses", g, ("events", i, "grants", j))
        for j, r in enumerate(e.requires):
            if r.status is not None:
                out += _check(vocab, "statuses", r.status, ("events", i, "requires", j, "status"))
    return out


def _predicate(vocab: Vocabulary, p: Any, at: tuple[Any, ...]) -> Iterator[Problem]:
    if isinstance(p, HasTags):
        for part in ("all_of", "any_of", "none_of"):
            for j, t in enumerate(getattr(p, part)):
                yield from _check(vocab, "tags", t, (*at, part, j))
    elif isinstance(p, StatusHeld):
        yield from _check(vocab, "statuses", p.status, (*at, "status"))
    elif isinstance(p, (MetricRange, FirstReach, Growth, Increase)):
        yield from _check(vocab, "metrics", p.metric, (*at, "metric"))
    elif isinstance(p, SubjectTotal):
        if vocab.unknown("cost_fields", p.field) and vocab.unknown("event_values", p.field):
            yield from _check(vocab, "cost_fields", p.field, (*at, "field"))
    elif isinstance(p, RatioAtLeast):
        yield from _check(vocab, "metrics", p.numerator, (*at, "numerator"))
        yield from _check(vocab, "metrics", p.denominator, (*at, "denominator"))


def _kind_fields(vocab: Vocabulary, m: Measure, of: str) -> set[str] | None:
    """The fields the measure's kinds have (None if the measure names no kind of that record)."""
    s = vocab.section
    if of == "project" and any(k in s.project_kinds for k in m.project_kinds):
        return {f for k in m.project_kinds if k in s.project_kinds for f in s.project_kinds[k].costs}
    if of == "event" and any(k in s.event_kinds for k in m.event_kinds):
        return {f for k in m.event_kinds if k in s.event_kinds for f in s.event_kinds[k].values}
    return None  # no known kind (an unknown kind is reported by itself)


def _base(vocab: Vocabulary, m: Measure, ref: BaseRef, at: tuple[Any, ...]) -> Iterator[Problem]:
    category = _BASE_CATEGORY[ref.of]
    wrong = vocab.unknown(category, ref.field)
    if wrong:
        yield (*at, "field"), wrong
    else:
        fields = _kind_fields(vocab, m, ref.of)
        if fields is not None and ref.field not in fields:
            kinds = m.project_kinds if ref.of == "project" else m.event_kinds
            have = ", ".join(sorted(fields)) or "none"
            yield (*at, "field"), (f"'{ref.field}' is not a field of {', '.join(kinds)} (its fields: {have}), so no "
                                   "firm could give it; declare it for the kind in a vocabulary: section if the "
                                   "clause reads it.")
    if ref.quantity is not None:  # a project quantity, or a firm metric for a firm base (002 Dongcheng (2))
        yield from _check(vocab, "metrics" if ref.of == "firm" else "quantities", ref.quantity, (*at, "quantity"))


def measure_name_problems(m: Measure, vocab: Vocabulary, at: tuple[Any, ...] = ()) -> list[Problem]:
    """Names in one measure that the vocabulary does not know."""
    out: list[Problem] = []
    for j, k in enumerate(m.project_kinds):
        out += _check(vocab, "project_kinds", k, (*at, "project_kinds", j))
    for j, k in enumerate(m.event_kinds):
        out += _check(vocab, "event_kinds", k, (*at, "event_kinds", j))
    for j, p in enumerate(m.eligibility):
        out += _predicate(vocab, p, (*at, "eligibility", j))
    if m.matter is not None:
        out += _check(vocab, "matters", m.matter, (*at, "matter"))
    a = m.amount
    for attr in ("base", "target_value"):
        ref = getattr(a, attr, None)
        if isinstance(ref, BaseRef):
            out += _base(vocab, m, ref, (*at, "amount", attr))
    for j, ref in enumerate(m.within):
        out += _base(vocab, m, ref, (*at, "within", j))
    if isinstance(a, Milestones):
        out += _check(vocab, "metrics", a.metric, (*at, "amount", "metric"))
    for j, tier in enumerate(getattr(a, "tiers", ())):
        for k, p in enumerate(tier.when):
            out += _predicate(vocab, p, (*at, "amount", "tiers", j, "when", k))
    return out


def package_name_problems(pkg: CataloguePackage, vocab: Vocabulary) -> list[Problem]:
    """Names in one catalogue file's measures that the vocabulary (with the file's own section) does not know."""
    out: list[Problem] = []
    for i, m in enumerate(pkg.measures):
        out += measure_name_problems(m, vocab, ("measures", i))
    return out
