"""Read catalogue, firm and plan files safely; every problem becomes one clear InputError.

An InputError message is one paragraph: it names the file, the entry (by id where it has one)
and the field, says what is wrong with the value found, and how to fix it. Reading and syntax errors
are in models.yaml_reader, the explanation of validation and cross-reference errors in models.input_errors.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from grantstack.models.catalogue import Catalogue, CataloguePackage
from grantstack.models.firm import Firm
from grantstack.models.input_errors import InputError, explain_catalogue, explain_validation
from grantstack.models.json_adapt import adapt
from grantstack.models.plan import Plan
from grantstack.models.yaml_reader import read_mapping

__all__ = [
    "InputError",
    "bundled_catalogue_paths",
    "load_catalogue",
    "load_firm",
    "load_plan",
    "read_document",
]

T = TypeVar("T", bound=BaseModel)


def read_document(path: str | Path) -> Any:
    """Parse a YAML or JSON file with a safe loader (no tags that construct objects, no repeated keys)."""
    return read_mapping(path)[1]


def _validate(p: Path, data: dict[Any, Any], model: type[T], what: str) -> T:
    """The file's data as a `model`; a validation error becomes an InputError naming entry and field."""
    try:
        # JSON keys are always text: adapt() turns year keys into numbers (numbers stay exact Decimals).
        return model.model_validate(adapt(data, model) if p.suffix == ".json" else data)
    except ValidationError as err:
        raise explain_validation(p, data, err, what, model) from None


def _parse(path: str | Path, model: type[T], what: str) -> T:
    """Read and validate one file as a `model`."""
    p, data = read_mapping(path)
    return _validate(p, data, model, what)


def bundled_catalogue_paths() -> list[Path]:
    """The Beijing catalogue files shipped with the package, in seed order."""
    folder = resources.files("grantstack.scenarios") / "catalogue"
    return sorted(Path(str(folder)).glob("*.yaml"))


def load_catalogue(
    paths: list[str | Path] | None = None,
    overlay: str | Path | list[str | Path] | None = None,
    replace: bool = False,
) -> Catalogue:
    """Load the bundled catalogue (or the given files), then lay a user's file(s) over it or replace it.

    Overlay files may refer to measures of the catalogue below them; only the layered result is checked.
    """
    files = [Path(p) for p in (paths if paths is not None else bundled_catalogue_paths())]
    overlays = [] if overlay is None else [Path(p) for p in (overlay if isinstance(overlay, list) else [overlay])]
    if replace and overlays:
        files, overlays = overlays, []
    packages = [_parse(f, CataloguePackage, "catalogue file") for f in files]
    try:
        catalogue = Catalogue.from_packages(packages)
    except ValidationError as err:
        context = f"{files[0]}: inconsistent catalogue" if len(files) == 1 else "inconsistent catalogue"
        raise explain_catalogue(files, packages, err, context) from None
    if not overlays:
        return catalogue
    extra = [_parse(f, CataloguePackage, "catalogue file") for f in overlays]
    try:
        return catalogue.layered(extra)
    except ValidationError as err:
        names = ", ".join(str(f) for f in overlays)
        context = f"{names}: inconsistent with the catalogue it is laid over"
        raise explain_catalogue([*files, *overlays], [*packages, *extra], err, context) from None


def load_firm(path: str | Path) -> Firm:
    """Load and validate a firm file."""
    return _parse(path, Firm, "firm file")


def load_plan(path: str | Path) -> Plan:
    """Load and validate a plan file (JSON or YAML), e.g. one drafted by hand."""
    p, data = read_mapping(path)
    if "plan" in data and isinstance(data["plan"], dict):
        data = data["plan"]
    return _validate(p, data, Plan, "plan file")
