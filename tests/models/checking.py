"""Helpers for the checker edge tests: build a plan, run check_plan, compare rule kinds."""

from __future__ import annotations

from typing import Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.checker import check_plan
from grantstack.models.firm import Firm
from grantstack.models.options import Interpretation, PlanOptions
from grantstack.models.plan import Application, Plan, Violation

HORIZON = (2025, 2028)


def app(measure: str, year: int, amount: int, subject: str | None = None) -> Application:
    """One application."""
    return Application(measure=measure, subject=subject, year=year, amount=amount)


def check(
    cat: Catalogue,
    firm: Firm,
    *apps: Application,
    years: tuple[int, int] = HORIZON,
    schedule: dict[str, int | None] | None = None,
    options: Interpretation | PlanOptions | None = None,
) -> list[Violation]:
    """Every violation of a plan of these applications for this firm."""
    plan = Plan(firm=firm.id, years=years, applications=apps, schedule=schedule or {})
    return check_plan(cat, firm, plan, options)


def rules(violations: list[Violation]) -> set[str]:
    """The rule kinds broken."""
    return {v.rule for v in violations}


def assert_legal(violations: list[Violation]) -> None:
    """No rule is broken."""
    assert violations == [], "\n".join(f"{v.rule}: {v.message}" for v in violations)


def assert_only(violations: list[Violation], *expected: str, **where: Any) -> None:
    """Exactly these rule kinds are broken (and, if given, the first violation's fields match)."""
    assert rules(violations) == set(expected), "\n".join(f"{v.rule}: {v.message}" for v in violations)
    hit = next(v for v in violations if v.rule == expected[0])
    for name, value in where.items():
        assert getattr(hit, name) == value, f"{name}: {getattr(hit, name)!r} != {value!r}"
