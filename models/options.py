"""Interpretation options for ambiguous clauses, and planning options, all in one place."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from grantstack.models.base import Flag, Frozen, Money
from grantstack.models.limits import (
    MAX_APPLICATIONS,
    MAX_EFFORT_POINTS,
    MAX_SECONDS,
    MAX_SEED,
    PROBABILITY_PLACES,
)

__all__ = ["INTERPRETATION_DOCS", "Interpretation", "PlanOptions"]


class Interpretation(Frozen):
    """How ambiguous clauses are read; the optimiser and the checker both follow it."""

    most_favourable_scope: Literal["matter", "entity_year", "entity"] = Field(
        default="matter",
        description=(
            "Scope of 'the most favorable policy shall apply' (000, 001, 002 notes): per matter (one "
            "measure per project, event, or firm-level topic and year), per entity and year, or per entity "
            "over the whole plan."
        ),
    )
    rate_basis: Literal["each_year", "project_total"] = Field(
        default="each_year",
        description=(
            "'up to 30% of the verified total investment' over several years (003 Art. 4, 9): 30% of each "
            "year's base, or 30% of the project total spread over the support years."
        ),
    )
    routes_add_up: Flag = Field(
        default=False,
        description="Whether two routes of one article (003 Art. 5, 9; 002 Changping (3)) add up on one subject.",
    )
    milestone_jump: Literal["highest", "sum"] = Field(
        default="highest",
        description=(
            "Revenue jumping past several first-time milestones in one year (002 Dongcheng (3)) pays the "
            "highest, or the sum."
        ),
    )
    reference_editions: Literal["renewed", "edition_only", "exclude"] = Field(
        default="renewed",
        description=(
            "2022 notices 'for reference only, subject to the latest notice': assume renewed on the same "
            "terms, hold them to their edition's validity, or leave them out."
        ),
    )
    discretionary: Literal["expected", "ceiling"] = Field(
        default="expected",
        description=(
            "'Up to' amounts: plan the firm's stated expectation where given (else the ceiling), or always "
            "the legal ceiling."
        ),
    )
    include_non_cash: Flag = Field(
        default=False, description="Count valued non-cash preferences (tax breaks) in the objective."
    )


class PlanOptions(Frozen):
    """What to maximise and how hard to search; the legal reading is `interpretation`."""

    interpretation: Interpretation = Field(default_factory=Interpretation, description="Legal readings.")
    use_probability: Flag = Field(default=False, description="Maximise expected value (approval probability).")
    discount_rate: Decimal = Field(
        default=Decimal(0), ge=0, le=1, decimal_places=PROBABILITY_PLACES, allow_inf_nan=False,
        description="Yearly discount to present value.",
    )
    effort_cost: Money = Field(
        default=0, description="Cost in yuan of one effort point (a typical application is 1 point)."
    )
    max_applications_per_year: int | None = Field(
        strict=True, default=None, ge=0, le=MAX_APPLICATIONS, description="Capacity: applications a year."
    )
    max_effort_per_year: int | None = Field(
        strict=True, default=None, ge=0, le=MAX_EFFORT_POINTS,
        description="Capacity: effort points a year (each measure's `effort`).",
    )
    money_unit: int = Field(
        strict=True, default=1, ge=1, le=1_000_000,
        description="Solver money unit in yuan (1: exact, the default chosen from benchmarks/results/results.md).",
    )
    work_limit: float = Field(
        default=10.0, gt=0, le=MAX_SECONDS, allow_inf_nan=False,
        description="Search budget of each solve in CP-SAT deterministic time: the plan depends on it, never on "
        "the machine's speed.",
    )
    time_limit: float = Field(
        default=60.0, gt=0, le=MAX_SECONDS, allow_inf_nan=False,
        description="Wall-clock safety limit in seconds for the whole plan: a run that reaches it stops with an "
        "error, never with a different plan.",
    )
    workers: int = Field(strict=True, default=1, ge=1, le=64, description="CP-SAT search workers.")
    seed: int = Field(strict=True, default=0, ge=0, le=MAX_SEED, description="Random seed (fixed for determinism).")
    linearization_level: int = Field(strict=True, default=2, ge=0, le=2, description="CP-SAT linearization level.")
    relative_gap: Decimal = Field(
        default=Decimal(0), ge=0, le=1, decimal_places=PROBABILITY_PLACES, allow_inf_nan=False,
        description="Stop at this relative gap (0: prove); a plan stopped short is FEASIBLE, never OPTIMAL.",
    )
    presolve: Flag = Field(default=True, description="CP-SAT presolve (benchmarks: keep it on).")


INTERPRETATION_DOCS: dict[str, str] = {
    name: field.description or "" for name, field in Interpretation.model_fields.items()
}
