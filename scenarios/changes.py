"""Changes to a firm or a catalogue, the one implementation used by scenario files, overlays and the API.

A change is `{op, path, value}` (docs/changes.md). `set` replaces a value that exists; `add` creates an
entry, key or list item that does not exist; `remove` deletes one that exists; `replace` swaps a whole entry
that exists (`measures[ID]`, `projects[ID]`). Every change is checked before any is applied, the result is
validated as a firm or a catalogue, and any problem is one InputError naming the file, the change and the path.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from grantstack.models.catalogue import Catalogue
from grantstack.models.error_location import path_text
from grantstack.models.errors import clip
from grantstack.models.firm import Firm
from grantstack.models.input_errors import NAMES_FIX, InputError, explain_names, explain_validation, one_paragraph
from grantstack.models.measure import Measure
from grantstack.models.names import firm_name_problems, measure_name_problems
from grantstack.models.rules import ExclusiveGroup, Ladder, NoRepeat, SharedCap
from grantstack.models.scenario_file import Change, ChangeList
from grantstack.models.vocabulary import vocabulary
from grantstack.scenarios.paths import KEY_FIELDS, PathError, Step, did_you_mean, format_path, locate, parse_path

__all__ = [
    "CATALOGUE_LISTS", "Change", "ChangeList", "apply_catalogue_changes", "apply_firm_changes", "as_changes",
    "describe", "load_change_file", "plain_data",
]

CATALOGUE_LISTS: dict[str, type[BaseModel]] = {
    "measures": Measure, "groups": ExclusiveGroup, "ladders": Ladder, "caps": SharedCap, "no_repeat": NoRepeat,
}
"""The catalogue's lists of entries a change may name, and the model of each entry."""
_MAX_LISTED = 8


def _short(value: Any, limit: int = 40) -> str:
    if isinstance(value, (Mapping, BaseModel)):
        return "{...}"
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe(change: Change | Mapping[str, Any], label: str, index: int) -> str:
    """How a message names a change: "firm_changes[2] (set events[expo].year = 2027)"."""
    if isinstance(change, Change):
        return f"{label}[{index}] ({change.text()})"
    op, path = change.get("op", "?"), change.get("path", "?")
    return f"{label}[{index}] ({op} {path})"


def plain_data(value: Any) -> Any:
    """Models, tuples and mappings as plain lists and dicts (dates and Decimals kept) that can be mutated."""
    if isinstance(value, BaseModel):
        return plain_data(value.model_dump())
    if isinstance(value, Mapping):
        return {k: plain_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_data(v) for v in value]
    if isinstance(value, (str, int, float, bool, Decimal, date)) or value is None:
        return value
    return copy.deepcopy(value)


@dataclass
class _Parsed:
    index: int
    change: Change
    steps: tuple[Step, ...]
    name: str


def as_changes(changes: Iterable[Change | Mapping[str, Any]] | None) -> list[Change]:
    """Changes given as Change objects or plain mappings, validated (InputError without a file name)."""
    return [c for c, _ in _parse(list(changes or ()), None, "changes")[0]] if changes else []


def _change_problem(item: Mapping[str, Any]) -> str:
    """What is wrong with a mapping that should be a change ('' if nothing)."""
    extra = sorted(str(k) for k in item if k not in Change.model_fields)
    if extra:
        return f"unknown key(s) {', '.join(extra)}: a change has only op, path and value"
    if "op" not in item or item["op"] not in ("set", "add", "remove", "replace"):
        got = f" (got {_short(item['op'])})" if "op" in item else ""
        return f"op must be set, add, remove or replace{got}"
    if not isinstance(item.get("path"), str) or not item["path"].strip():
        return "path must be text, e.g. projects[pilot-line].costs.investment[1]"
    return ""


