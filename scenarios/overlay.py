"""Catalogue overlays: a user's changes laid over the catalogue, each entry replaced or declared new.

An overlay file is a list of changes in the one change format (docs/changes.md, applied by
scenarios.changes.apply_catalogue_changes), with the names it adds to the vocabulary:

    note: Our office's reading of 003 Art. 4          # optional, for people
    vocabulary: {tags: {quantum: quantum technology}} # optional: names the changes need (docs/vocabulary.md)
    catalogue_changes:
      - {op: replace, path: "measures[tz.art4.pilot_testing]", value: {...the whole measure...}}
      - {op: add, path: "measures[own.quantum_grant]", value: {...}}
      - {op: set, path: "measures[tz.art9.upgrading].amount.percent", value: 20}

`replace` and `set` need an id that exists and `add` one that does not, so a typo in an id is refused with
the closest id, never added beside the bundled entry. A whole catalogue package given as an overlay is
refused for the same reason (it would silently replace or add by id); it can replace the catalogue
(`--replace-catalog`). Every file used is recorded with its SHA-256 in the run's `inputs`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field

from grantstack.models.base import Frozen
from grantstack.models.catalogue import Catalogue
from grantstack.models.input_errors import InputError, one_paragraph
from grantstack.models.loading import load_catalogue as load_packages
from grantstack.models.loading import validate_document
from grantstack.models.provenance import InputFile, inputs_of, record_inputs
from grantstack.models.vocabulary import VocabularySection
from grantstack.models.yaml_reader import read_input
from grantstack.scenarios.changes import apply_catalogue_changes

__all__ = ["OverlayFile", "apply_overlay", "is_overlay", "load_catalogue"]

_PACKAGE_KEYS = {"package", "measures", "groups", "ladders", "caps", "no_repeat"}


class OverlayFile(Frozen):
    """A catalogue overlay: changes to the catalogue, and the names they add to the vocabulary."""

    note: str = Field(default="", description="What the overlay is, for people.")
    vocabulary: VocabularySection = Field(
        default_factory=VocabularySection, description="Names the changes use beyond docs/vocabulary.md."
    )
    catalogue_changes: tuple[Any, ...] = Field(
        min_length=1, description="Changes {op: set|add|remove|replace, path, value} (docs/changes.md)."
    )


def is_overlay(data: dict[Any, Any]) -> bool:
    """True for a file of changes (an overlay), False for a catalogue package."""
    return "catalogue_changes" in data or "firm_changes" in data or not (_PACKAGE_KEYS & set(data))


def _not_an_overlay(p: Path, data: dict[Any, Any], base: Catalogue) -> InputError:
    """Why a catalogue package cannot be laid over the catalogue, and how to write it as changes."""
    ids = [(lst, e.get("id")) for lst in ("measures", "groups", "ladders", "caps", "no_repeat")
           for e in data.get(lst) or [] if isinstance(e, dict)]
    known = {x.id for lst in ("measures", "groups", "ladders", "caps", "no_repeat") for x in getattr(base, lst)}
    shown = ", ".join(f"{'replace' if i in known else 'add'} {lst}[{i}]" for lst, i in ids[:6])
    more = f" and {len(ids) - 6} more" if len(ids) > 6 else ""
    as_changes = f" As changes its entries would be: {shown}{more}." if ids else ""
    return InputError(one_paragraph(
        f"{p}: this is a whole catalogue package, not an overlay. An overlay lists changes, each either replacing "
        "an existing id or declaring a new one, so that a mistyped id is never added beside the bundled measure: "
        "write catalogue_changes: [{op: replace, path: 'measures[ID]', value: {...}}, {op: add, ...}] "
        f"(docs/changes.md), or use the file as the whole catalogue with --replace-catalog.{as_changes}"
    ))


def apply_overlay(base: Catalogue, path: str | Path) -> Catalogue:
    """The catalogue with one overlay file's changes applied (and its vocabulary added); recorded with its hash."""
    src, data = read_input(path)
    p = src.path
    if not is_overlay(data):
        raise _not_an_overlay(p, data, base)
    if "firm_changes" in data:
        raise InputError(f"{p}: field 'firm_changes': an overlay changes the catalogue only. Put firm changes in a "
                         "scenario file, or in the firm file itself.")
    overlay = validate_document(p, data, OverlayFile, "overlay file")
    widened = base.model_copy(update={"vocabulary": base.vocabulary.merged(overlay.vocabulary)})
    changed = apply_catalogue_changes(widened, overlay.catalogue_changes, source=p)  # names checked there too
    if changed.vocabulary != widened.vocabulary:  # keep the names the overlay declared
        changed = changed.model_copy(update={"vocabulary": widened.vocabulary})
    record_inputs(changed, [*inputs_of(base), InputFile(role="overlay", path=str(p), sha256=src.sha256)])
    return changed


def _files(paths: str | Path | list[str | Path] | None) -> list[Path]:
    return [] if paths is None else [Path(p) for p in (paths if isinstance(paths, list) else [paths])]


def load_catalogue(
    paths: list[str | Path] | None = None,
    overlay: str | Path | list[str | Path] | None = None,
    replace: bool = False,
) -> Catalogue:
    """The bundled catalogue (or the given package files), with overlay files applied in order.

    With replace=True the overlay's package files are the whole catalogue instead (its change files, if any,
    are applied over them).
    """
    overlays = _files(overlay)
    if replace and overlays:
        kinds = [(f, is_overlay(read_input(f)[1])) for f in overlays]
        packages = [f for f, is_change in kinds if not is_change]
        if not packages:
            raise InputError(f"{overlays[0]}: --replace-catalog needs catalogue package files (package: and "
                             "measures:), not only overlays of changes.")
        base = load_packages(list(packages))
        overlays = [f for f, is_change in kinds if is_change]
    else:
        base = load_packages(paths)
    for f in overlays:
        base = apply_overlay(base, f)
    return base
