"""Changes to a group, through the one change mechanism (scenarios/changes.py, docs/changes.md).

A change's path says which part of the group it changes. An entity's own fields (`entities[ID].<firm path>`),
the new entity's (`new_entity.firm.<firm path>`) and a placeable project's or event's
(`placeable_projects[ID].project.<path>`, `placeable_events[ID].event.<path>`) are firm changes, applied and
checked by apply_firm_changes. The group's own fields are changed here: a placeable item's `carriers[ID]` and
`districts[NAME]` (add, remove), `carriers`, `districts` and `started_by` (set); a whole placeable entry
(`placeable_projects[ID]`: add, remove, replace); `new_entity.districts[NAME]`, `new_entity.districts` and
`new_entity.settles`; `limits.applications_per_year` and `limits.effort_per_year`. Every change is checked, the
result is validated as a group, and any problem is one InputError naming the file, the change and the path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.group import Group
from grantstack.models.group_loading import group_from_data
from grantstack.models.input_errors import InputError, explain_validation, one_paragraph
from grantstack.scenarios.changes import Change, apply_firm_changes, as_changes, plain_data
from grantstack.scenarios.paths import PathError, Step, format_path, parse_path

__all__ = ["apply_group_changes"]

_LISTS = {"placeable_projects": "project", "placeable_events": "event"}
_NAMES = ("carriers", "districts")


def _fail(source: str | Path | None, label: str, change: Change, why: str) -> InputError:
    head = f"{source}: " if source else ""
    return InputError(one_paragraph(f"{head}group changes: {label} ({change.text()}) cannot be applied, nothing "
                                    f"was changed: {why} (docs/groups.md, docs/changes.md)"))


def _entry(entries: list[dict[str, Any]], key: str, what: str, inner: str | None) -> dict[str, Any]:
    for e in entries:
        if (e[inner]["id"] if inner else e["id"]) == key:
            return e
    known = ", ".join(e[inner]["id"] if inner else e["id"] for e in entries) or "none"
    raise PathError(f"there is no {what} '{key}' (the group has: {known})")


def _firm_change(firm_data: dict[str, Any], change: Change, rest: tuple[Step, ...], source: str | Path | None,
                 label: str, catalogue: Catalogue | None, where: str) -> dict[str, Any]:
    """One firm change on an entity's data (or a placeable item inside a probe firm); `where` names the part."""
    sub = Change.model_validate({"op": change.op, "path": format_path(rest),
                                 **({"value": change.value} if change.has_value else {})})
    firm = Firm.model_validate(firm_data)
    try:
        changed = apply_firm_changes(firm, [sub], source=source, label=label, catalogue=catalogue)
    except InputError as exc:
        raise InputError(str(exc).replace(f"{label}[0]", f"{label} in {where}")) from None
    return plain_data(changed)


def _names(container: dict[str, Any], field: str, change: Change, name: str | None) -> None:
    """add/remove a name in a list of names, or set the whole list."""
    values = list(container.get(field) or [])
    if name is None:
        if change.op != "set":
            raise PathError(f"'{field}' as a whole is set; add or remove one with {field}[NAME]")
        container[field] = change.value
    elif change.op == "add":
        if name in values:
            raise PathError(f"'{name}' is already in {field}")
        container[field] = [*values, name]
    elif change.op == "remove":
        if name not in values:
            raise PathError(f"'{name}' is not in {field} ({', '.join(values) or 'empty'})")
        container[field] = [v for v in values if v != name]
    else:
        raise PathError(f"{field}[{name}] is added or removed, not {change.op}")


def _set_field(container: dict[str, Any], field: str, change: Change, allowed: tuple[str, ...]) -> None:
    if field not in allowed:
        raise PathError(f"unknown field '{field}' here (one of {', '.join(allowed)})")
    if change.op != "set":
        raise PathError(f"'{field}' is set, not {change.op}")
    container[field] = change.value