def _parse(raw: Sequence[Any], source: str | None, label: str) -> tuple[list[tuple[Change, int]], list[str]]:
    """Each raw change as a Change; the problems of those that are not one."""
    out, problems = [], []
    for i, item in enumerate(raw):
        if isinstance(item, Change):
            out.append((item, i))
            continue
        if not isinstance(item, Mapping):
            problems.append(f"{label}[{i}]: a change is a mapping {{op, path, value}}, not {_short(item)}")
            continue
        wrong = _change_problem(item)
        if not wrong:
            try:
                out.append((Change.model_validate(dict(item)), i))
                continue
            except ValidationError as err:
                wrong = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
        problems.append(f"{describe(item, label, i)}: {wrong}. A change is {{op: set|add|remove|replace, "
                        "path: ..., value: ...} (docs/changes.md)")
    if problems and source is None:
        raise InputError(one_paragraph(" ".join(problems)))
    return out, problems


def _fail(source: str | Path | None, what: str, problems: list[str]) -> InputError:
    """One paragraph listing (up to eight) problems."""
    head = f"{source}: " if source else ""
    numbered = " ".join(f"({i}) {p}" for i, p in enumerate(problems[:_MAX_LISTED], 1))
    listed = problems[0] if len(problems) == 1 else numbered
    more = f" (and {len(problems) - _MAX_LISTED} more)" if len(problems) > _MAX_LISTED else ""
    n = "a change" if len(problems) == 1 else f"{len(problems)} changes"
    return InputError(one_paragraph(f"{head}{what}: {n} cannot be applied, nothing was changed: {listed}{more}"))


def _check_shape(p: _Parsed, catalogue: bool) -> str:
    """What is wrong with a change before it is tried on the data ('' if nothing)."""
    c, steps = p.change, p.steps
    if c.op == "remove" and c.has_value:
        return "remove takes no value; delete the 'value' line"
    if c.op in ("set", "replace") and not c.has_value:
        return f"{c.op} needs a value (write value: null to empty a field)"
    entry = len(steps) == 2 and steps[1].bracket
    if catalogue:
        if steps[0].key not in CATALOGUE_LISTS:
            return (f"a catalogue change starts with one of {', '.join(CATALOGUE_LISTS)} (e.g. measures[ID]), "
                    f"not '{steps[0].key}'")
        if len(steps) < 2 or not steps[1].bracket:
            return f"name one entry by its id, e.g. {steps[0].key}[ID]"
        if c.op in ("add", "remove", "replace") and not entry:
            return (f"{c.op} takes a whole entry such as {steps[0].key}[ID]; "
                    "to change one field of an entry use set")
        if c.op == "set" and entry:
            return "to swap a whole entry use replace (explicit: the id must exist); set changes one field of it"
    if c.op == "replace" and not (steps[-1].bracket and not steps[-1].key.isdigit()):
        return "replace swaps a whole entry named by its id (e.g. projects[ID]); to change a value use set"
    return ""


def _apply(doc: Any, model: type[BaseModel], p: _Parsed) -> None:
    """Apply one change to plain data in place; PathError says why it cannot be."""
    c = p.change
    loc = locate(doc, model, p.steps)
    where = format_path(p.steps)
    if c.op in ("set", "replace"):
        if not loc.exists:
            if loc.noun == "position":
                raise PathError(f"position {loc.key} does not exist: the list has {len(loc.container)} entries "
                                f"(0..{len(loc.container) - 1}); use op: add to append one")
            kind = f"{loc.noun} '{p.steps[-1].key}'" if loc.shape != "record" else f"'{where}'"
            raise PathError(f"{kind} does not exist (use op: add to create it){_known_here(loc)}")
        loc.container[loc.key] = plain_data(c.value)  # type: ignore[index]
        return
    if c.op == "remove":
        if loc.shape == "record":
            raise PathError(f"'{where}' is a field and cannot be removed; set it (to null or its default)")
        if not loc.exists:
            raise PathError(f"there is no {loc.noun} '{p.steps[-1].key}' to remove{_known_here(loc)}")
        del loc.container[loc.key]  # type: ignore[arg-type]
        return
    if loc.exists or loc.shape == "record":
        what = f"the {loc.noun} '{p.steps[-1].key}'" if loc.shape != "record" else f"the field '{where}'"
        raise PathError(f"{what} already exists: add creates something new; use set (or replace for a whole "
                        "entry) to change it")
    value = plain_data(c.value)
    if loc.shape == "mapping":
        if not c.has_value:
            raise PathError("add needs a value")
        loc.container[loc.key] = value  # type: ignore[index]
        return
    items: list[Any] = loc.container  # type: ignore[assignment]
    if loc.new_key is not None and loc.records:
        if not isinstance(value, dict):
            raise PathError(f"add of a {loc.noun} needs its fields as the value, e.g. value: {{...}}")
        name = next((k for k in KEY_FIELDS if k in value), "id")
        if value.get(name, loc.new_key) != loc.new_key:
            raise PathError(f"the path names '{loc.new_key}' but the value's {name} is '{value[name]}'")
        value[name] = loc.new_key
        items.append(value)
    elif loc.new_key is not None:  # a name in a list of names
        if c.has_value and value != loc.new_key:
            raise PathError(f"the path names '{loc.new_key}' but the value is {_short(value)}; give one")
        items.append(loc.new_key)
    else:
        if loc.key > len(items):
            raise PathError(f"position {loc.key} is past the end: the list has {len(items)} entries "
                            f"(add at 0..{len(items)})")
        if not c.has_value:
            raise PathError("add needs a value")
        items.insert(loc.key, value)


