"""Id-based paths into a firm or a catalogue: `projects[pilot-line].costs.investment[1]`, parsed and located.

Grammar: a path is a field name followed by steps. `.name` is a field of a record or a plain-named key of a
mapping; `[key]` is a key of a mapping (a year, or an id with dots such as a measure id), the entry of a
list of records whose id is `key` (projects and events by `id`, statuses by `status`, history by `measure`,
a measure's caps by `per`), a value of a list of names (`tags[ai]`), or a position in a list of numbers
(`costs.investment[1]`, 0 = the project's start year); `[#n]` is the n-th entry of any list (from 0).
Paths are resolved on the plain data (`model_dump`) of a firm or catalogue, guided by the model's types.
"""

from __future__ import annotations

import difflib
import re
import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

__all__ = [
    "KEY_FIELDS", "Located", "PathError", "Step", "did_you_mean", "format_path", "leaf_paths", "locate", "parse_path",
]

KEY_FIELDS = ("id", "status", "measure", "event", "per")
"""Fields that name an entry of a list of records, in order of preference (the first one set is its key)."""

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NOUN = {
    "projects": "project", "events": "event", "statuses": "status record", "history": "history entry",
    "measures": "measure", "groups": "group", "ladders": "ladder", "caps": "cap", "no_repeat": "no-repeat rule",
    "tags": "tag", "key_regions": "key region", "kinds": "kind", "grants": "granted status",
    "requires": "prerequisite", "linked_to": "linked event", "tiers": "tier", "members": "member",
}


class PathError(ValueError):
    """A path that cannot be parsed or does not lead where the change needs it to."""


@dataclass(frozen=True)
class Step:
    """One step of a path: a field or key (`.name` or `[key]`), or a list selector (`[key]`, `[#n]`)."""

    key: str
    bracket: bool = False

    def text(self) -> str:
        """The step as written."""
        return f"[{self.key}]" if self.bracket else f".{self.key}"


def parse_path(path: str | list[Any] | tuple[Any, ...]) -> tuple[Step, ...]:
    """The steps of a path written as text, or given as a list of keys (each key one bracketed step)."""
    if isinstance(path, (list, tuple)):
        if not path or not all(isinstance(k, (str, int)) and not isinstance(k, bool) for k in path):
            raise PathError("a path given as a list must hold field names, ids and positions (text or numbers)")
        first = str(path[0])
        if not _NAME.fullmatch(first):
            raise PathError(f"a path starts with a field name, not '{first}'")
        return (Step(first), *(Step(str(k), True) for k in path[1:]))
    if not isinstance(path, str) or not path.strip():
        raise PathError("the path is empty; write e.g. projects[pilot-line].costs.investment[1]")
    text, steps, i = path.strip(), [], 0
    m = _NAME.match(text)
    if m is None:
        raise PathError(f"a path starts with a field name (e.g. projects, events, measures), not '{text[:20]}'")
    steps.append(Step(m.group()))
    i = m.end()
    while i < len(text):
        if text[i] == ".":
            m = _NAME.match(text, i + 1)
            if m is None:
                raise PathError(f"after '.' at position {i + 1} comes a field name; put ids and years in brackets")
            steps.append(Step(m.group()))
            i = m.end()
        elif text[i] == "[":
            end = text.find("]", i)
            if end < 0:
                raise PathError(f"'[' at position {i + 1} is not closed by ']'")
            key = text[i + 1:end].strip()
            if not key:
                raise PathError(f"empty brackets at position {i + 1}: write an id, a key or a position")
            steps.append(Step(key, True))
            i = end + 1
        else:
            raise PathError(f"unexpected '{text[i]}' at position {i + 1}; steps are .name or [key]")
    return tuple(steps)


def format_path(steps: tuple[Step, ...]) -> str:
    """The canonical text of a path."""
    return "".join(s.text() for s in steps).lstrip(".")


