"""A support measure: who, how much, caps, when, and how it combines, with its legal source."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, model_validator

from grantstack.models.amounts import AmountForm, BaseRef, Matching, UpTo, Valued
from grantstack.models.base import Date, District, Flag, Frozen, Id, Probability, Year
from grantstack.models.options import OPTION_NAMES, Interpretation, option_values
from grantstack.models.predicates import Predicate
from grantstack.models.rules import Cap, Source, Timing

__all__ = ["Edition", "Measure", "Validity", "Variant"]


class Edition(Frozen):
    """Which edition of the policy text this entry follows."""

    year: Year = Field(description="Year of the edition.")
    reference_only: Flag = Field(
        default=False, description="True for 2022 notices 'for reference only, subject to the latest notice'."
    )
    annual: Flag = Field(
        default=False,
        description=(
            "True for an annual call or guide named for its year ('... in 2022') that the seed does not mark "
            "'for reference only': held to its edition too unless option reference_editions=renewed."
        ),
    )
    note: str = Field(default="", description="Anything known about renewal or repeal.")

    @property
    def renewable(self) -> bool:
        """True if option reference_editions governs it (a reference-only notice or an annual guide)."""
        return self.reference_only or self.annual


class Validity(Frozen):
    """Dates the measure is in force; an open end means no end date is known."""

    start: Date | None = Field(default=None, description="First day in force.")
    end: Date | None = Field(default=None, description="Last day in force.")

    @model_validator(mode="after")
    def _order(self) -> Validity:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self

    def covers(self, year: int, lapse_year_in: bool = False) -> bool:
        """True if the year is in force: its start year counts (an application can follow the start date); a
        year in which the text lapses counts only with lapse_year_in (option lapse_year=in)."""
        if self.start is not None and self.start.year > year:
            return False
        if self.end is None or self.end >= date(year, 12, 31):
            return True
        return lapse_year_in and self.end.year == year

    def covers_date(self, day: date) -> bool:
        """True if the day is in force."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def lapses_within(self, year: int) -> bool:
        """True if the text lapses during the year (not on its last day)."""
        return self.end is not None and self.end.year == year and self.end < date(year, 12, 31)


VARIANT_FIELDS = frozenset({"eligibility", "amount", "caps", "timing", "within", "validity"})


class Variant(Frozen):
    """Under one interpretation option value the measure reads differently: the fields in `set` are replaced."""

    option: str = Field(description="Interpretation option name (models/options.py).")
    value: str | bool = Field(description="The option value (not the default) under which this variant applies.")
    set: dict[str, Any] = Field(description=f"Fields replaced, any of: {', '.join(sorted(VARIANT_FIELDS))}.")

    @model_validator(mode="after")
    def _known(self) -> Variant:
        if self.option not in OPTION_NAMES:
            raise ValueError(f"unknown interpretation option '{self.option}' (known: {', '.join(OPTION_NAMES)})")
        values = option_values(self.option)
        if self.value not in values[1:]:
            raise ValueError(
                f"option {self.option}: value {self.value!r} must be a non-default value "
                f"({', '.join(str(v) for v in values[1:])})"
            )
        bad = sorted(set(self.set) - VARIANT_FIELDS)
        if bad:
            raise ValueError(f"a variant may replace only {', '.join(sorted(VARIANT_FIELDS))}, not {', '.join(bad)}")
        return self


