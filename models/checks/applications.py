"""Each application on its own: known measure and subject, horizon, eligibility, legal ceiling."""

from __future__ import annotations

from collections import Counter

from grantstack.models.amounts import BaseRef
from grantstack.models.checks.ledger import Ledger, Payment
from grantstack.models.firm import Project
from grantstack.models.legal import applicable, legal_ceiling
from grantstack.models.measure import Measure

__all__ = ["check_applications", "in_project_years"]


def in_project_years(m: Measure, project: Project, start: int, year: int) -> bool:
    """Project measures pay in project years: the base year (or the year itself) is within the project."""
    fields = vars(m.amount)  # the amount's fields (a missing attribute costs an exception in pydantic)
    base: BaseRef | None = fields.get("base") or fields.get("target_value")
    offset = base.year_offset if isinstance(base, BaseRef) else 0
    return start <= year + offset <= start + project.duration() - 1


def _one(led: Ledger, pay: Payment) -> None:
    m = led.catalogue.by_id.get(pay.measure)
    if m is None:
        led.add("unknown_measure", f"measure '{pay.measure}' is not in the catalogue", pay)
        return
    lo, hi = led.plan.years
    if not lo <= pay.year <= hi:
        led.add("horizon", f"year {pay.year} is outside the plan's horizon {lo}-{hi}", pay)
    if pay.subject is not None and led.subject(pay.subject) is None:
        led.add("unknown_subject", f"subject '{pay.subject}' is neither a project nor an event of the firm", pay)
        return
    ctx = led.context(pay)
    if pay.subject is not None and ctx.anchor is None:
        led.add("schedule", f"'{pay.subject}' does not take place in this plan", pay)
        return
    verdict = applicable(m, ctx, led.interp)
    if not verdict.ok:
        led.add("eligibility", f"{m.id} does not apply: {verdict.reason}", pay)
        return
    if isinstance(ctx.subject, Project) and ctx.anchor is not None and not in_project_years(
        m, ctx.subject, ctx.anchor, pay.year
    ):
        led.add("project_years", f"{pay.year} is not a year of project '{pay.subject}'", pay)
        return
    ceiling = legal_ceiling(m, ctx, led.interp, led.catalogue)
    if pay.amount > ceiling:
        led.add("ceiling", f"{pay.amount} yuan exceeds the legal ceiling of {ceiling} yuan for this application",
                pay, limit=ceiling)


def check_applications(led: Ledger) -> None:
    """Every planned application is known, in the horizon, eligible and within its legal ceiling."""
    seen = Counter((p.measure, p.subject, p.year) for p in led.payments)
    for key, n in seen.items():
        if n > 1:
            pay = next(p for p in led.payments if (p.measure, p.subject, p.year) == key)
            led.add("duplicate", f"{n} payments of {key[0]} for the same subject and year", pay)
    for pay in led.payments:
        if pay.planned:
            _one(led, pay)
