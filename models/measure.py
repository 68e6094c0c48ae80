"""A support measure: who, how much, caps, when, and how it combines, with its legal source."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from grantstack.models.amounts import AmountForm, Matching, UpTo, Valued
from grantstack.models.base import Date, District, Flag, Frozen, Id, Probability, Year
from grantstack.models.predicates import Predicate
from grantstack.models.rules import Cap, Source, Timing

__all__ = ["Edition", "Measure", "Validity"]


class Edition(Frozen):
    """Which edition of the policy text this entry follows."""

    year: Year = Field(description="Year of the edition.")
    reference_only: Flag = Field(
        default=False, description="True for 2022 notices 'for reference only, subject to the latest notice'."
    )
    note: str = Field(default="", description="Anything known about renewal or repeal.")


class Validity(Frozen):
    """Dates the measure is in force; an open end means no end date is known."""

    start: Date | None = Field(default=None, description="First day in force.")
    end: Date | None = Field(default=None, description="Last day in force.")

    @model_validator(mode="after")
    def _order(self) -> Validity:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self

    def covers(self, year: int) -> bool:
        """True if any day of the year is in force."""
        return (self.start is None or self.start.year <= year) and (self.end is None or self.end.year >= year)


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
        return self

    @property
    def discretionary(self) -> bool:
        """True if the clause says 'up to' a ceiling the authority decides within."""
        return isinstance(self.amount, UpTo) or (
            self.amount is not None
            and getattr(self.amount, "tiers", None) is not None
            and any(t.discretionary for t in self.amount.tiers)  # type: ignore[union-attr]
        )

    @property
    def matches(self) -> str | None:
        """The catalogue measure this one matches, if any."""
        return self.amount.target_measure if isinstance(self.amount, Matching) else None

    def citation(self) -> str:
        """Short legal citation: seed, item and document."""
        doc = f" — {self.source.document}" if self.source.document else ""
        return f"{self.source.seed} {self.source.item}{doc}"