def _known_here(loc: Any) -> str:
    if loc.shape == "list":
        keys = [x.get(k) for x in loc.container if isinstance(x, dict) for k in KEY_FIELDS if isinstance(x.get(k), str)]
        keys = list(dict.fromkeys(keys)) or [str(x) for x in loc.container if isinstance(x, (str, int))]
    elif loc.shape == "mapping":
        keys = [str(k) for k in loc.container]
    else:
        return ""
    shown = ", ".join(str(k) for k in keys[:12]) + (", ..." if len(keys) > 12 else "")
    return f" (there: {shown})" if keys else " (the list is empty)"


def _prepare(changes: Iterable[Any] | None, source: str | Path | None, label: str, catalogue: bool
             ) -> tuple[list[_Parsed], list[str]]:
    raw = list(changes or ())
    parsed, problems = _parse(raw, str(source) if source else "", label)
    out = []
    for change, i in parsed:
        name = describe(change, label, i)
        try:
            steps = parse_path(change.path)
        except PathError as exc:
            problems.append(f"{name}: path '{change.path}': {exc}")
            continue
        p = _Parsed(i, change, steps, name)
        wrong = _check_shape(p, catalogue)
        if wrong:
            problems.append(f"{name}: path '{change.path}': {wrong}")
            continue
        out.append(p)
    return out, problems


def _culprit(parsed: list[_Parsed], first: Mapping[str, Any], doc: Any, model: type[BaseModel]) -> str:
    """The change(s) whose path leads to (or into) the location of a problem ({loc, msg}); for a check of the whole
    record, the changes whose paths name an id the message names; else the last change."""
    loc = tuple(first["loc"])
    hits = []
    if loc:
        for p in parsed:
            try:
                concrete = _concrete(doc, model, p.steps)
            except PathError:
                continue
            n = min(len(concrete), len(loc))
            if concrete[:n] == loc[:n]:
                hits.append(p.name)
    else:
        named = set(re.findall(r"'([^']+)'", str(first.get("msg", ""))))
        hits = [p.name for p in parsed if named & {s.key for s in p.steps}]
    return ", ".join(hits[-2:]) if hits else parsed[-1].name


def _concrete(doc: Any, model: type[BaseModel], steps: tuple[Step, ...]) -> tuple[Any, ...]:
    """The location (keys and positions) a path leads to in the data."""
    out: list[Any] = []
    for n in range(1, len(steps) + 1):
        loc = locate(doc, model, steps[:n])
        out.append(loc.key)
    return tuple(out)


def _invalid(source: str | Path | None, what: str, detail: str, blame: str) -> InputError:
    head = f"{source}: " if source else ""
    detail = detail.split(f": invalid {what} file, ", 1)[-1]
    detail = re.sub(r"^(a problem|\d+ problems): ", "", detail)
    return InputError(one_paragraph(f"{head}{blame}: the {what} after the changes is invalid: {detail}"))