class Measure(Frozen):
    """One support measure of one clause, as data."""

    id: Id = Field(description="Stable id, e.g. tongzhou.art4.pilot_testing.")
    title: str = Field(min_length=3, description="Short English title.")
    level: Literal["municipal", "district"] = Field(description="Issuing level.")
    issuer: str = Field(description="Issuing or contact agency.")
    district: District | None = Field(
        default=None, description="District of a district measure; empty: paid by the firm's own district."
    )
    source: Source = Field(description="Seed file, item and quoted clause.")
    edition: Edition = Field(description="Edition of the text.")
    validity: Validity = Field(default_factory=Validity, description="Dates in force.")
    informational: Flag = Field(
        default=False, description="A non-monetary clause: listed, never counted as money."
    )
    cash: Flag = Field(default=True, description="False for a valued non-cash preference (tax).")
    subject: Literal["firm", "project", "event"] = Field(
        default="firm", description="What one application is for: the firm's year, a project or an event."
    )
    project_kinds: tuple[Id, ...] = Field(default=(), description="Project kinds that qualify (any of).")
    event_kinds: tuple[Id, ...] = Field(default=(), description="Event kinds that qualify (any of).")
    event_first_time: Flag | None = Field(
        default=None, description="True: first-time events only; False: re-qualifications only."
    )
    eligibility: tuple[Predicate, ...] = Field(default=(), description="Conditions, all of which must hold.")
    amount: AmountForm | None = Field(default=None, description="How much one application pays.")
    caps: tuple[Cap, ...] = Field(default=(), description="Ceilings on this measure's payments.")
    timing: Timing = Field(default_factory=Timing, description="One-time, consecutive years, lag, window.")
    bonus_to: tuple[Id, ...] = Field(
        default=(), description="A bonus paid only with one of these measures, same subject and year."
    )
    matter: Id | None = Field(
        default=None, description="For firm-level measures: what the 'matter' is under most-favourable."
    )
    policy: Id | None = Field(
        default=None,
        description=(
            "The clause item this measure is part of, when the item is split into several measures (e.g. "
            "ai.changping.2: three kinds of standard): under 'most favourable applies' they are one policy. "
            "Empty: the measure's ladder, else the measure itself, is its policy."
        ),
    )
    within: tuple[BaseRef, ...] = Field(
        default=(),
        description="Figures the amount never exceeds (100%), e.g. the project's investment or the annuity paid.",
    )
    variants: tuple[Variant, ...] = Field(
        default=(), description="How the measure reads under non-default interpretation options."
    )
    approval_probability: Probability = Field(default=Decimal(1), description="Default chance of approval.")
    effort: int = Field(
        strict=True, default=1, ge=0, le=100,
        description="Effort of preparing one application, in points (1: a typical one).",
    )
    notes: str = Field(default="", description="Modelling choices and assumptions, in words.")

    @model_validator(mode="after")
    def _consistent(self) -> Measure:
        if self.level == "municipal" and self.district is not None:
            raise ValueError("a municipal measure has no 'district'")
        if self.informational:
            if self.amount is not None:
                raise ValueError("an informational entry has no 'amount'")
            return self
        if self.amount is None:
            raise ValueError("a monetary measure needs 'amount' (or set informational: true)")
        if self.subject == "event" and not self.event_kinds:
            raise ValueError("an event measure needs 'event_kinds'")
        if self.subject != "event" and (self.event_kinds or self.event_first_time is not None):
            raise ValueError("event_kinds and event_first_time apply to event measures only")
        if self.subject != "project" and self.project_kinds:
            raise ValueError("project_kinds applies to project measures only")
        if isinstance(self.amount, Valued) and self.cash:
            raise ValueError("a 'valued' amount is a non-cash preference: set cash: false")
        if self.timing.max_years is not None and self.timing.once != "none":
            raise ValueError("use either timing.once or timing.max_years, not both")
        if self.subject == "firm" and self.timing.once == "subject":
            raise ValueError("once: subject needs a project or event measure; use once: firm")
        if self.subject == "firm" and self.timing.max_count is not None:
            raise ValueError("timing.max_count counts per subject: a firm-level measure uses firm_max_years")
        for ref in self.within:
            if ref.of == "project" and self.subject != "project":
                raise ValueError("within: a project figure needs a project measure")
            if ref.of == "event" and self.subject != "event":
                raise ValueError("within: an event value needs an event measure")
        seen: set[str] = set()
        for v in self.variants:
            if v.option in seen:
                raise ValueError(f"variants: option {v.option} is given twice; merge its fields into one variant")
            seen.add(v.option)
            Measure.model_validate({**self.model_dump(exclude={"variants"}), **v.set})
        return self

    def read_as(self, interp: Interpretation) -> Measure:
        """The measure under an interpretation: each variant whose option value is chosen replaces its fields."""
        chosen = [v for v in self.variants if getattr(interp, v.option) == v.value]
        if not chosen:
            return self
        data = self.model_dump(exclude={"variants"})
        for v in chosen:
            data.update(v.set)
        # the measure as read is validated; its variants were, with this measure, at load (copied on unchanged)
        return Measure.model_validate(data).model_copy(update={"variants": self.variants})

    @property
    def discretionary(self) -> bool:
        """True if the clause says 'up to' (an amount, a rate, a share or a tier row) that the authority decides
        within."""
        a = self.amount
        fields = vars(a)  # the amount's fields (a missing attribute costs an exception in pydantic)
        if isinstance(a, UpTo) or fields.get("up_to", False):
            return True
        if isinstance(a, Matching):
            return a.mode == "up_to"
        tiers = fields.get("tiers")
        return tiers is not None and any(t.discretionary for t in tiers)

    @property
    def matches(self) -> str | None:
        """The catalogue measure this one matches, if any."""
        return self.amount.target_measure if isinstance(self.amount, Matching) else None

    def citation(self) -> str:
        """Short legal citation: seed, item and document."""
        doc = f" — {self.source.document}" if self.source.document else ""
        return f"{self.source.seed} {self.source.item}{doc}"
