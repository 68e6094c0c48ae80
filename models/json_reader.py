"""Read JSON exactly: decimal numbers as Decimal, no NaN or Infinity, and no key given twice in one object.

Python's json module keeps the last of two equal keys silently; here each object remembers the keys it saw
twice, and after parsing the document is searched for the first such object so the message can name where
it is (e.g. 'measures[2]').
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from grantstack.models.error_location import path_text

__all__ = ["DuplicateKeyError", "loads"]


class DuplicateKeyError(ValueError):
    """A JSON object gives a key twice; `where` is the object's location in the document."""

    def __init__(self, key: str, at: tuple[Any, ...], data: Any) -> None:
        super().__init__(f"duplicate key '{key}' in {path_text(at) or 'the top-level object'}")
        self.key = key
        self.at = at
        self.data = data


class _Object(dict):  # type: ignore[type-arg]
    """A JSON object that records the keys given twice in it."""

    duplicates: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    out = _Object()
    twice = []
    for key, value in pairs:
        if key in out:
            twice.append(key)
        out[key] = value
    if twice:
        out.duplicates = tuple(twice)
    return out


def _object(repeated: list[bool]) -> Any:
    """The object hook: a plain dict, or (when a key comes twice) a _Object, noted in `repeated`."""

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) == len(pairs):
            return out
        repeated.append(True)
        return _pairs(pairs)

    return hook


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a finite number; write a figure")


def _find(node: Any, at: tuple[Any, ...] = ()) -> tuple[tuple[Any, ...], str] | None:
    """The location and key of the first object with a repeated key, depth first in document order."""
    if isinstance(node, _Object) and node.duplicates:
        return at, node.duplicates[0]
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for k, v in children:
        found = _find(v, (*at, k))
        if found is not None:
            return found
    return None


def _plain(node: Any) -> Any:
    """The document with plain dicts (a _Object is a dict, but keep the data free of parser types)."""
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def loads(text: str) -> Any:
    """The JSON document; DuplicateKeyError if an object repeats a key, ValueError for NaN or Infinity."""
    repeated: list[bool] = []
    data = json.loads(text, parse_float=Decimal, object_pairs_hook=_object(repeated), parse_constant=_constant)
    if not repeated:  # every object is a plain dict: nothing to find, nothing to convert
        return data
    found = _find(data)
    if found is not None:
        at, key = found
        raise DuplicateKeyError(key, at, _plain(data))
    return _plain(data)