def _unwrap(tp: Any) -> Any:
    """Strip Annotated[...] and Optional[...]."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType) and type(None) in get_args(tp):
            rest = [a for a in get_args(tp) if a is not type(None)]
            tp = rest[0] if len(rest) == 1 else Union[tuple(rest)]  # noqa: UP007
        else:
            return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _member(tp: Any, data: Any) -> Any:
    """For a union of records, the member the data is (by its literal tag fields, else by its fields)."""
    members = [_unwrap(a) for a in get_args(tp)]
    models = [m for m in members if _is_model(m)]
    if not isinstance(data, dict) or not models:
        return None
    for m in models:
        tags = {n: get_args(f.annotation) for n, f in m.model_fields.items() if get_origin(f.annotation) is Literal}
        if set(data) <= set(m.model_fields) and all(data.get(n) in vals for n, vals in tags.items() if n in data):
            return m
    return None


def _shape(tp: Any, data: Any) -> tuple[str, Any, Any]:
    """What a node is ('record', 'mapping', 'list', 'value'), with (key type, element type) for containers."""
    tp = _unwrap(tp) if tp is not None else None
    if tp is not None and get_origin(tp) in (Union, types.UnionType):
        tp = _member(tp, data)
    if _is_model(tp):
        return "record", None, tp
    origin = get_origin(tp)
    if origin is dict:
        k, v = get_args(tp)
        return "mapping", _unwrap(k), v
    if origin in (tuple, list):
        args = get_args(tp)
        return "list", None, args[0] if args else None
    if isinstance(data, dict):
        return "mapping", None, None
    if isinstance(data, list):
        return "list", None, None
    return "value", None, None


def _entry_key(item: Any) -> str | None:
    """The key of an entry in a list of records: its first KEY_FIELDS value that is set."""
    if isinstance(item, dict):
        for name in KEY_FIELDS:
            if isinstance(item.get(name), str):
                return item[name]
    return None


@dataclass
class Located:
    """Where a path leads: the container and the key in it, whether something is there, and what it is."""

    container: dict[Any, Any] | list[Any]
    key: Any  # a mapping key, or a position in a list (len(list) to append)
    exists: bool
    shape: str  # shape of the container: 'record', 'mapping' or 'list'
    element: Any  # type of the value at the key, if known
    noun: str  # what the entry is called in messages ('project', 'tag', 'field', ...)
    new_key: str | None = None  # for a new entry of a list of records or names: the id or name the path gives it
    records: bool = False  # the container is a list of records (projects, events, ...)


def did_you_mean(key: str, choices: list[str]) -> str:
    """'; did you mean 'x'?' for the closest choice, or ''."""
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _known(choices: list[str]) -> str:
    shown = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return f" (known: {shown})" if choices else " (there are none)"


def _in_list(items: list[Any], step: Step, elem: Any, field: str) -> tuple[int, bool, str | None, bool]:
    """Position of the entry a selector names in a list, whether it exists, a new entry's key, and whether the
    selector is a position."""
    if not step.bracket:
        raise PathError(f"'{field}' is a list: select an entry with [id] or [#n], not '.{step.key}'")
    if step.key.startswith("#"):
        try:
            pos = int(step.key[1:])
        except ValueError:
            raise PathError(f"'[{step.key}]': a position is '#' and a whole number, e.g. [#0]") from None
        if pos < 0:
            raise PathError(f"'[{step.key}]': positions count from 0")
        return pos, pos < len(items), None, True
    kind = _unwrap(elem) if elem is not None else None
    records = _is_model(kind) or any(isinstance(x, dict) for x in items)
    if records:
        hits = [i for i, x in enumerate(items) if _entry_key(x) == step.key]
        if len(hits) > 1:
            raise PathError(f"{len(hits)} {field} entries are named '{step.key}': select one by position, "
                            f"e.g. {field}[#{hits[0]}]")
        if hits:
            return hits[0], True, None, False
        return len(items), False, step.key, False
    numbers = kind is int or (kind is None and items and all(isinstance(x, int) for x in items))
    if numbers or (kind is None and not items and step.key.lstrip("-").isdigit()):
        try:
            pos = int(step.key)
        except ValueError:
            raise PathError(f"'{field}' is a list of numbers: select a position, e.g. {field}[0]") from None
        if pos < 0:
            raise PathError(f"'{field}[{pos}]': positions count from 0")
        return pos, pos < len(items), None, True
    if step.key in items:
        return items.index(step.key), True, None, False
    return len(items), False, step.key, False


def _not_found(noun: str, key: str, choices: list[str]) -> str:
    return f"no {noun} '{key}'{did_you_mean(key, choices)}{_known(choices)}"


def locate(data: Any, model: type[BaseModel], steps: tuple[Step, ...]) -> Located:
    """Follow every step but the last through the data (each must exist), then locate the last step.

    PathError says which step does not lead anywhere, with the ids known there and the closest one.
    """
    node, tp, field, noun = data, model, "", "field"
    for n, step in enumerate(steps):
        shape, ktype, elem = _shape(tp, node)
        last = n == len(steps) - 1
        where = format_path(steps[:n]) or "the top level"
        if shape == "record":
            if step.bracket:
                raise PathError(f"{where} is a record: name its field with '.', not '[{step.key}]'")
            fields = list(elem.model_fields) if elem is not None else list(node)
            if step.key not in fields:
                what = f"'{where}' has no field '{step.key}'" if n else f"no field '{step.key}'"
                raise PathError(f"{what}{did_you_mean(step.key, fields)}{_known(fields)}")
            child_tp = elem.model_fields[step.key].annotation if elem is not None else None
            loc = Located(node, step.key, step.key in node, "record", child_tp, "field")
        elif shape == "mapping":
            key: Any = step.key
            if ktype is int or (ktype is None and node and all(isinstance(k, int) for k in node)):
                try:
                    key = int(step.key)
                except ValueError:
                    raise PathError(f"'{where}' is keyed by year: write e.g. {where}[2026]") from None
            loc = Located(node, key, key in node, "mapping", elem, "key")
        elif shape == "list":
            pos, exists, new_key, positional = _in_list(node, step, elem, field)
            noun = "position" if positional else _NOUN.get(field, "entry")
            records = _is_model(_unwrap(elem)) if elem is not None else any(isinstance(x, dict) for x in node)
            loc = Located(node, pos, exists, "list", elem, noun, new_key, records)
        else:
            raise PathError(f"'{where}' is a single value ({node!r}); it has no '{step.text()}'")
        if last:
            return loc
        if not loc.exists:
            if shape == "list":
                keys = [k for k in (_entry_key(x) if isinstance(x, dict) else str(x) for x in node) if k]
                raise PathError(_not_found(noun, step.key, keys))
            keys = [str(k) for k in node] if isinstance(node, dict) else []
            raise PathError(f"'{format_path(steps[:n + 1])}' does not exist{did_you_mean(step.key, keys)}"
                            f"{_known(keys)}")
        node, tp = loc.container[loc.key], loc.element  # type: ignore[index]
        field = step.key if not step.bracket else field
    raise PathError("the path is empty")  # pragma: no cover - parse_path never returns no steps


def _step_for(container: Any, key: Any, field: str) -> str:
    """How a path names one key of a container: .name, [key], [id], [value] or [#n]."""
    if isinstance(container, dict):
        return f".{key}" if isinstance(key, str) and _NAME.fullmatch(key) else f"[{key}]"
    item = container[key]
    name = _entry_key(item)
    if name is not None:
        same = sum(1 for x in container if _entry_key(x) == name)
        return f"[{name}]" if same == 1 else f"[#{key}]"
    if isinstance(item, str) and container.count(item) == 1:
        return f"[{item}]"
    return f"[{key}]" if all(isinstance(x, int) and not isinstance(x, bool) for x in container) else f"[#{key}]"


def leaf_paths(data: Any, prefix: str = "", field: str = "") -> list[tuple[str, Any]]:
    """Every (path, value) of a record's values that are not lists or mappings, in document order:
    the paths a change can `set` (e.g. `projects[pilot-line].costs.investment[1]`)."""
    out: list[tuple[str, Any]] = []
    if isinstance(data, BaseModel):
        data = data.model_dump()
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, (list, tuple)):
        items = list(enumerate(data))
    else:
        return [(prefix, data)]
    for key, value in items:
        step = _step_for(data, key, field)
        path = (prefix + step).lstrip(".")
        if isinstance(value, (dict, list, tuple)) and value:
            out += leaf_paths(value, path, key if isinstance(key, str) else field)
        else:
            out.append((path, value))
    return out