def apply_firm_changes(firm: Firm, changes: Iterable[Change | Mapping[str, Any]] | None, *,
                       source: str | Path | None = None, label: str = "firm_changes",
                       catalogue: Catalogue | None = None) -> Firm:
    """The firm with the changes applied in order (set, add, remove, replace on id-based paths).

    Every change is checked before any is applied; the result is validated as a firm, its names against the
    vocabulary (with `catalogue`'s own names). InputError names `source` (the file the changes come from), the
    change (`label[i]`) and the path.
    """
    parsed, problems = _prepare(changes, source, label, catalogue=False)
    if problems:
        raise _fail(source, "firm changes", problems)
    if not parsed:
        return firm
    doc = plain_data(firm)
    for p in parsed:
        try:
            _apply(doc, Firm, p)
        except PathError as exc:
            problems.append(f"{p.name}: path '{p.change.path}': {exc}")
    if problems:
        raise _fail(source, "firm changes", problems)
    try:
        changed = Firm.model_validate(doc)
    except ValidationError as err:
        detail = str(explain_validation(Path(str(source or "firm")), doc, err, "firm file", Firm))
        raise _invalid(source, "firm", detail, _culprit(parsed, err.errors()[0], doc, Firm)) from None
    problems_ = firm_name_problems(changed, vocabulary(catalogue))
    if problems_:
        detail = str(explain_names(Path(str(source or "firm")), doc, problems_, "firm"))
        detail = detail.split(" in this firm not in the vocabulary: ", 1)[-1]
        first = {"loc": problems_[0][0], "msg": problems_[0][1]}
        raise _invalid(source, "firm", f"a name not in the vocabulary: {detail}",
                       _culprit(parsed, first, doc, Firm)) from None
    return changed


_NOUNS = {"measures": "measure", "groups": "group", "ladders": "ladder", "caps": "shared cap",
          "no_repeat": "no-repeat rule"}


def _entry_id(entry: Any) -> str | None:
    return entry.get("id") if isinstance(entry, dict) else getattr(entry, "id", None)


def _whole_entry(p: _Parsed, entries: list[Any], at: int | None, noun: str, key: str) -> None:
    """Add, remove or replace one catalogue entry in place (PathError if the id says otherwise)."""
    op = p.change.op
    if op == "remove":
        del entries[at]  # type: ignore[arg-type]
        return
    if op == "add" and at is not None:
        raise PathError(f"the {noun} '{key}' already exists: use replace to swap it (add only creates)")
    value = plain_data(p.change.value)
    if isinstance(value, dict) and value.setdefault("id", key) != key:
        raise PathError(f"the path names '{key}' but the value's id is '{value['id']}'"
                        + (" (to rename, remove the old entry and add the new one)" if op == "replace" else ""))
    if op == "add":
        entries.append(value)
    else:
        entries[at] = value  # type: ignore[index]


def _catalogue_step(p: _Parsed, lists: dict[str, list[Any]]) -> None:
    """Apply one catalogue change to the lists of entries (entries are dumped only when a field is set)."""
    name, key = p.steps[0].key, p.steps[1].key
    entries, noun = lists[name], _NOUNS[name]
    at = next((i for i, e in enumerate(entries) if _entry_id(e) == key), None)
    if at is None and p.change.op != "add":
        known = [str(_entry_id(e)) for e in entries]
        hint = " (use op: add to create it)" if p.change.op in ("replace", "set") else ""
        raise PathError(f"no {noun} '{key}' in the catalogue{did_you_mean(key, known)}{hint}")
    if p.change.op != "set":
        _whole_entry(p, entries, at, noun, key)
        return
    entry = entries[at]  # type: ignore[index]
    doc = plain_data(entry) if isinstance(entry, BaseModel) else entry
    _apply(doc, CATALOGUE_LISTS[name], _Parsed(p.index, p.change, p.steps[2:], p.name))
    entries[at] = doc  # type: ignore[index]


