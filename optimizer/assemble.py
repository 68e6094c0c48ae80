"""Build the linear model of one firm's plan: candidates, the rule modules in order, and the objective."""

from __future__ import annotations

import copy
import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from math import gcd
from types import ModuleType

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.limits import MAX_YUAN
from grantstack.models.options import PlanOptions
from grantstack.optimizer.candidates import CandidateSet, enumerate_candidates
from grantstack.optimizer.context import Build
from grantstack.optimizer.encoding import Encoding
from grantstack.optimizer.linear import TooLarge
from grantstack.optimizer.magnitude import too_large
from grantstack.optimizer.result import WallClockExceeded
from grantstack.optimizer.rules import (
    bonus,
    capacity,
    caps,
    counts,
    events,
    groups,
    implied,
    ladders,
    matching,
    no_repeat,
    timing,
)

__all__ = ["GROUPS_AT", "RULES", "build_model", "with_groups"]

RULES = (caps, events, timing, counts, ladders, groups, no_repeat, matching, bonus, capacity, implied)
GROUPS_AT = RULES.index(groups)  # the first rule to read the group-only options (scope, span, routes_add_up)
RESOLUTION = 10_000  # objective points per money unit when weights are fractional (0.01%)


def _weights(b: Build) -> list[Fraction]:
    """Yuan per money unit of each candidate: unit x approval probability x discount factor."""
    o, y0 = b.options, b.years[0]
    if not o.use_probability and not o.discount_rate:
        return [Fraction(b.unit)] * len(b.cands)  # the money unit itself, for every candidate
    rate = Fraction(str(o.discount_rate))
    out = []
    seen: dict[tuple[str, int], Fraction] = {}  # a weight depends only on the measure and the year
    for c in b.cands:
        w = seen.get((c.measure, c.year))
        if w is None:
            w = Fraction(b.unit)
            if o.use_probability:
                m = b.catalogue.measure(c.measure)
                w *= Fraction(str(b.firm.probabilities.get(c.measure, m.approval_probability)))
            if rate:
                w /= (1 + rate) ** (c.year - y0)
            seen[(c.measure, c.year)] = w
        out.append(w)
    return out


def _objective(b: Build) -> None:
    """Integer objective over the amounts: exact when all weights are whole yuan, else rounded to 1/RESOLUTION
    of a unit; divided by the coefficients' gcd. Its terms read only the candidates' amounts, the catalogue
    view, the firm and the options no group rule reads, all of which every finish of one model built
    `before_groups` shares (`with_groups`): worked out once, kept on that model (`Build.objective_terms`)."""
    if b.objective_terms is None:
        b.objective_terms = _terms(b)
    terms, b.yuan_per_point = b.objective_terms
    b.model.maximize(terms)


