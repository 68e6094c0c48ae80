"""Eligibility predicates: who may apply in a given year (RULES.md section 1)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from grantstack.models.base import Date, District, Flag, Frozen, Id, KeyRegion, Money, Percent, Year
from grantstack.models.limits import PERCENT_PLACES

__all__ = [
    "DateOnOrAfter",
    "DistrictIn",
    "FirstReach",
    "Growth",
    "HasTags",
    "Increase",
    "KeyRegionIn",
    "MetricRange",
    "MovedFromOutsideBeijing",
    "Predicate",
    "RatioAtLeast",
    "StatusHeld",
    "SubjectTotal",
    "YearsSince",
]

YEAR_DOC = "A fixed calendar year of the figure (e.g. 2022 for a 2022 incentive); overrides year_offset."


class DistrictIn(Frozen):
    """The firm is registered in one of these districts."""

    kind: Literal["district"] = "district"
    districts: tuple[District, ...] = Field(min_length=1, description="Allowed districts.")


class KeyRegionIn(Frozen):
    """The firm sits in one of these key regions (000 item 6)."""

    kind: Literal["key_region"] = "key_region"
    regions: tuple[KeyRegion, ...] = Field(min_length=1, description="Allowed key regions.")


class HasTags(Frozen):
    """Industry and type tags: all of, any of, none of."""

    kind: Literal["tags"] = "tags"
    all_of: tuple[Id, ...] = Field(default=(), description="Tags the firm must all have.")
    any_of: tuple[Id, ...] = Field(default=(), description="Tags of which the firm needs one.")
    none_of: tuple[Id, ...] = Field(default=(), description="Tags the firm must not have.")

    @model_validator(mode="after")
    def _some(self) -> HasTags:
        if not (self.all_of or self.any_of or self.none_of):
            raise ValueError("a tags rule needs all_of, any_of or none_of")
        return self


class StatusHeld(Frozen):
    """A status is held (or not) in the year, or was obtained exactly in year + obtained_offset."""

    kind: Literal["status"] = "status"
    status: Id = Field(description="Status name, e.g. high_tech.")
    held: Flag = Field(default=True, description="False: the firm must NOT hold the status.")
    obtained_offset: int | None = Field(
        strict=True, default=None, ge=-5, le=0,
        description="If set, the status must have been obtained exactly in year + offset (-1: previous year).",
    )


class MetricRange(Frozen):
    """A figure of year + year_offset lies in [at_least, below)."""

    kind: Literal["metric"] = "metric"
    metric: Id = Field(description="Metric name, e.g. revenue.")
    year_offset: int = Field(strict=True, default=0, ge=-5, le=0, description="0: the year itself; -1: previous year.")
    year: Year | None = Field(default=None, description=YEAR_DOC)
    at_least: Money | None = Field(default=None, description="Inclusive lower bound.")
    below: Money | None = Field(default=None, description="Exclusive upper bound.")

    @model_validator(mode="after")
    def _bounds(self) -> MetricRange:
        if self.at_least is None and self.below is None:
            raise ValueError("a metric rule needs at_least or below")
        if self.at_least is not None and self.below is not None and self.below <= self.at_least:
            raise ValueError(f"below ({self.below}) must exceed at_least ({self.at_least})")
        return self


class FirstReach(Frozen):
    """A figure reaches at_least for the first time in year + year_offset (every earlier year was lower)."""

    kind: Literal["first_reach"] = "first_reach"
    metric: Id = Field(description="Metric name, e.g. output_value.")
    at_least: Money = Field(description="Threshold reached for the first time.")
    year_offset: int = Field(strict=True, default=0, ge=-5, le=0, description="-1: first reached in the previous year.")


class Growth(Frozen):
    """A figure grew by at least min_percent in each of `years` consecutive years ending at year + offset."""

    kind: Literal["growth"] = "growth"
    metric: Id = Field(description="Metric name.")
    min_percent: Decimal = Field(
        ge=0, le=1000, decimal_places=PERCENT_PLACES, allow_inf_nan=False,
        description="Minimum growth in percent (0: not lower).",
    )
    years: int = Field(strict=True, default=1, ge=1, le=5, description="Number of consecutive years of growth.")
    year_offset: int = Field(strict=True, default=0, ge=-5, le=0, description="Last year of the growth run, relative.")
    year: Year | None = Field(default=None, description=YEAR_DOC)


class Increase(Frozen):
    """A figure rose by at least `at_least` yuan over the previous year (net increase)."""

    kind: Literal["increase"] = "increase"
    metric: Id = Field(description="Metric name.")
    at_least: Money = Field(description="Minimum net increase.")
    year_offset: int = Field(strict=True, default=0, ge=-5, le=0, description="Year of the increase, relative.")
    year: Year | None = Field(default=None, description=YEAR_DOC)


class RatioAtLeast(Frozen):
    """numerator / denominator of the same year is at least min_percent (e.g. R&D intensity)."""

    kind: Literal["ratio"] = "ratio"
    numerator: Id = Field(description="Metric on top, e.g. rd_spend.")
    denominator: Id = Field(description="Metric below, e.g. revenue.")
    min_percent: Percent = Field(description="Minimum ratio in percent.")
    year_offset: int = Field(strict=True, default=0, ge=-5, le=0, description="Year of the figures, relative.")


class DateOnOrAfter(Frozen):
    """A firm date is on or after a given date (e.g. moved in on or after 2022-01-01)."""

    kind: Literal["date_on_or_after"] = "date_on_or_after"
    field: Literal["established", "settled", "moved_in"] = Field(description="Which firm date.")
    on_or_after: Date = Field(description="Earliest allowed date.")


class YearsSince(Frozen):
    """Whole years from a firm date's year to the application year lie in [at_least, at_most]."""

    kind: Literal["years_since"] = "years_since"
    field: Literal["established", "settled", "moved_in"] = Field(description="Which firm date.")
    at_least: int | None = Field(strict=True, default=None, ge=0, le=100, description="Minimum years.")
    at_most: int | None = Field(strict=True, default=None, ge=0, le=100, description="Maximum years.")

    @model_validator(mode="after")
    def _bounds(self) -> YearsSince:
        if self.at_least is None and self.at_most is None:
            raise ValueError("a years_since rule needs at_least or at_most")
        if self.at_least is not None and self.at_most is not None and self.at_most < self.at_least:
            raise ValueError("at_most is below at_least")
        return self


class SubjectTotal(Frozen):
    """The application's project cost summed over all project years (or its event's value) lies in [at_least, below)."""

    kind: Literal["subject_total"] = "subject_total"
    field: Id = Field(description="Project cost or event value, e.g. investment.")
    at_least: Money | None = Field(default=None, description="Inclusive lower bound.")
    below: Money | None = Field(default=None, description="Exclusive upper bound.")

    @model_validator(mode="after")
    def _bounds(self) -> SubjectTotal:
        if self.at_least is None and self.below is None:
            raise ValueError("a subject_total rule needs at_least or below")
        return self


class MovedFromOutsideBeijing(Frozen):
    """The firm moved into its district from outside Beijing (001 Mentougou)."""

    kind: Literal["moved_from_outside_beijing"] = "moved_from_outside_beijing"


Predicate = Annotated[
    DistrictIn | KeyRegionIn | HasTags | StatusHeld | MetricRange | FirstReach | Growth | Increase
    | RatioAtLeast | DateOnOrAfter | YearsSince | MovedFromOutsideBeijing | SubjectTotal,
    Field(discriminator="kind"),
]
