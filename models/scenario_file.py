"""What a scenario file holds: a base firm file, the horizon, options, and changes to the firm and the catalogue.

The types only (pure data, for the loader and the JSON Schema); applying changes is grantstack.scenarios.changes,
loading a scenario grantstack.scenarios.scenario. The change format is described in docs/changes.md.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, create_model, model_validator
from pydantic.fields import FieldInfo

from grantstack.models.base import Frozen, Id, Year
from grantstack.models.options import Interpretation, PlanOptions

__all__ = [
    "Change", "ChangeList", "OptionValues", "ScenarioFile", "SweepFile", "SweepParameter", "SweepRange",
    "option_fields",
]


def _short(value: Any, limit: int = 40) -> str:
    if isinstance(value, (dict, Frozen)):
        return "{...}"
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 3] + "..."


class Change(Frozen):
    """One change: an operation on the value at an id-based path (docs/changes.md)."""

    op: Literal["set", "add", "remove", "replace"] = Field(
        description="set: replace a value that exists; add: create an entry, key or item that does not exist; "
                    "remove: delete one that exists; replace: swap a whole entry that exists.")
    path: str = Field(min_length=1, max_length=500, description="Id-based path, e.g. "
                      "projects[pilot-line].costs.investment[1], events[expo].year, measures[tz.art4.pilot_testing].")
    value: Any = Field(default=None, description="The new value (set, add, replace); not given for remove.")

    @property
    def has_value(self) -> bool:
        """True if a value was given (null counts: `value: null` sets a field to empty)."""
        return "value" in self.model_fields_set

    def text(self) -> str:
        """The change in short, e.g. 'set events[expo].year = 2027'."""
        return f"{self.op} {self.path}" + (f" = {_short(self.value)}" if self.has_value else "")


class ChangeList(Frozen):
    """A file of changes: firm changes, catalogue changes, or both (e.g. a catalogue overlay)."""

    firm_changes: tuple[Change, ...] = Field(default=(), description="Changes to the firm, applied in order.")
    catalogue_changes: tuple[Change, ...] = Field(default=(), description="Changes to the catalogue, in order.")


def option_fields() -> dict[str, Any]:
    """Every option name (planning and interpretation, as `grantstack options` lists them) with its field."""
    planning = {n: f for n, f in PlanOptions.model_fields.items() if n != "interpretation"}
    return {**planning, **Interpretation.model_fields}


OptionValues = create_model(  # type: ignore[call-overload]
    "OptionValues",
    __base__=Frozen,
    __doc__="Options by name, as --option NAME=VALUE takes them; anything not given keeps its default.",
    **{name: (f.annotation | None, FieldInfo.merge_field_infos(f, default=None))  # strict and limits kept
       for name, f in option_fields().items()},
)


class ScenarioFile(Frozen):
    """A scenario: a base firm file, the horizon, options, and the changes that make the variant."""

    scenario: Id = Field(description="Name of the scenario, e.g. pilot-line-plus-1m.")
    title: str = Field(default="", description="What the scenario asks, in a line.")
    description: str = Field(default="", description="Why, and what the changes mean.")
    firm: str = Field(min_length=1, description="The base firm file, relative to this file (or absolute).")
    years: tuple[Year, Year] | None = Field(
        default=None, description="Planning horizon [first, last]; empty: the command's --years (default 2025-2029)."
    )
    options: OptionValues = Field(  # type: ignore[valid-type]
        default_factory=OptionValues, description="Options by name (see `grantstack options`).")
    firm_changes: tuple[Change, ...] = Field(default=(), description="Changes to the base firm, applied in order.")
    catalogue_changes: tuple[Change, ...] = Field(
        default=(), description="Changes to the catalogue (replace, add, remove a measure or rule; set a field of one)."
    )

    @model_validator(mode="after")
    def _horizon(self) -> ScenarioFile:
        if self.years is not None and self.years[1] < self.years[0]:
            raise ValueError(f"the horizon ends ({self.years[1]}) before it starts ({self.years[0]})")
        return self

    def given_options(self) -> dict[str, Any]:
        """The options the file sets (by name), nothing else."""
        return {k: getattr(self.options, k) for k in self.options.model_fields_set}


class SweepRange(Frozen):
    """Whole numbers from start to stop (both included) in steps of step."""

    start: int = Field(description="First value.")
    stop: int = Field(description="Last value (included when the steps reach it).")
    step: int = Field(description="Step (negative to count down); never 0.")

    @model_validator(mode="after")
    def _steps(self) -> SweepRange:
        if self.step == 0 or (self.stop - self.start) * self.step < 0:
            raise ValueError("step must be non-zero and lead from start to stop")
        if abs((self.stop - self.start) // self.step) >= 100_000:
            raise ValueError("a range of more than 100,000 values")
        return self

    def values(self) -> list[int]:
        """The values of the range."""
        return list(range(self.start, self.stop + (1 if self.step > 0 else -1), self.step))


class SweepParameter(Frozen):
    """One swept parameter: a firm path, a catalogue path or an option, and the values it takes."""

    name: Id = Field(description="Column name of the parameter in the results.")
    path: str | None = Field(default=None, description="Firm path set at each point (docs/changes.md).")
    catalogue_path: str | None = Field(default=None, description="Catalogue path set at each point.")
    option: str | None = Field(default=None, description="Option set at each point (see `grantstack options`).")
    values: tuple[Any, ...] | None = Field(default=None, description="The values, listed.")
    range: SweepRange | None = Field(default=None, description="Whole numbers from start to stop.")
    scale: tuple[float, ...] | None = Field(
        default=None, description="Factors applied to every number at the path in the base (rounded down).")

    @model_validator(mode="after")
    def _one_each(self) -> SweepParameter:
        if sum(x is not None for x in (self.path, self.catalogue_path, self.option)) != 1:
            raise ValueError("give exactly one of 'path', 'catalogue_path' or 'option'")
        if sum(x is not None for x in (self.values, self.range, self.scale)) != 1:
            raise ValueError("give exactly one of 'values', 'range' or 'scale'")
        if self.scale is not None and self.option is not None:
            raise ValueError("'scale' multiplies numbers at a path; give an option its 'values'")
        if self.values is not None and not self.values:
            raise ValueError("'values' is empty")
        return self


class SweepFile(Frozen):
    """A sweep: a base (firm or scenario file) and a grid of parameters; every combination is planned."""

    sweep: Id = Field(description="Name of the sweep.")
    title: str = Field(default="", description="What the sweep asks, in a line.")
    base: str = Field(min_length=1, description="A firm file or a scenario file, relative to this file.")
    years: tuple[Year, Year] | None = Field(default=None, description="Planning horizon [first, last].")
    options: OptionValues = Field(  # type: ignore[valid-type]
        default_factory=OptionValues, description="Options for every point (see `grantstack options`).")
    parameters: tuple[SweepParameter, ...] = Field(min_length=1, description="The grid's axes.")
    max_points: int = Field(default=100_000, ge=1, le=1_000_000, description="Refuse a grid larger than this.")

    @model_validator(mode="after")
    def _names(self) -> SweepFile:
        names = [p.name for p in self.parameters]
        if len(set(names)) != len(names):
            raise ValueError("every parameter needs its own name")
        return self

    def given_options(self) -> dict[str, Any]:
        """The options the file sets (by name), nothing else."""
        return {k: getattr(self.options, k) for k in self.options.model_fields_set}
