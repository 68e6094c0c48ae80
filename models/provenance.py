"""Which files a catalogue or a firm was read from, with their SHA-256: the `inputs` every report records.

The record is kept beside the object (keyed by identity, dropped with the object), not inside it, so a
firm or catalogue read from a file equals the same one built in Python. A catalogue laid over with an
overlay, or a firm changed by a scenario, is recorded again by whoever made it, with the files it added.
"""

from __future__ import annotations

import weakref
from typing import Any

from pydantic import Field

from grantstack.models.base import Frozen

__all__ = ["InputFile", "inputs_of", "record_inputs"]


class InputFile(Frozen):
    """One input file of a run: what it was used as, where it is, and the SHA-256 of its bytes."""

    role: str = Field(description="What the file was used as: firm, catalogue, overlay, scenario, plan.")
    path: str = Field(description="The path as given.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file's bytes, in hex.")


_RECORDS: dict[int, tuple[InputFile, ...]] = {}


def record_inputs(obj: Any, files: tuple[InputFile, ...] | list[InputFile]) -> None:
    """Remember the files `obj` (a Catalogue or a Firm) was read from; replaces any earlier record."""
    key = id(obj)
    if key not in _RECORDS:
        weakref.finalize(obj, _RECORDS.pop, key, None)
    _RECORDS[key] = tuple(files)


def inputs_of(*objs: Any) -> tuple[InputFile, ...]:
    """The files the objects were read from, in order, each file once."""
    out: dict[tuple[str, str, str], InputFile] = {}
    for obj in objs:
        for f in _RECORDS.get(id(obj), ()):
            out.setdefault((f.role, f.path, f.sha256), f)
    return tuple(out.values())
