"""Interpretation options for ambiguous clauses, and planning options, all in one place.

The principle (docs/semantics.md): every default is the reading the issuing authority would certainly
accept (the literal text; where it is silent, the narrower reading). Each more generous reading is a
named option value, off by default; every plan reports what each reading would change (value at stake).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Literal, get_args

from pydantic import Field

from grantstack.models.base import Flag, Frozen, Money
from grantstack.models.limits import (
    MAX_APPLICATIONS,
    MAX_EFFORT_POINTS,
    MAX_SECONDS,
    MAX_SEED,
    PROBABILITY_PLACES,
)

__all__ = ["GENEROUS", "INTERPRETATION_DOCS", "OPTION_NAMES", "Interpretation", "PlanOptions", "option_values"]


class Interpretation(Frozen):
    """How ambiguous clauses are read; the optimiser and the checker both follow it. Defaults are literal."""

    most_favourable_scope: Literal["entity", "entity_year", "matter"] = Field(
        default="entity",
        description=(
            "'If a single entity is eligible for multiple support policies ... the most favorable policy shall "
            "apply' (000, 001, 002 notes). `entity` (the text): one policy for the entity over the whole plan, "
            "within the note's span; `entity_year`: one policy a year; `matter`: one policy per project, event, "
            "or firm-level topic and year. A policy is a clause item as written (all its measures, ladder and "
            "bonus together)."
        ),
    )
    most_favourable_span: Literal["district", "package"] = Field(
        default="district",
        description=(
            "Span of those notes. `district`: each note covers what its text covers (000: the district's "
            "measures; 001, 002: the whole package, municipal items included), and the same entity's district "
            "measures of different packages in one district are covered together; `package`: per package and "
            "district only."
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
        description="Whether two routes of one item (003 Art. 5, Art. 9; 002 item 1; 002 item 2: the 2022 and the "
        "Q1 2022 growth routes) add up for one subject.",
    )
    milestone_jump: Literal["highest", "sum"] = Field(
        default="highest",
        description=(
            "Revenue jumping past several first-time milestones in one year (002 Dongcheng (3)) pays the "
            "highest, or the sum."
        ),
    )
    reference_editions: Literal["edition_only", "renewed", "exclude"] = Field(
        default="edition_only",
        description=(
            "2022 notices 'for reference only, subject to the latest notice' and the 2022 annual guide "
            "(000 items 4-6, 002 item 1, 002 Chaoyang): `edition_only` holds them to their 2022 edition; "
            "`renewed` assumes each later year's notice repeats them on the same terms (lines flagged); "
            "`exclude` leaves them out."
        ),
    )
    discretionary: Literal["expected", "ceiling"] = Field(
        default="expected",
        description=(
            "'Up to' amounts: plan the firm's stated expectation where given (else the ceiling), or always "
            "the legal ceiling. Either way such lines are flagged discretionary and totalled apart."
        ),
    )
    include_non_cash: Flag = Field(
        default=False, description="Count valued non-cash preferences (tax breaks) in the objective."
    )
    lapse_year: Literal["out", "in"] = Field(
        default="out",
        description=(
            "A text that lapses during a year (003 Art. 21: valid to 2028-05-07): `out` refuses that year for "
            "anything not dated before the lapse; `in` counts the whole year as in force."
        ),
    )
    rent_years_from: Literal["settlement_year", "first_full_year"] = Field(
        default="settlement_year",
        description=(
            "002 Dongcheng (2) rent subsidy 'for three consecutive years from the year of settlement or the "
            "first full fiscal year after settlement': year 1 is the settlement year, or the next year for a "
            "firm that settled after 1 January."
        ),
    )
    branded_provider_years: Literal["per_provider", "per_project"] = Field(
        default="per_provider",
        description=(
            "000 item 4 'the support period will generally be not more than 3 years' for a branded provider: "
            "3 years for the provider over all its projects, or 3 years per project."
        ),
    )
    open_call_repeats: Literal["once", "yearly"] = Field(
        default="once",
        description=(
            "000 item 5 (open service platforms) and item 6 (existing providers) name no period: one award "
            "per platform / per provider, or one every year."
        ),
    )
    key_areas: Literal["named", "open"] = Field(
        default="named",
        description=(
            "000 item 6 'key regions' (item 3: 'key areas such as ...'; layout: three science cities, EDA, BMC): "
            "only the named areas, or any area (the list is open)."
        ),
    )
    trading_support_cap: Literal["total", "per_year"] = Field(
        default="total",
        description=(
            "000 Shunyi (2) 'not exceeding CNY 1 million for each institution': 1M in total per institution, "
            "or 1M a year."
        ),
    )
    ss_package_status: Literal["required", "not_required"] = Field(
        default="required",
        description=(
            "001 items 1-6 belong to the package for specialized and sophisticated SMEs: Beijing S&S status "
            "required, or any enterprise the item's own words admit."
        ),
    )
    growth_award_windows: Literal["separate", "overlapping"] = Field(
        default="separate",
        description=(
            "002 Dongcheng (4) growth 'for two consecutive years': one award per two-year window, windows not "
            "overlapping (awards at least two years apart), or an award every year the test holds."
        ),
    )
    upgrading_cap: Literal["per_enterprise", "per_project"] = Field(
        default="per_enterprise",
        description=(
            "003 Art. 9 'cumulative cap of RMB 20 million' (Art. 4, 10, 11 say 'per project', Art. 9 does "
            "not): 20M per enterprise, or 20M per project."
        ),
    )

    def non_default(self) -> dict[str, object]:
        """Options set to something other than their default, name to value."""
        base = _default()
        return {n: getattr(self, n) for n in OPTION_NAMES if getattr(self, n) != getattr(base, n)}


@cache
def _default() -> Interpretation:
    """The default reading (immutable, its defaults fixed in the class: made once)."""
    return Interpretation()


OPTION_NAMES: tuple[str, ...] = tuple(Interpretation.model_fields)
"""Every interpretation option, in documentation order."""


@cache
def option_values(name: str) -> tuple[object, ...]:
    """Every value an interpretation option takes, the default first (worked out once per option: the fields
    are fixed)."""
    field = Interpretation.model_fields[name]
    values: tuple[object, ...] = (False, True) if field.annotation is bool else get_args(field.annotation)
    default = field.default
    return (default, *(v for v in values if v != default))


GENEROUS: dict[str, object] = {
    "most_favourable_scope": "matter",
    "most_favourable_span": "package",
    "rate_basis": "project_total",
    "routes_add_up": True,
    "milestone_jump": "sum",
    "reference_editions": "renewed",
    "discretionary": "ceiling",
    "include_non_cash": True,
    "lapse_year": "in",
    "rent_years_from": "first_full_year",
    "branded_provider_years": "per_project",
    "open_call_repeats": "yearly",
    "key_areas": "open",
    "trading_support_cap": "per_year",
    "ss_package_status": "not_required",
    "growth_award_windows": "overlapping",
    "upgrading_cap": "per_project",
}
"""The most generous value of each option (used for the 'all generous readings' total)."""


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
    name: Interpretation.model_fields[name].description or "" for name in OPTION_NAMES
}
