"""Read catalogue, firm and plan files safely; every problem becomes one clear InputError."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from models.catalogue import Catalogue, CataloguePackage
from models.firm import Firm
from models.plan import Plan

__all__ = [
    "InputError",
    "bundled_catalogue_paths",
    "load_catalogue",
    "load_firm",
    "load_plan",
    "read_document",
]

T = TypeVar("T", bound=BaseModel)


class InputError(Exception):
    """Bad input: the message names the file, the entry and the field, and says how to fix it."""


def read_document(path: str | Path) -> Any:
    """Parse a YAML or JSON file with a safe loader (no tags that construct objects)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{p}: file not found. Check the path.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: cannot read the file ({exc}). It must be UTF-8 text.") from None
    if not text.strip():
        raise InputError(f"{p}: the file is empty. It must hold a YAML mapping.")
    try:
        data = json.loads(text) if p.suffix == ".json" else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
        msg = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{p}: not valid YAML/JSON{line}: {msg}. Fix the syntax and try again.") from None
    if not isinstance(data, dict):
        raise InputError(f"{p}: the top level must be a mapping (key: value), not {type(data).__name__}.")
    return data


def _entry_name(data: Any, loc: tuple[Any, ...]) -> str:
    """The id of the entry an error location points into (e.g. measures[3] -> 'shunyi.tase')."""
    node, named = data, ""
    for i, key in enumerate(loc):
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str) and i < len(loc) - 1:
            named = f"{'.'.join(str(k) for k in loc[: i + 1])} (id '{node['id']}')"
    return named


def _explain(path: Path, data: Any, err: ValidationError, what: str) -> InputError:
    lines = []
    for e in err.errors()[:8]:
        loc = tuple(x for x in e["loc"] if not (isinstance(x, str) and x[:1].isupper() or x in {"function-after"}))
        entry = _entry_name(data, loc) or what
        field = ".".join(str(x) for x in loc) or "(top level)"
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            msg = "unknown field (check the spelling against the JSON schema: grantstack catalog schema)"
        elif e["type"] == "missing":
            msg = "required field is missing"
        lines.append(f"{entry}: field '{field}': {msg} (got {e.get('input')!r:.60})" if e["type"] != "missing" else f"{entry}: field '{field}': {msg}")
    more = f" (and {len(err.errors()) - 8} more)" if len(err.errors()) > 8 else ""
    return InputError(f"{path}: invalid {what}: " + "; ".join(lines) + more + ".")


def _parse(path: str | Path, model: type[T], what: str) -> T:
    p = Path(path)
    data = read_document(p)
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise _explain(p, data, err, what) from None


def bundled_catalogue_paths() -> list[Path]:
    """The Beijing catalogue files shipped with the package, in seed order."""
    folder = resources.files("scenarios") / "catalogue"
    return sorted(Path(str(folder)).glob("*.yaml"))


def load_catalogue(
    paths: list[str | Path] | None = None, overlay: str | Path | None = None, replace: bool = False
) -> Catalogue:
    """Load the bundled catalogue (or the given files), then lay a user's file over it or replace it."""
    files = [Path(p) for p in (paths if paths is not None else bundled_catalogue_paths())]
    packages = [_parse(f, CataloguePackage, "catalogue file") for f in files]
    try:
        catalogue = Catalogue.from_packages(packages)
    except ValidationError as err:
        names = ", ".join(str(f) for f in files)
        raise InputError(f"{names}: inconsistent catalogue: {_plain(err)}.") from None
    if overlay is None:
        return catalogue
    extra = _parse(overlay, CataloguePackage, "catalogue file")
    try:
        return catalogue.layered(Catalogue.from_packages([extra]), replace=replace)
    except ValidationError as err:
        raise InputError(f"{overlay}: inconsistent with the catalogue it is laid over: {_plain(err)}.") from None


def _plain(err: ValidationError) -> str:
    return "; ".join(e["msg"].removeprefix("Value error, ") for e in err.errors())


def load_firm(path: str | Path) -> Firm:
    """Load and validate a firm file."""
    return _parse(path, Firm, "firm file")


def load_plan(path: str | Path) -> Plan:
    """Load and validate a plan file (JSON or YAML), e.g. one drafted by hand."""
    data = read_document(path)
    if "plan" in data and isinstance(data["plan"], dict):
        data = data["plan"]
    try:
        return Plan.model_validate(data)
    except ValidationError as err:
        raise _explain(Path(path), data, err, "plan file") from None
