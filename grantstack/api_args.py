"""What the public API accepts for each argument; a wrong type is a TypeError naming the parameter and the choices."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.input_errors import InputError, explain_names, explain_validation
from grantstack.models.loading import load_catalogue, load_firm
from grantstack.models.names import firm_name_problems
from grantstack.models.options import Interpretation, PlanOptions
from grantstack.models.vocabulary import vocabulary

__all__ = [
    "as_catalogue", "as_firm", "as_options", "as_years", "catalogue_from", "catalogue_files", "firm_from_mapping",
    "type_error",
]

PathLike = (str, Path)
"""What the API takes as a path."""


def type_error(function: str, parameter: str, accepts: str, value: Any) -> TypeError:
    """TypeError: 'grantstack.plan(): firm must be ..., not int (42)'."""
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return TypeError(f"grantstack.{function}(): {parameter} must be {accepts}, not {type(value).__name__} ({shown}).")


def firm_from_mapping(data: Mapping[str, Any], catalogue: Catalogue | None = None,
                      source: str = "firm (a dict)") -> Firm:
    """A Firm from a dict of firm-file fields, its names checked like a file's; a bad field is an InputError."""
    try:
        firm = Firm.model_validate(dict(data))
    except ValidationError as err:
        raise explain_validation(Path(source), dict(data), err, "firm", Firm) from None
    problems = firm_name_problems(firm, vocabulary(catalogue))
    if problems:
        raise explain_names(Path(source), dict(data), problems, "firm")
    return firm


def as_firm(value: Any, function: str = "plan", parameter: str = "firm", catalogue: Catalogue | None = None) -> Firm:
    """A Firm, a path to a firm file, or a dict of its fields -> Firm (names checked against the catalogue's)."""
    if isinstance(value, Firm):
        return value
    if isinstance(value, PathLike):
        return load_firm(value, catalogue)
    if isinstance(value, Mapping):
        return firm_from_mapping(value, catalogue)
    raise type_error(function, parameter, "a Firm, a path to a firm file (str or pathlib.Path) or a dict of firm "
                     "fields", value)


def catalogue_files(path: Path) -> list[Path]:
    """A catalogue file, or every *.yaml/*.yml/*.json file of a folder (the same rule as --catalog)."""
    from grantstack.cli_args import catalogue_files as files

    return files(path)


def catalogue_from(paths: list[str | Path], replace: bool = False) -> Catalogue:
    """The bundled catalogue with overlay files (changes) applied, or replaced by the given package files."""
    from grantstack.scenarios.overlay import load_catalogue as layered

    files: list[str | Path] = []
    for p in paths:
        files += catalogue_files(Path(p))
    return layered(overlay=files, replace=replace)


def as_catalogue(value: Any, function: str = "plan", parameter: str = "catalogue") -> Catalogue:
    """None (the bundled catalogue), a Catalogue, or a path (file or folder) of overlays laid over the bundled one."""
    if value is None:
        return load_catalogue()
    if isinstance(value, Catalogue):
        return value
    if isinstance(value, PathLike):
        return catalogue_from([value])
    raise type_error(function, parameter, "None (the bundled catalogue), a Catalogue from "
                     "grantstack.load_catalogue(), or a path to a catalogue overlay file or folder", value)


_YEARS = re.compile(r"\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*")


def as_years(value: Any, function: str = "plan", parameter: str = "years") -> tuple[int, int]:
    """(first, last), one year, or 'FIRST-LAST' -> (first, last); a horizon that ends before it starts is refused."""
    first: Any
    last: Any
    if isinstance(value, bool):
        raise type_error(function, parameter, "a (first, last) pair of years, one year, or 'FIRST-LAST'", value)
    if isinstance(value, int):
        first = last = value
    elif isinstance(value, str) and (m := _YEARS.fullmatch(value)):
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    elif isinstance(value, (tuple, list)) and len(value) == 2 and all(
            isinstance(y, int) and not isinstance(y, bool) for y in value):
        first, last = value
    elif isinstance(value, range) and len(value) > 0 and value.step == 1:
        first, last = value[0], value[-1]
    else:
        raise type_error(function, parameter, "a (first, last) pair of years, one year, or 'FIRST-LAST' such as "
                         "'2025-2029'", value)
    if not 1990 <= first <= last <= 2100:
        raise ValueError(f"grantstack.{function}(): {parameter} {first}-{last}: give years between 1990 and 2100, "
                         "the first not after the last.")
    return first, last


def _options_from_mapping(data: Mapping[str, Any], function: str, parameter: str) -> PlanOptions:
    planning = set(PlanOptions.model_fields) - {"interpretation"}
    legal = set(Interpretation.model_fields)
    top: dict[str, Any] = {}
    interpretation: dict[str, Any] = {}
    for key, value in data.items():
        if key == "interpretation" and isinstance(value, (Mapping, Interpretation)):
            nested = value.model_dump() if isinstance(value, Interpretation) else dict(value)
            interpretation.update(nested)
        elif key in legal:
            interpretation[key] = value
        elif key in planning:
            top[key] = value
        else:
            known = ", ".join(sorted(planning)) + "; interpretation: " + ", ".join(sorted(legal))
            raise InputError(f"grantstack.{function}(): {parameter}: unknown option '{key}'. Known options: {known} "
                             "(see 'grantstack options').")
    try:
        return PlanOptions.model_validate({**top, "interpretation": Interpretation.model_validate(interpretation)})
    except ValidationError as err:
        e = err.errors()[0]
        name = ".".join(str(x) for x in e["loc"]) or "?"
        raise InputError(f"grantstack.{function}(): {parameter}: bad value for '{name}': {e['msg']} "
                         f"(got {e.get('input')!r}).") from None


def as_options(value: Any, function: str = "plan", parameter: str = "options") -> PlanOptions:
    """None (defaults), PlanOptions, or a dict of option names (planning and interpretation, as in --option)."""
    if value is None:
        return PlanOptions()
    if isinstance(value, PlanOptions):
        return value
    if isinstance(value, Mapping):
        return _options_from_mapping(value, function, parameter)
    raise type_error(function, parameter, "None, a PlanOptions, or a dict of option names and values such as "
                     "{'most_favourable_scope': 'entity', 'time_limit': 30}", value)
