"""Scenarios: a firm, a catalogue, a horizon and options, reached from a base by changes; loaded from scenario files.

A scenario file (schemas/scenario.schema.json) names a base firm file, the horizon, options, and changes to
the firm and to the catalogue (docs/changes.md). `load_scenario` reads one; `Scenario.from_firm` builds one in
code; `scenario.variant(...)` derives another by further changes. Every scenario records the files it rests
on with their SHA-256 (`inputs`), so a result can be reproduced.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.input_errors import InputError, explain_validation, one_paragraph
from grantstack.models.loading import load_catalogue, load_firm
from grantstack.models.options import Interpretation, PlanOptions
from grantstack.models.plan import Plan
from grantstack.models.provenance import InputFile, inputs_of, record_inputs
from grantstack.models.scenario_file import Change, ScenarioFile, option_fields
from grantstack.models.yaml_reader import read_mapping
from grantstack.scenarios.changes import apply_catalogue_changes, apply_firm_changes, as_changes
from grantstack.scenarios.paths import did_you_mean
from grantstack.scenarios.scenario_kind import is_scenario_file

if TYPE_CHECKING:
    from grantstack.optimizer.result import PlanResult

__all__ = ["DEFAULT_YEARS", "Scenario", "file_record", "is_scenario_file", "load_scenario", "options_from",
           "read_spec"]

DEFAULT_YEARS = (2025, 2029)
T = TypeVar("T", bound=BaseModel)


def file_record(role: str, path: str | Path) -> InputFile:
    """A file's record for a report's inputs: its role, path and the SHA-256 of its bytes."""
    p = Path(path)
    return InputFile(role=role, path=str(p), sha256=hashlib.sha256(p.read_bytes()).hexdigest())


def options_from(values: Mapping[str, Any], base: PlanOptions | None = None, source: str = "options") -> PlanOptions:
    """Options by name (planning or interpretation, as `grantstack options` lists them) laid over `base`."""
    known = option_fields()
    start = base or PlanOptions()
    top: dict[str, Any] = {}
    legal: dict[str, Any] = {}
    for name, value in values.items():
        if name not in known:
            raise InputError(one_paragraph(
                f"{source}: unknown option '{name}'{did_you_mean(str(name), list(known))}. Known options: "
                f"{', '.join(known)} (see 'grantstack options')."))
        (legal if name in Interpretation.model_fields else top)[name] = value
    try:
        interpretation = Interpretation.model_validate({**start.interpretation.model_dump(), **legal})
        return PlanOptions.model_validate({**start.model_dump(), **top, "interpretation": interpretation})
    except ValidationError as err:
        e = err.errors()[0]
        name = next((str(k) for k in e["loc"] if str(k) in values), str(e["loc"][-1]) if e["loc"] else "?")
        raise InputError(one_paragraph(f"{source}: option '{name}': bad value {values.get(name)!r}: {e['msg']}. "
                                       "See 'grantstack options' for the values each option takes.")) from None


def _changed_options(options: PlanOptions) -> dict[str, Any]:
    """The options that differ from the defaults, by name."""
    default, out = PlanOptions(), {}
    for name in option_fields():
        here = getattr(options.interpretation if name in Interpretation.model_fields else options, name)
        there = getattr(default.interpretation if name in Interpretation.model_fields else default, name)
        if here != there:
            out[name] = here
    return out


@dataclass(frozen=True)
class Scenario:
    """A firm and a catalogue (each after its changes), a horizon and options: everything one plan needs."""

    name: str
    firm: Firm
    catalogue: Catalogue
    years: tuple[int, int] = DEFAULT_YEARS
    options: PlanOptions = field(default_factory=PlanOptions)
    firm_changes: tuple[Change, ...] = ()
    catalogue_changes: tuple[Change, ...] = ()
    title: str = ""
    inputs: tuple[InputFile, ...] = ()

    @classmethod
    def from_firm(cls, firm: Firm | str | Path, *, catalogue: Catalogue | None = None,
                  years: tuple[int, int] = DEFAULT_YEARS, options: PlanOptions | Mapping[str, Any] | None = None,
                  firm_changes: Iterable[Change | Mapping[str, Any]] = (),
                  catalogue_changes: Iterable[Change | Mapping[str, Any]] = (), name: str | None = None,
                  title: str = "") -> Scenario:
        """A scenario of a firm (a Firm or a firm file), the bundled catalogue unless given, with changes."""
        if catalogue is None:
            catalogue = load_catalogue()
        if not isinstance(firm, Firm):
            firm = load_firm(firm, catalogue)
        inputs = inputs_of(firm, catalogue)
        opts = options if isinstance(options, PlanOptions) else options_from(options or {})
        base = cls(name or firm.id, firm, catalogue, tuple(years), opts, inputs=inputs)  # type: ignore[arg-type]
        return base.variant(firm_changes=firm_changes, catalogue_changes=catalogue_changes, name=base.name,
                            title=title)

    def variant(self, *, firm_changes: Iterable[Change | Mapping[str, Any]] = (),
                catalogue_changes: Iterable[Change | Mapping[str, Any]] = (),
                options: PlanOptions | Mapping[str, Any] | None = None, years: tuple[int, int] | None = None,
                name: str | None = None, title: str = "", source: str | Path | None = None) -> Scenario:
        """This scenario with further changes (firm, catalogue, options by name, horizon); InputError if any is bad."""
        fc, cc = list(firm_changes), list(catalogue_changes)
        catalogue = apply_catalogue_changes(self.catalogue, cc, source=source)
        firm = apply_firm_changes(self.firm, fc, source=source, catalogue=catalogue)
        if isinstance(options, PlanOptions):
            opts = options
        else:
            where = f"{source}: options" if source else "options"
            opts = options_from(options, self.options, where) if options else self.options
        if firm is not self.firm:
            record_inputs(firm, self.inputs)  # a report of this firm's plan names the scenario and its files
        if catalogue is not self.catalogue:
            record_inputs(catalogue, inputs_of(self.catalogue))
        return replace(
            self, name=name or f"{self.name}*", title=title or self.title, firm=firm, catalogue=catalogue,
            years=tuple(years or self.years), options=opts,  # type: ignore[arg-type]
            firm_changes=self.firm_changes + tuple(as_changes(fc)),
            catalogue_changes=self.catalogue_changes + tuple(as_changes(cc)),
        )

    @property
    def option_changes(self) -> dict[str, Any]:
        """Options that differ from the defaults, by name."""
        return _changed_options(self.options)

    def plan(self, base: Plan | None = None) -> PlanResult:
        """The canonical plan of this scenario (closest to `base` among the optimal plans, where the planner
        supports it)."""
        from grantstack.optimizer.solve import plan

        if base is not None and _plan_takes_base():
            return plan(self.catalogue, self.firm, self.years, self.options, base=base)  # type: ignore[call-arg]
        return plan(self.catalogue, self.firm, self.years, self.options)

    def describe(self) -> dict[str, Any]:
        """Name, changes and options, as reports record them."""
        return {
            "name": self.name, "title": self.title, "firm": self.firm.id, "years": list(self.years),
            "options": {k: (str(v) if not isinstance(v, (bool, int, float, str, type(None))) else v)
                        for k, v in self.option_changes.items()},
            "firm_changes": [c.model_dump(mode="json") for c in self.firm_changes],
            "catalogue_changes": [c.model_dump(mode="json") for c in self.catalogue_changes],
            "inputs": [i.model_dump() for i in self.inputs],
        }


def _plan_takes_base() -> bool:
    from grantstack.optimizer.solve import plan

    return "base" in inspect.signature(plan).parameters


def read_spec(path: str | Path, model: type[T], what: str, field: str) -> tuple[Path, T, Path]:
    """A scenario or sweep file: its path, its content as `model`, and the file its `field` names (relative to it),
    which must exist. InputError naming the file and field otherwise."""
    p, data = read_mapping(path)
    try:
        spec = model.model_validate(data)
    except ValidationError as err:
        raise explain_validation(p, data, err, what, model) from None
    named = Path(getattr(spec, field))
    target = named if named.is_absolute() else p.parent / named
    if not target.is_file():
        raise InputError(one_paragraph(f"{p}: field '{field}': the file {target} does not exist (a path relative to "
                                       f"the {what}, or absolute). Check the path."))
    return p, spec, target


def load_scenario(path: str | Path, *, catalogue: Catalogue | None = None, years: tuple[int, int] | None = None,
                  options: PlanOptions | None = None) -> Scenario:
    """A scenario file: its base firm file loaded, its changes applied to the firm and to `catalogue` (the bundled
    one unless given), its options laid over `options`. The file's horizon wins over `years`. The scenario, firm
    and catalogue files are recorded with their SHA-256 (`inputs`). InputError (one paragraph, naming the file,
    the change and the path) on anything wrong."""
    p, spec, firm_path = read_spec(path, ScenarioFile, "scenario file", "firm")
    catalogue = catalogue if catalogue is not None else load_catalogue()
    firm = load_firm(firm_path, catalogue)
    inputs = (file_record("scenario", p), *inputs_of(firm, catalogue))
    record_inputs(firm, inputs)
    base = Scenario(spec.scenario, firm, catalogue, years or DEFAULT_YEARS, options or PlanOptions(), inputs=inputs)
    return base.variant(firm_changes=spec.firm_changes, catalogue_changes=spec.catalogue_changes,
                        options=spec.given_options(), years=spec.years, name=spec.scenario, title=spec.title,
                        source=p)