def _apply(data: dict[str, Any], change: Change, label: str, source: str | Path | None,
           catalogue: Catalogue | None) -> None:
    steps = parse_path(change.path)
    head = steps[0].key
    if head == "entities" and len(steps) >= 3 and steps[1].bracket:
        e = _entry(data["entities"], steps[1].key, "entity", None)
        changed = _firm_change(dict(e), change, steps[2:], source, label, catalogue, format_path(steps[:2]))
        e.clear()
        e.update(changed)
    elif head == "new_entity" and len(steps) >= 3 and steps[1].key == "firm":
        ne = data.get("new_entity") or {}
        if not ne:
            raise PathError("the group plans no new entity")
        probe = {**ne["firm"], "district": ne["districts"][0]}
        changed = _firm_change(probe, change, steps[2:], source, label, catalogue, "new_entity.firm")
        changed.pop("district", None)
        ne["firm"] = changed
    elif head == "new_entity" and len(steps) >= 2:
        ne = data.get("new_entity") or {}
        if not ne:
            raise PathError("the group plans no new entity")
        if steps[1].key == "districts":
            _names(ne, "districts", change, steps[2].key if len(steps) > 2 else None)
        else:
            _set_field(ne, steps[1].key, change, ("settles",))
    elif head == "limits" and len(steps) == 2:
        data.setdefault("limits", {})
        _set_field(data["limits"], steps[1].key, change, ("applications_per_year", "effort_per_year"))
    elif head in _LISTS and len(steps) >= 2 and steps[1].bracket:
        _placeable(data, head, change, steps, label, source, catalogue)
    else:
        raise PathError("a group change starts with entities[ID], new_entity, placeable_projects[ID], "
                        "placeable_events[ID] or limits")


def _placeable(data: dict[str, Any], head: str, change: Change, steps: tuple[Step, ...], label: str,
               source: str | Path | None, catalogue: Catalogue | None) -> None:
    inner, entries, key = _LISTS[head], data.setdefault(head, []), steps[1].key
    if len(steps) == 2:  # the whole entry
        exists = any(e[inner]["id"] == key for e in entries)
        if change.op == "set":
            raise PathError(f"a whole entry is added, removed or replaced, not set: {head}[{key}]")
        if change.op == "add" and exists or change.op in ("remove", "replace") and not exists:
            raise PathError(f"{'there is already' if exists else 'there is no'} {inner} '{key}' to {change.op}")
        data[head] = [e for e in entries if e[inner]["id"] != key]
        if change.op in ("add", "replace"):
            data[head].append(plain_data(change.value))
        return
    e = _entry(entries, key, f"placeable {inner}", inner)
    field = steps[2].key
    if field == inner and len(steps) > 3:
        wrapper = {"id": "probe", "district": "tongzhou", f"{inner}s": [e[inner]]}
        rest = (Step(f"{inner}s"), Step(key, True), *steps[3:])
        changed = _firm_change(wrapper, change, rest, source, label, catalogue, format_path(steps[:2]))
        e[inner] = changed[f"{inner}s"][0]
    elif field in _NAMES:
        _names(e, field, change, steps[3].key if len(steps) > 3 else None)
    else:
        _set_field(e, field, change, ("started_by", "history") if inner == "project" else ())


def apply_group_changes(group: Group, changes: Iterable[Change | Mapping[str, Any]] | None, *,
                        source: str | Path | None = None, label: str = "group_changes",
                        catalogue: Catalogue | None = None) -> Group:
    """The group with the changes applied in order; InputError names `source`, the change and the path."""
    parsed = as_changes(changes)
    if not parsed:
        return group
    data = plain_data(group)
    data["entities"] = [plain_data(e) for e in group.entities]
    for i, change in enumerate(parsed):
        name = f"{label}[{i}]"
        try:
            _apply(data, change, name, source, catalogue)
        except PathError as exc:
            raise _fail(source, name, change, str(exc)) from None
    if data.get("new_entity"):
        data["new_entity"]["firm"] = {k: v for k, v in data["new_entity"]["firm"].items() if k != "district"}
    try:
        changed = group_from_data(Path(str(source or "group")), data, catalogue)
    except InputError as exc:
        raise InputError(one_paragraph(f"{source or 'group'}: the group after the changes is invalid: "
                                       f"{str(exc).split(': ', 1)[-1]}")) from None
    except ValidationError as err:  # pragma: no cover - group_from_data explains validation errors
        raise explain_validation(Path(str(source or "group")), data, err, "group", Group) from None
    return changed

