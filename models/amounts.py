"""Amount forms: how much a measure pays for one application (RULES.md section 2)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from grantstack.models.base import Flag, Frozen, Id, Money, Percent
from grantstack.models.limits import MAX_FIGURE
from grantstack.models.predicates import Predicate

__all__ = [
    "AmountForm",
    "BaseRef",
    "Fixed",
    "Interest",
    "Matching",
    "Milestone",
    "Milestones",
    "PerUnit",
    "Rate",
    "Schedule",
    "Tier",
    "Tiers",
    "UpTo",
    "Valued",
]


class BaseRef(Frozen):
    """Where a base amount comes from: a project cost, an event value or a firm metric."""

    of: Literal["project", "event", "firm"] = Field(description="Which record holds the base.")
    field: Id = Field(description="Cost, value or metric name, e.g. investment, rent, expenses.")
    year_offset: int = Field(
        strict=True, default=0, ge=-5, le=0, description="-1: the previous year's figure (000 items 5 and 6)."
    )
    quantity: Id | None = Field(
        default=None, description="Project quantity the base is proportional to, e.g. rented_area."
    )
    max_quantity: int | None = Field(
        strict=True, default=None, gt=0, le=MAX_FIGURE,
        description="Only this much of the quantity is subsidised (3,000 m2).",
    )
    over: Literal["year", "project"] = Field(
        default="year",
        description="year: the figure of the year (with year_offset); project: the project's total over all its years.",
    )

    @model_validator(mode="after")
    def _quantity(self) -> BaseRef:
        if (self.quantity is None) != (self.max_quantity is None):
            raise ValueError("give both quantity and max_quantity, or neither")
        if self.quantity is not None and self.of == "event":
            raise ValueError("a quantity cap applies to project and firm bases only")
        if self.over == "project" and self.of != "project":
            raise ValueError("over: project applies to project bases only")
        return self


UP_TO_DOC = "True if the clause says 'up to' / 'not more than' the rate: the authority decides within it."


class Fixed(Frozen):
    """A fixed amount on an event or a yearly figure."""

    form: Literal["fixed"] = "fixed"
    amount: Money = Field(description="The amount in yuan.")


class UpTo(Frozen):
    """'Up to X' at the authority's discretion: the legal ceiling is X; the firm may state what it expects."""

    form: Literal["up_to"] = "up_to"
    max: Money = Field(description="The legal ceiling in yuan.")


class Rate(Frozen):
    """percent x base, at most `cap` per application."""

    form: Literal["rate"] = "rate"
    percent: Percent = Field(description="The rate in percent.")
    base: BaseRef = Field(description="The base the rate applies to.")
    cap: Money | None = Field(default=None, description="Ceiling per application in yuan.")
    total_basis_option: Flag = Field(
        default=False,
        description="The clause may mean each year's base or the project total: follows option rate_basis.",
    )
    up_to: Flag = Field(default=False, description=UP_TO_DOC)


class Interest(Frozen):
    """Interest actually paid (as a base), up to percent of it and a cap per application."""

    form: Literal["interest"] = "interest"
    base: BaseRef = Field(description="The interest-paid base, e.g. project cost interest_paid.")
    percent: Percent = Field(default=Decimal(100), description="Share of the interest covered.")
    cap: Money | None = Field(default=None, description="Ceiling per application in yuan.")
    up_to: Flag = Field(default=False, description=UP_TO_DOC)


class Tier(Frozen):
    """One row of a tier table: if all conditions hold, the amount (or up to it) is paid."""

    when: tuple[Predicate, ...] = Field(min_length=1, description="Conditions of this row.")
    amount: Money = Field(description="Amount, or the ceiling if discretionary.")
    discretionary: Flag = Field(default=False, description="True if the row says 'up to' or a range.")


class Tiers(Frozen):
    """A tier table on one or two metrics; the best row whose conditions hold applies."""

    form: Literal["tiers"] = "tiers"
    tiers: tuple[Tier, ...] = Field(min_length=1, description="The rows.")

    @model_validator(mode="after")
    def _figures_only(self) -> Tiers:
        for i, row in enumerate(self.tiers):
            if any(getattr(p, "kind", "") == "status" for p in row.when):
                raise ValueError(
                    f"tier row {i + 1} tests a status; tier rows test figures and dates only: "
                    "put status conditions in the measure's eligibility"
                )
        return self


class Milestone(Frozen):
    """Exceeding `above` for the first time pays `amount`."""

    above: Money = Field(description="Threshold the metric must exceed.")
    amount: Money = Field(description="Amount in yuan.")


class Milestones(Frozen):
    """First-time milestones of a metric (002 Dongcheng (3)); a jump over several follows option milestone_jump."""

    form: Literal["milestones"] = "milestones"
    metric: Id = Field(description="Metric name, e.g. revenue.")
    steps: tuple[Milestone, ...] = Field(min_length=1, description="Milestones, ascending.")

    @model_validator(mode="after")
    def _ascending(self) -> Milestones:
        tops = [s.above for s in self.steps]
        if tops != sorted(set(tops)):
            raise ValueError("milestones must be strictly ascending")
        return self


class Schedule(Frozen):
    """A declining rate by support year (30%, 20%, 10% of rent in years 1-3), at most `cap` a year."""

    form: Literal["schedule"] = "schedule"
    percents: tuple[Percent, ...] = Field(min_length=1, description="Rate for support year 1, 2, ...")
    base: BaseRef = Field(description="The base, e.g. project cost rent.")
    cap: Money | None = Field(default=None, description="Ceiling per year in yuan.")
    from_date: Literal["established", "settled", "moved_in"] | None = Field(
        default=None,
        description=(
            "Support year 1 is the year of this firm date (option rent_years_from may move it to the first full "
            "fiscal year) for every subject of the firm; empty: support years count along each subject's run."
        ),
    )
    up_to: Flag = Field(default=False, description=UP_TO_DOC)


class PerUnit(Frozen):
    """A fixed amount per unit (per certification category, per product), times the event's count."""

    form: Literal["per_unit"] = "per_unit"
    unit_amount: Money = Field(description="Amount per unit in yuan.")
    cap: Money | None = Field(default=None, description="Ceiling per application in yuan.")
    up_to: Flag = Field(default=False, description=UP_TO_DOC)


class Matching(Frozen):
    """A share of another award: a catalogue measure on the same subject and year, or an external award."""

    form: Literal["matching"] = "matching"
    percent: Percent = Field(description="Share matched: 50 for 'up to 50%', 100 for 1:1.")
    target_measure: Id | None = Field(default=None, description="Catalogue measure matched.")
    target_value: BaseRef | None = Field(default=None, description="External award matched, as a base.")
    mode: Literal["up_to", "not_less_than"] = Field(
        default="up_to",
        description="'not_less_than': the law guarantees at least the share; only that floor is planned.",
    )
    cap: Money | None = Field(default=None, description="Ceiling per application in yuan.")

    @model_validator(mode="after")
    def _target(self) -> Matching:
        if (self.target_measure is None) == (self.target_value is None):
            raise ValueError("give exactly one of target_measure or target_value")
        return self


class Valued(Frozen):
    """A non-cash preference (a tax break) valued at the firm's own estimate; never a legal ceiling."""

    form: Literal["valued"] = "valued"
    default_value: Money = Field(default=0, description="Value used when the firm states none.")


AmountForm = Annotated[
    Fixed | UpTo | Rate | Interest | Tiers | Milestones | Schedule | PerUnit | Matching | Valued,
    Field(discriminator="form"),
]
