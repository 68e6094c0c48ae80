"""Build the linear model of one firm's plan: candidates, the rule modules in order, and the objective."""

from __future__ import annotations

from fractions import Fraction
from math import gcd

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.options import PlanOptions
from grantstack.optimizer.candidates import enumerate_candidates
from grantstack.optimizer.context import Build
from grantstack.optimizer.rules import bonus, capacity, caps, events, groups, ladders, matching, no_repeat, timing

__all__ = ["RULES", "build_model"]

RULES = (events, timing, caps, ladders, groups, no_repeat, matching, bonus, capacity)
RESOLUTION = 10_000  # objective points per money unit when weights are fractional (0.01%)


def _weights(b: Build) -> list[Fraction]:
    """Yuan per money unit of each candidate: unit x approval probability x discount factor."""
    o, y0 = b.options, b.years[0]
    rate = Fraction(str(o.discount_rate))
    out = []
    for c in b.cands:
        w = Fraction(b.unit)
        if o.use_probability:
            m = b.catalogue.measure(c.measure)
            w *= Fraction(str(b.firm.probabilities.get(c.measure, m.approval_probability)))
        if rate:
            w /= (1 + rate) ** (c.year - y0)
        out.append(w)
    return out


def _objective(b: Build) -> None:
    """Integer objective: exact when all weights are whole yuan, else rounded to 1/RESOLUTION of a unit;
    divided by the coefficients' gcd."""
    weights = _weights(b)
    effort = capacity.effort_terms(b)
    if all(w.denominator == 1 for w in weights):
        point = Fraction(1)
        terms = {c.x: int(w) for c, w in zip(b.cands, weights, strict=True)}
        terms.update(effort)
    else:
        point = Fraction(b.unit, RESOLUTION)
        terms = {c.x: round(w / point) for c, w in zip(b.cands, weights, strict=True)}
        terms.update({v: round(e / point) for v, e in effort.items()})
    g = 0
    for k in terms.values():
        g = gcd(g, k)
    g = g or 1
    terms = {v: k // g for v, k in terms.items()}
    b.yuan_per_point = point * g
    b.model.maximize(terms)


def build_model(
    catalogue: Catalogue, firm: Firm, years: tuple[int, int] = (2025, 2029), options: PlanOptions | None = None
) -> Build:
    """The model with everything needed to decode it (candidates, event and project variables, scale)."""
    options = options or PlanOptions()
    cs = enumerate_candidates(catalogue, firm, years, options.interpretation, options.money_unit)
    b = Build(catalogue, firm, years, options, cs)
    m = b.model
    for c in b.cands:
        name = f"{c.measure}|{c.subject or ''}|{c.anchor or ''}|{c.k or ''}|{c.year}"
        c.x = m.new_var(0, c.ub, f"x[{name}]")
        c.b = m.new_bool(f"b[{name}]")
        m.add([c.x, c.b], [1, -c.ub], ub=0, tag="link.amount_needs_application")
        m.add([c.x, c.b], [1, -1], lb=0, tag="link.application_pays")
    for rule in RULES:
        rule.add(b)
    _objective(b)
    return b
