"""Locate a pydantic validation error in the input: the entry it is in, the field, and the model that owns it."""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from grantstack.models.errors import clip

__all__ = ["ENTRY_KIND", "entry_of", "is_model", "path_text", "quoted", "resolve", "unwrap", "validator_field"]

# What an entry in a top-level list is called in messages.
ENTRY_KIND = {
    "measures": "measure",
    "groups": "group",
    "ladders": "ladder",
    "caps": "shared cap",
    "no_repeat": "no-repeat rule",
    "projects": "project",
    "events": "event",
    "history": "history entry",
    "statuses": "status record",
    "applications": "application",
    "catalogue_changes": "change",
    "firm_changes": "change",
}
# Validator messages that do not name the field they are about: (fragment, field).
_VALIDATOR_FIELD = (
    ("strictly ascending", "steps"),
    ("can be optional", "optional"),
    ("horizon ends before", "years"),
    ("window ends", "window"),
)


def unwrap(tp: Any) -> Any:
    """Strip Annotated[...] and Optional[...] around a type."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType) and type(None) in get_args(tp):
            rest = [a for a in get_args(tp) if a is not type(None)]
            if len(rest) != 1:
                return Union[tuple(rest)]  # noqa: UP007
            tp = rest[0]
        else:
            return tp


def is_model(tp: Any) -> bool:
    """Whether a type is a pydantic model class."""
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _tag_member(members: tuple[Any, ...], tag: Any) -> Any:
    """The member of a discriminated union whose Literal tag field equals `tag`."""
    for m in members:
        m = unwrap(m)
        if not is_model(m):
            continue
        for f in m.model_fields.values():
            if get_origin(f.annotation) is Literal and get_args(f.annotation) == (tag,):
                return m
    return None


def resolve(root: type[BaseModel], loc: tuple[Any, ...]) -> tuple[list[Any], Any, type[BaseModel] | None]:
    """Clean a pydantic location (drop union tags and '[key]' markers).

    Returns the cleaned location, the type found there (None if unknown), and the model that owns the
    last element (for an unknown field: the model in which it was given).
    """
    tp: Any = root
    clean: list[Any] = []
    owner: type[BaseModel] | None = root if not loc else None
    i = 0
    while i < len(loc):
        key = loc[i]
        tp = unwrap(tp)
        origin = get_origin(tp)
        if origin in (Union, types.UnionType):
            member = _tag_member(get_args(tp), key)
            tp = member
            i += 1
            if member is not None or (isinstance(key, str) and not key.isidentifier()):
                continue  # a union tag or a union-member label: not part of the input's path
            clean.append(key)
            continue
        if key == "[key]":
            i += 1
            continue
        clean.append(key)
        owner = None
        if is_model(tp):
            owner = tp
            field = tp.model_fields.get(key) if isinstance(key, str) else None
            tp = field.annotation if field is not None else None
        elif origin is tuple:
            args = get_args(tp)
            if len(args) == 2 and args[1] is Ellipsis:
                tp = args[0]
            elif isinstance(key, int) and 0 <= key < len(args):
                tp = args[key]
            else:
                tp = None
        elif origin is dict:
            tp = None if i + 1 < len(loc) and loc[i + 1] == "[key]" else get_args(tp)[1]
        else:
            tp = None
        i += 1
    return clean, (unwrap(tp) if tp is not None else None), owner


def path_text(loc: list[Any] | tuple[Any, ...]) -> str:
    """A location as written in messages, e.g. 'measures[3].amount.rate'."""
    out = ""
    for k in loc:
        if isinstance(k, int) or (isinstance(k, str) and not re.fullmatch(r"[A-Za-z_]\w*", k)):
            out += f"[{k}]"
        else:
            out += f".{k}" if out else str(k)
    return out


def _at(data: Any, loc: list[Any] | tuple[Any, ...]) -> tuple[bool, Any]:
    """Whether the data has a value at a location, and that value."""
    node = data
    for k in loc:
        try:
            node = node[k]
        except (KeyError, IndexError, TypeError):
            return False, None
    return True, node


def entry_of(data: Any, loc: list[Any]) -> tuple[str, int]:
    """Name the entry a location points into, and how many location steps it spans.

    'measure 'x' (measures[3])' for an entry with an id; 'applications[2]' for a list item without one;
    "firm 'acme'" for a firm file's own fields ("measure 'x'" for a measure checked alone); '' at the top level
    of a file without an id.
    """
    node, best, depth = data, "", 0
    if isinstance(data, dict) and isinstance(data.get("id"), str) and len(loc) > 0:
        own = "measure " if "issuer" in data or "amount" in data else \
            "firm " if "district" in data or "projects" in data or "events" in data else ""
        best = f"{own}'{clip(data['id'])}'"
    for i, key in enumerate(loc[:-1]):
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(key, int) and i >= 1:
            kind = ENTRY_KIND.get(str(loc[i - 1]), "entry") if i == 1 else "entry"
            here = path_text(loc[: i + 1])
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                best, depth = f"{kind} '{clip(node['id'])}' ({here})", i + 1
            elif i == 1:
                best, depth = f"{kind} {here}", i + 1
    return best, depth


def quoted(msg: str) -> list[str]:
    """The 'single-quoted' parts of a message."""
    return re.findall(r"'([^']+)'", msg)


def _find_values(node: Any, wanted: set[str], at: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every (location, scalar) in the data whose value is one of `wanted`."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _find_values(v, wanted, (*at, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _find_values(v, wanted, (*at, i))
    elif isinstance(node, str) and node in wanted:
        yield at, node


def validator_field(msg: str, model: type[BaseModel] | None, data: Any, loc: list[Any]) -> list[Any] | None:
    """For a check spanning a whole entry, the field it is about (as a location), if it can be told."""
    fields = list(model.model_fields) if model is not None else []
    for fragment, field in _VALIDATOR_FIELD:
        if fragment in msg:
            for name in (field, f"start_{field}"):
                if name in fields:
                    return [*loc, name]
    names = quoted(msg)
    for q in names:
        if q in fields:
            return [*loc, q]
    # A check naming ids (an unknown reference, a duplicate id): point at the last id it names.
    found, node = _at(data, loc)
    if found and names:
        hits = list(_find_values(node, set(names)))
        if hits:
            last = names[-1]
            spots = [h for h, v in hits if v == last] or [h for h, _ in hits]
            # A duplicate is about an id field; an unknown reference about the field that refers.
            ids = [h for h in spots if h and h[-1] == "id"]
            refs = [h for h in spots if not h or h[-1] != "id"]
            spots = (ids or spots) if "duplicate" in msg else (refs or spots)
            return [*loc, *spots[-1]]
    words = re.findall(r"[a-z_]+", msg)
    for w in words:
        if w in fields:
            return [*loc, w]
    spaced = {f.replace("_", " "): f for f in fields if "_" in f}
    for phrase, f in spaced.items():
        if phrase in msg:
            return [*loc, f]
    return None
