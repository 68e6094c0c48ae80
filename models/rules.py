"""Caps, timing and cumulation rules (RULES.md sections 3-5)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from grantstack.models.base import Frozen, Id, Money

__all__ = ["Cap", "ExclusiveGroup", "Ladder", "NoRepeat", "SharedCap", "Source", "Timing", "Window"]

SupportYear = Annotated[int, Field(strict=True, ge=1, le=50)]
CapScope = Literal["application", "year", "subject", "subject_year", "firm"]


class Source(Frozen):
    """Where a rule comes from: seed file, item or article, and the clause quoted word for word."""

    seed: str = Field(description="Seed file name, e.g. 003_817f70ee6d023492.txt.")
    item: str = Field(description="Item or article, e.g. 'Art. 4' or 'II (III) 3 (2)'.")
    clause: str = Field(min_length=10, description="The clause, quoted from the seed text.")
    document: str = Field(default="", description="The underlying policy document named by the seed.")


class Cap(Frozen):
    """A ceiling on one measure's payments: per application, per firm-year, per subject, per firm."""

    per: CapScope = Field(description="What the cap counts over.")
    amount: Money = Field(description="The cap in yuan.")
    support_years: tuple[SupportYear, SupportYear] | None = Field(
        default=None,
        description="Only support years a..b of a subject's run count (001 item 1: years 2-3).",
    )

    @model_validator(mode="after")
    def _slice(self) -> Cap:
        if self.support_years is not None:
            a, b = self.support_years
            if not 1 <= a <= b:
                raise ValueError("support_years must be 1 <= a <= b")
            if self.per != "subject":
                raise ValueError("support_years slices apply to per: subject caps")
        return self


class SharedCap(Frozen):
    """One ceiling shared by several measures (003 Art. 12: certifications and CNAS products, 1M a year)."""

    id: Id = Field(description="Cap identifier.")
    measures: tuple[Id, ...] = Field(min_length=1, description="Measures whose payments add up.")
    per: Literal["year", "subject", "subject_year", "firm"] = Field(description="What it counts over.")
    amount: Money = Field(description="The cap in yuan.")
    source: Source = Field(description="Clause of the cap.")


class Window(Frozen):
    """Application (or first support) year must lie in [anchor year + from, anchor year + to]."""

    anchor: Literal["established", "settled", "moved_in"] = Field(description="Firm date anchoring it.")
    from_offset: int = Field(strict=True, default=0, ge=-10, le=10, description="First allowed year, relative.")
    to_offset: int = Field(strict=True, default=0, ge=-10, le=10, description="Last allowed year, relative.")

    @model_validator(mode="after")
    def _order(self) -> Window:
        if self.to_offset < self.from_offset:
            raise ValueError("to_offset is before from_offset")
        return self


class Timing(Frozen):
    """When and how often: one-time, at most N consecutive years, lag after an event, a window."""

    once: Literal["none", "subject", "firm"] = Field(
        default="none", description="One payment per subject, per firm, or no such limit."
    )
    max_years: int | None = Field(
        strict=True, default=None, ge=1, le=20,
        description="At most N consecutive years of support per subject (one run).",
    )
    lag_years: int = Field(strict=True, default=0, ge=0, le=5, description="Paid N years after the event.")
    window: Window | None = Field(default=None, description="Allowed years relative to a firm date.")
    max_count: int | None = Field(
        strict=True, default=None, ge=1, le=20,
        description="At most N years of support per subject, not necessarily consecutive (003 Art. 11).",
    )
    firm_max_years: int | None = Field(
        strict=True, default=None, ge=1, le=20,
        description="At most N distinct support years for the firm, all subjects together (000 item 4).",
    )
    min_gap_years: int | None = Field(
        strict=True, default=None, ge=2, le=10,
        description="Two payments to one subject (or the firm) at least N years apart (002 Dongcheng (4): 2).",
    )

    @model_validator(mode="after")
    def _counts(self) -> Timing:
        if self.max_count is not None and (self.max_years is not None or self.once != "none"):
            raise ValueError("use one of timing.once, timing.max_years and timing.max_count")
        return self


class ExclusiveGroup(Frozen):
    """'Most favourable applies': at most one member policy per matter or per entity."""

    id: Id = Field(description="Group identifier.")
    kind: Literal["most_favourable", "routes"] = Field(
        description="most_favourable: a note's rule; routes: alternative routes of one article.",
    )
    members: tuple[Id, ...] = Field(
        min_length=2,
        description=(
            "Measure, ladder or policy ids. In a most_favourable group the unit is the policy (a clause item: "
            "a measure's `policy`, else its ladder, else the measure); in a routes group each listed member."
        ),
    )
    scope: Literal["option", "matter", "entity_year", "entity"] = Field(
        default="option",
        description="'option' follows most_favourable_scope; otherwise fixed by the clause.",
    )
    source: Source = Field(description="Clause of the rule.")


class Ladder(Frozen):
    """Tiers of one recognition: a firm that received a lower tier gets only the difference."""

    id: Id = Field(description="Ladder identifier.")
    tiers: tuple[Id, ...] = Field(min_length=2, description="Measure ids from the lowest tier to the highest.")
    source: Source = Field(description="Clause of the rule.")


class NoRepeat(Frozen):
    """Linked events (the same work) are paid once across these measures (002 Changping (2))."""

    id: Id = Field(description="Rule identifier.")
    measures: tuple[Id, ...] = Field(min_length=1, description="Measures that may not pay a work twice.")
    source: Source = Field(description="Clause of the rule.")
