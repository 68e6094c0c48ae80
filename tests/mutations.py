"""Malformed variants of valid input files, each broken so that it must be refused, with the field it names.

Used by the hypothesis property test (tests/test_malformed_property.py) and by the counting run
(`python -m tests.mutations N`). A mutation takes a valid file's data and returns the broken data
and a token the refusal must contain (the field or name it broke); every operator breaks the file for sure:
a mapping where a value goes, an unknown key, a missing id, a number beyond every limit, a date written as a
number, a name not in the vocabulary, a repeated key (JSON text).
"""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from grantstack.models.vocabulary import vocabulary

__all__ = ["OPERATORS", "Location", "dump", "locations", "mutate"]

Location = tuple[Any, ...]
NAME_KEYS = {"tags", "kinds", "kind", "status", "grants", "project_kinds", "event_kinds", "any_of", "all_of",
             "none_of", "metric", "numerator", "denominator"}
NAME_MAPS = {"metrics", "costs", "values", "quantities"}
_ALL_NAMES = set().union(*vocabulary().allowed.values())


def _walk(node: Any, at: Location = ()) -> Iterator[tuple[Location, Any]]:
    yield at, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, (*at, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, (*at, i))


def _token(at: Location) -> str:
    """The last named step of a location: the field a message must name."""
    return next(str(k) for k in reversed(at) if isinstance(k, str))


def locations(data: Any, op: str) -> list[Location]:
    """Where an operator can act in the data (deterministic order)."""
    out = []
    for at, node in _walk(data):
        named = any(isinstance(k, str) for k in at)
        if op == "mapping_for_value" and named and not isinstance(node, (dict, list)):
            out.append(at)
        elif op == "unknown_key" and isinstance(node, dict):
            out.append(at)
        elif op == "drop_id" and isinstance(node, dict) and "id" in node:
            out.append(at)
        elif op == "number_beyond_limits" and named and isinstance(node, int) and not isinstance(node, bool):
            out.append(at)
        elif op == "date_as_number" and isinstance(node, datetime.date):
            out.append(at)
        elif op == "unknown_name" and at and isinstance(node, str) and node in _ALL_NAMES and \
                _token(at) in NAME_KEYS:
            out.append(at)
        elif op == "unknown_name_key" and len(at) >= 2 and at[-2] in NAME_MAPS and at[-1] in _ALL_NAMES:
            out.append(at)
        elif op == "repeated_key" and isinstance(node, dict) and node:
            out.append(at)
    return out


def _parent(data: Any, at: Location) -> Any:
    node = data
    for k in at[:-1]:
        node = node[k]
    return node


def mutate(data: Any, op: str, at: Location) -> tuple[Any, str, str | None]:
    """The broken data, the token the refusal must name, and (repeated_key) the key to repeat in JSON text."""
    data = copy.deepcopy(data)
    if op == "repeated_key":
        node = data
        for k in at:
            node = node[k]
        key = sorted(node, key=str)[0]
        return data, str(key), key
    if op in ("unknown_key",):
        node = data
        for k in at:
            node = node[k]
        node["zz_not_a_field"] = 1
        return data, "zz_not_a_field", None
    if op == "drop_id":
        node = data
        for k in at:
            node = node[k]
        del node["id"]
        return data, "id", None
    parent, last = _parent(data, at), at[-1]
    if op == "mapping_for_value":
        parent[last] = {"zz": [1, 2]}
    elif op == "number_beyond_limits":
        parent[last] = 10**30
    elif op == "date_as_number":
        parent[last] = 20150601
    elif op == "unknown_name":
        parent[last] = parent[last] + "_zz"
        return data, parent[last], None
    elif op == "unknown_name_key":
        parent[f"{last}_zz"] = parent.pop(last)
        return data, f"{last}_zz", None
    return data, _token(at), None


OPERATORS = ("mapping_for_value", "unknown_key", "drop_id", "number_beyond_limits", "date_as_number",
             "unknown_name", "unknown_name_key", "repeated_key")


def _plain(node: Any) -> Any:
    if isinstance(node, Decimal):
        return int(node) if node == node.to_integral_value() else float(node)
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def dump(data: Any, path: Path, repeat: str | None = None, at: Location = ()) -> None:
    """Write the data as YAML or JSON (by suffix); `repeat` writes that key of the mapping at `at` twice (JSON)."""
    plain = _plain(data)
    if path.suffix == ".json":
        marker = "__zz_repeat__"
        if repeat is not None:
            node = plain
            for k in at:
                node = node[k]
            node[marker] = node[repeat]
        text = json.dumps(plain, indent=1, default=str, ensure_ascii=False)
        if repeat is not None:
            text = text.replace(f'"{marker}"', json.dumps(repeat), 1)
        path.write_text(text, encoding="utf-8")
    else:
        if repeat is not None:
            raise ValueError("repeated keys are written into JSON text")
        path.write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - the counting run for the closing report
    import sys

    from tests.test_malformed_property import count_refusals

    print(json.dumps(count_refusals(int(sys.argv[1]) if len(sys.argv) > 1 else 200), indent=2))