def _validated_entries(lists: dict[str, list[Any]], touched: dict[tuple[str, str], str],
                       source: str | Path | None) -> None:
    """Validate every new or changed entry as its model, in place; InputError names the change."""
    for name, entries in lists.items():
        model = CATALOGUE_LISTS[name]
        for i, e in enumerate(entries):
            if isinstance(e, BaseModel):
                continue
            key = _entry_id(e)
            try:
                entries[i] = model.model_validate(e)
            except ValidationError as err:
                detail = str(explain_validation(Path(str(source or "catalogue")), e, err, "catalogue file", model))
                detail = re.sub(r"^.*?, (a problem|\d+ problems): ", "", detail, count=1)
                detail = re.sub(rf"^(\w+ )?'{re.escape(clip(str(key)))}', ", "", detail, count=1)  # named once
                raise _invalid(source, "catalogue", f"{_NOUNS[name]} '{clip(str(key))}', {detail}",
                               touched.get((name, str(key)), "catalogue_changes")) from None


def apply_catalogue_changes(catalogue: Catalogue, changes: Iterable[Change | Mapping[str, Any]] | None, *,
                            source: str | Path | None = None, label: str = "catalogue_changes") -> Catalogue:
    """The catalogue with the changes applied in order: add, remove or replace a measure or rule by id, or
    set one field of it (`measures[ID].amount.percent`). `replace` of an id that does not exist and `add` of
    one that exists are errors. Only the entries touched are revalidated; the result is checked as a
    catalogue (cross-references). InputError names `source`, the change (`label[i]`) and the path.
    """
    parsed, problems = _prepare(changes, source, label, catalogue=True)
    if problems:
        raise _fail(source, "catalogue changes", problems)
    if not parsed:
        return catalogue
    lists: dict[str, list[Any]] = {name: list(getattr(catalogue, name)) for name in CATALOGUE_LISTS}
    touched: dict[tuple[str, str], str] = {}
    for p in parsed:
        try:
            _catalogue_step(p, lists)
            touched[(p.steps[0].key, p.steps[1].key)] = p.name
        except PathError as exc:
            problems.append(f"{p.name}: path '{p.change.path}': {exc}")
    if problems:
        raise _fail(source, "catalogue changes", problems)
    _validated_entries(lists, touched, source)
    try:
        changed = Catalogue(packages=catalogue.packages, vocabulary=catalogue.vocabulary,
                            **{k: tuple(v) for k, v in lists.items()})
    except ValidationError as err:
        msg = "; ".join(e["msg"].removeprefix("Value error, ") for e in err.errors())
        named = set(re.findall(r"'([^']+)'", msg))
        hits = [name for (_, key), name in touched.items() if key in named]
        blamed = [n for n in hits if "(remove " in n] or hits or list(touched.values())[-2:]
        blame = ", ".join(dict.fromkeys(blamed))
        raise _invalid(source, "catalogue", f"{msg}. Every id a rule names must exist: fix the reference, or "
                       "change the rules that name a removed entry too", blame) from None
    _check_names(changed, touched, source)
    return changed


def _check_names(changed: Catalogue, touched: dict[tuple[str, str], str], source: str | Path | None) -> None:
    """Refuse a measure added or changed with a name the vocabulary (with the catalogue's own names) lacks."""
    vocab = vocabulary(changed)
    for (name, key), change in touched.items():
        if name != "measures" or key not in changed.by_id:
            continue
        problems = measure_name_problems(changed.measure(key), vocab)
        if problems:
            loc, wrong = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise _invalid(source, "catalogue", f"measure '{key}', field '{path_text(loc)}': {wrong}{more} "
                           f"{NAMES_FIX}", change)


def load_change_file(path: str | Path) -> ChangeList:
    """A file of changes (`firm_changes:` and/or `catalogue_changes:` lists, e.g. a catalogue overlay), read with
    the safe loader; the changes are applied by apply_firm_changes / apply_catalogue_changes(source=path)."""
    from grantstack.models.yaml_reader import read_mapping

    p, data = read_mapping(path)
    try:
        return ChangeList.model_validate(data)
    except ValidationError as err:
        raise explain_validation(p, data, err, "change file", ChangeList) from None