def _terms(b: Build) -> tuple[dict[int, int], Fraction]:
    """The objective's terms (points) and yuan per point."""
    weights = _weights(b)
    exact = all(w.denominator == 1 for w in weights)
    point = Fraction(1) if exact else Fraction(b.unit, RESOLUTION)
    terms: dict[int, int] = {}
    points: dict[Fraction, int] = {}  # a weight in objective points, worked out once per distinct weight
    last: tuple[Fraction, int] | None = None  # the previous candidate's weight (most often the same object)
    for c, w in zip(b.cands, weights, strict=True):
        if last is not None and last[0] is w:
            per = last[1]
        else:
            per = points.get(w)
            if per is None:
                per = points[w] = int(w) if exact else round(w / point)
            last = (w, per)
        for v, k in c.amount:
            terms[v] = terms.get(v, 0) + per * k
    for v, e in capacity.effort_terms(b).items():
        terms[v] = terms.get(v, 0) + (e if exact else round(e / point))
    g = 0
    for k in terms.values():
        g = gcd(g, k)
    g = g or 1
    return {v: k // g for v, k in terms.items()}, point * g


def _amounts(b: Build) -> None:
    """An amount variable (at most the ceiling, at least 1 when applied) only where a cap, a ladder or a
    matching rate can cut the amount; elsewhere the amount is the ceiling times the active literal."""
    cut = caps.cuts(b) | ladders.cuts(b)
    cut |= matching.cuts(b, cut)
    m = b.model
    for c in b.cands:
        if id(c) in cut or not b.encoding.fixed_amounts:
            c.x = m.new_var(0, c.ub, f"x[{c.measure}|{c.subject or ''}|{c.anchor or ''}|{c.k or ''}|{c.year}]")
            m.add([c.x, c.b], [1, -c.ub], ub=0, tag="link.amount_needs_application")
            m.add([c.x, c.b], [1, -1], lb=0, tag="link.application_pays")
            c.amount = ((c.x, 1),)
        else:
            c.amount = ((c.b, c.ub),)


def build_model(
    catalogue: Catalogue, firm: Firm, years: tuple[int, int] = (2025, 2029), options: PlanOptions | None = None,
    encoding: Encoding | None = None, deadline: float | None = None, candidates: CandidateSet | None = None,
    before_groups: bool = False,
) -> Build:
    """The model with everything needed to decode it (candidates, event and project variables, scale). The
    cyclic garbage collector is paused while it is built: the model allocates no cycles, and a collection
    pass over its many objects every few thousand allocations would make building grow faster than the model.
    `candidates`: the firm's candidates under these options, already enumerated and never built (the readings
    pass on the ones their relevance check found); by default they are enumerated here. `before_groups`: stop
    before the group rules (no objective yet), to be finished by `with_groups`."""
    options = options or PlanOptions()
    encoding = encoding or Encoding()
    with _collector_paused():
        catalogue = catalogue.under(options.interpretation)  # the measures as read under the chosen options
        cs = candidates if candidates is not None else enumerate_candidates(
            catalogue, firm, years, options.interpretation, options.money_unit, encoding.run_starts)
        b = Build(catalogue, firm, years, options, cs, encoding)
        try:
            _within_limits(b)
            ladders.prepare(b)
            for c in b.cands:
                c.b = b.model.new_var(0, 1 if c.ub > 0 else 0,
                                      f"b[{c.measure}|{c.subject or ''}|{c.anchor or ''}|{c.k or ''}|{c.year}]")
            caps.plan(b)
            _amounts(b)
            _in_time(deadline, "enumerating the candidates")
            _rules(b, RULES[:GROUPS_AT] if before_groups else RULES, deadline)
        except TooLarge as exc:  # numbers beyond the exact range: bad input, named (models.limits)
            raise too_large(b, exc) from None
    return b


def with_groups(started: Build, options: PlanOptions, deadline: float | None = None) -> Build:
    """A model built `before_groups`, finished under `options`, which may differ from its own only in options read
    by the group rules alone (nothing before them reads those): the model a full build under `options` gives. A
    copy: the started model stays as it was, so it can be finished under several such readings (the later rules
    only add variables and rows; the candidates and lookups are shared, read only)."""
    if started.objective_terms is None:  # the objective's terms, for every finish (they read no group option)
        started.objective_terms = _terms(started)
    b = copy.copy(started)
    b.options, b.model, b.notes = options, started.model.copy(), list(started.notes)
    b.happen, b.start, b.reached, b.sum_caps = dict(b.happen), dict(b.start), dict(b.reached), list(b.sum_caps)
    with _collector_paused():
        try:
            _rules(b, RULES[GROUPS_AT:], deadline)
        except TooLarge as exc:
            raise too_large(b, exc) from None
    return b


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block (as it was before, after): building allocates no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rules(b: Build, rules: tuple[ModuleType, ...], deadline: float | None) -> None:
    """The rule modules' rows in order, then (once the last rule is in) the objective."""
    for rule in rules:
        rule.add(b)
        _in_time(deadline, f"building the {rule.__name__.rsplit('.', 1)[-1]} rows")
    if rules[-1:] == RULES[-1:]:
        _objective(b)


def _within_limits(b: Build) -> None:
    """No single application may pay more than MAX_YUAN (a per-unit amount times a count can): TooLarge."""
    big = max(b.cands, key=lambda c: c.legal, default=None)
    if big is not None and big.legal > MAX_YUAN:
        raise TooLarge(f"one application ({big.measure} for {big.subject or 'the firm'} in {big.year})", big.legal,
                       MAX_YUAN)


def _in_time(deadline: float | None, step: str) -> None:
    """The wall-clock safety limit also bounds building the model."""
    if deadline is not None and time.perf_counter() > deadline:
        raise WallClockExceeded(f"the wall-clock safety limit (option time_limit) ran out while {step}; raise "
                                "time_limit for a firm this large")
