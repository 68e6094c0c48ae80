"""Shared building blocks: the frozen strict base model and the legal value types."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool

from grantstack.models.limits import MAX_YUAN, PERCENT_PLACES, PROBABILITY_PLACES
from grantstack.models.plain_access import plain_attribute_reads

__all__ = [
    "DISTRICTS",
    "KEY_REGIONS",
    "Date",
    "District",
    "Flag",
    "Frozen",
    "Id",
    "KeyRegion",
    "Money",
    "Percent",
    "Probability",
    "Year",
    "components",
    "fraction_of",
]


class Frozen(BaseModel):
    """Immutable, strict model: unknown fields are refused, values never change after load."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """Each model class, once built, reads its fields by CPython's plain lookup (models/plain_access.py)."""
        super().__pydantic_init_subclass__(**kwargs)
        plain_attribute_reads(cls)


Money = Annotated[int, Field(ge=0, le=MAX_YUAN, strict=True, description="An exact amount in yuan (CNY).")]
Percent = Annotated[
    Decimal,
    Field(gt=0, le=100, decimal_places=PERCENT_PLACES, allow_inf_nan=False,
          description="A rate in percent, e.g. 30 for 30%; at most 100."),
]
Probability = Annotated[
    Decimal,
    Field(ge=0, le=1, decimal_places=PROBABILITY_PLACES, allow_inf_nan=False,
          description="A probability between 0 and 1."),
]
Flag = StrictBool
"""true or false, never 1, 0, 'yes' or a number."""


_YMD = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_not_number(value: Any) -> Any:
    """A date is written YYYY-MM-DD; a number (a Unix timestamp, 0) or a time stamp is refused."""
    if isinstance(value, datetime) or not isinstance(value, (date, str)):
        raise ValueError("must be a date written YYYY-MM-DD (a number or a time is not a date)")
    if isinstance(value, str) and not _YMD.fullmatch(value.strip()):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


Date = Annotated[date, BeforeValidator(_date_not_number)]
Year = Annotated[int, Field(ge=1990, le=2100, strict=True, description="A calendar year.")]
Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_.\-]*$",
        max_length=80,
        description="A stable identifier: lower-case letters, digits, '.', '_' and '-'.",
    ),
]

District = Literal[
    "dongcheng", "xicheng", "chaoyang", "fengtai", "shijingshan", "haidian", "mentougou",
    "fangshan", "tongzhou", "shunyi", "changping", "daxing", "huairou", "pinggu", "miyun",
    "yanqing", "eda",
]
DISTRICTS: tuple[str, ...] = District.__args__  # type: ignore[attr-defined]

KeyRegion = Literal["zhongguancun_science_city", "future_science_city", "huairou_science_city", "eda", "bmc"]
KEY_REGIONS: tuple[str, ...] = KeyRegion.__args__  # type: ignore[attr-defined]


@lru_cache(maxsize=4096)
def fraction_of(percent: Decimal) -> Fraction:
    """The exact fraction for a percent value (30 -> 3/10)."""
    return Fraction(str(percent)) / 100


def components(items: list[str], links: list[list[str]]) -> dict[str, str]:
    """Connected components: each item mapped to the smallest item it is linked to (transitively)."""
    parent = {x: x for x in items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for group in links:
        for other in group[1:]:
            a, z = find(group[0]), find(other)
            if a != z:
                parent[max(a, z)] = min(a, z)
    return {x: find(x) for x in items}
