"""Read catalogue, firm and plan files safely; every problem becomes one clear InputError.

An InputError message is one paragraph: it names the file, the entry (by id where it has one) and the field,
says what is wrong with the value found, and how to fix it. Reading and syntax errors are in
models.yaml_reader, the explanation of validation and cross-reference errors in models.input_errors, and
every name (tag, status, kind, field, metric) is checked against the vocabulary (models.names).

Catalogue overlays (`--catalog` over the bundled catalogue) are changes, applied by
grantstack.scenarios.overlay with the one change mechanism (scenarios/changes.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from grantstack.models.bundled_files import bundled_catalogue_paths
from grantstack.models.catalogue import Catalogue, CataloguePackage
from grantstack.models.file_reader import SourceText, read_source
from grantstack.models.firm import Firm
from grantstack.models.input_errors import InputError, clip, explain_catalogue, explain_names, explain_validation
from grantstack.models.json_adapt import adapt
from grantstack.models.names import firm_name_problems, package_name_problems
from grantstack.models.options import PlanOptions
from grantstack.models.plan import Plan
from grantstack.models.provenance import InputFile, record_inputs
from grantstack.models.run_checks import check_firm
from grantstack.models.vocabulary import VocabularySection, vocabulary
from grantstack.models.yaml_reader import parse_input, read_input, read_mapping

__all__ = [
    "InputError",
    "PlanFile",
    "bundled_catalogue_paths",
    "firm_from_source",
    "load_catalogue",
    "load_firm",
    "load_plan",
    "parse_firm",
    "read_document",
    "read_plan_file",
    "validate_document",
]

T = TypeVar("T", bound=BaseModel)


def read_document(path: str | Path) -> Any:
    """Parse a YAML or JSON file with a safe loader (no tags that construct objects, no repeated keys)."""
    return read_mapping(path)[1]


def validate_document(p: Path, data: dict[Any, Any], model: type[T], what: str) -> T:
    """The file's data as a `model`; a validation error becomes an InputError naming entry and field."""
    try:
        # JSON keys are always text: adapt() turns year keys into numbers (numbers stay exact Decimals).
        return model.model_validate(adapt(data, model) if p.suffix == ".json" else data)
    except ValidationError as err:
        raise explain_validation(p, data, err, what, model) from None


def _parse(path: str | Path, model: type[T], what: str) -> tuple[SourceText, dict[Any, Any], T]:
    """Read and validate one file as a `model`."""
    src, data = read_input(path)
    return src, data, validate_document(src.path, data, model, what)


def load_catalogue(paths: list[str | Path] | None = None) -> Catalogue:
    """Load the bundled catalogue, or the given catalogue files as one catalogue (names, ids and rules checked).

    To lay a user's changes over a catalogue, use grantstack.scenarios.overlay.load_catalogue.
    """
    files = [Path(p) for p in (paths if paths is not None else bundled_catalogue_paths())]
    key = None
    if paths is None:  # the bundled catalogue: validated once, then read from the cache (models/catalogue_cache.py)
        from grantstack.models.catalogue_cache import cache_key, cached_catalogue, store_catalogue

        contents = [f.read_bytes() for f in files]
        key = cache_key(contents)
        hit = cached_catalogue(key)
        if hit is not None:
            record_inputs(hit, [InputFile(role="catalogue", path=str(f), sha256=hashlib.sha256(raw).hexdigest())
                                for f, raw in zip(files, contents, strict=True)])
            return hit
    parsed = [_parse(f, CataloguePackage, "catalogue file") for f in files]
    declared = VocabularySection()
    for _, _, pkg in parsed:
        declared = declared.merged(pkg.vocabulary) if not pkg.vocabulary.is_empty() else declared
    vocab = vocabulary(declared)
    for src, data, pkg in parsed:
        problems = package_name_problems(pkg, vocab)
        if problems:
            raise explain_names(src.path, data, problems, "catalogue file")
    packages = [pkg for _, _, pkg in parsed]
    try:
        catalogue = Catalogue.from_packages(packages)
    except ValidationError as err:
        context = f"{files[0]}: inconsistent catalogue" if len(files) == 1 else "inconsistent catalogue"
        raise explain_catalogue(files, packages, err, context) from None
    record_inputs(catalogue, [InputFile(role="catalogue", path=str(src.path), sha256=src.sha256)
                              for src, _, _ in parsed])
    if key is not None:
        store_catalogue(key, catalogue)
    return catalogue


def load_firm(path: str | Path, catalogue: Catalogue | None = None) -> Firm:
    """Load and validate a firm file; its names must be in the vocabulary (with the catalogue's own names)."""
    return firm_from_source(read_source(path), catalogue)


def firm_from_source(src: SourceText, catalogue: Catalogue | None = None) -> Firm:
    """A firm file already read (models.file_reader.read_source), validated exactly as load_firm validates it."""
    _, data = parse_input(src)
    firm = validate_document(src.path, data, Firm, "firm file")
    problems = firm_name_problems(firm, vocabulary(catalogue))
    if problems:
        raise explain_names(src.path, data, problems, "firm file")
    check_firm(firm, data, str(src.path))
    record_inputs(firm, [InputFile(role="firm", path=str(src.path), sha256=src.sha256)])
    return firm


def parse_firm(name: str, text: str, catalogue: Catalogue | None = None) -> Firm:
    """Validate firm text held in memory (an upload), as load_firm does a file; `name` only labels messages."""
    src = SourceText(Path(name), text, hashlib.sha256(text.encode("utf-8")).hexdigest())
    _, data = parse_input(src)
    firm = validate_document(src.path, data, Firm, "firm file")
    problems = firm_name_problems(firm, vocabulary(catalogue))
    if problems:
        raise explain_names(src.path, data, problems, "firm file")
    check_firm(firm, data, str(src.path))
    record_inputs(firm, [InputFile(role="firm", path=f"upload:{name}", sha256=src.sha256)])
    return firm


@dataclass(frozen=True)
class PlanFile:
    """A plan file as read: the plan, the options recorded with it (a plan report's), its path and data."""

    plan: Plan
    options: PlanOptions | None
    path: Path
    data: dict[str, Any]


def read_plan_file(path: str | Path) -> PlanFile:
    """A plan file (JSON or YAML): a plan drafted by hand, or a plan report with its recorded options."""
    src, data = read_input(path)
    report = isinstance(data.get("plan"), dict) or data.get("kind") == "grantstack.plan"
    if report and data.get("plan") is None:
        raise InputError(
            f"{src.path}: this plan report holds no plan (status {clip(str(data.get('status', 'unknown')), 40)}: "
            "the solver found no legal plan), so there is nothing to check. Give a report whose status is "
            "OPTIMAL or FEASIBLE, or a plan drafted by hand."
        )
    plan = validate_document(src.path, data["plan"] if report else data, Plan, "plan file")
    options = None
    if report and data.get("options") is not None:
        recorded = data["options"]
        if not isinstance(recorded, dict):
            raise InputError(f"{src.path}: field 'options': must be a mapping of the options the plan was made "
                             "with (as a plan report records them). Fix or remove it.")
        try:
            options = PlanOptions.model_validate(adapt(recorded, PlanOptions))
        except ValidationError as err:
            raise explain_validation(src.path, recorded, err, "plan report's options", PlanOptions) from None
    return PlanFile(plan, options, src.path, data)


def load_plan(path: str | Path) -> Plan:
    """Load and validate a plan file (JSON or YAML), e.g. one drafted by hand, or a plan report's `plan`."""
    return read_plan_file(path).plan
