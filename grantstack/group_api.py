"""The Python API for corporate groups: load a group, plan it, and read the result.

    import grantstack
    group = grantstack.load_group("scenarios/groups/tongzhou_group.yaml")
    result = grantstack.plan_group(group, years=(2025, 2029), group_options={"move_started_projects": True})
    result.to_frame()                  # one row per application, with the entity
    result.to_dict()                   # the versioned JSON document of `grantstack plan-group --format json`
"""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import PrivateAttr, ValidationError

from grantstack.api_args import PathLike, as_catalogue, as_options, as_years, type_error
from grantstack.models.catalogue import Catalogue
from grantstack.models.group import Group
from grantstack.models.group_loading import group_from_data
from grantstack.models.group_loading import load_group as _load_group
from grantstack.models.group_options import GroupOptions
from grantstack.models.input_errors import InputError
from grantstack.optimizer.group.result import GroupPlanResult

if TYPE_CHECKING:
    import pandas

__all__ = ["GroupResult", "group_from_dict", "load_group", "plan_group"]

DEFAULT_YEARS = (2025, 2029)
FRAME_COLUMNS = ("entity", "district", "year", "measure", "subject", "amount_yuan", "discretionary", "binding")


class GroupResult(GroupPlanResult):
    """A GroupPlanResult that knows its catalogue and group, and renders itself."""

    _catalogue: Catalogue | None = PrivateAttr(default=None)
    _group: Group | None = PrivateAttr(default=None)

    @classmethod
    def of(cls, result: GroupPlanResult, catalogue: Catalogue, group: Group) -> GroupResult:
        """Wrap an optimizer result (no copy of its fields)."""
        out = cls.model_construct(_fields_set=set(result.model_fields_set), **dict(result))
        out._catalogue, out._group = catalogue, group
        return out

    def to_dict(self) -> dict[str, Any]:
        """The versioned JSON document of `grantstack plan-group --format json` as a dict."""
        from grantstack.group_report import group_document

        assert self._catalogue is not None
        return group_document(self, self._catalogue, self._group)

    def to_json(self, indent: int | None = 2) -> str:
        """The same document as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_frame(self) -> pandas.DataFrame:
        """One row per application of every entity, sorted by entity and year; amounts in whole yuan."""
        import pandas

        rows = [(e.entity, e.district, a.year, a.measure, a.subject, a.amount, a.discretionary, a.binding)
                for e in self.entities if e.result.plan is not None for a in e.result.plan.applications]
        frame = pandas.DataFrame(rows, columns=list(FRAME_COLUMNS))
        return frame.astype({"year": "int64", "amount_yuan": "int64", "discretionary": "bool"})

    def __repr__(self) -> str:
        placed = dict(self.plan.placements) if self.plan else {}
        district = f", district={self.plan.district}" if self.plan and self.plan.district else ""
        return (f"GroupResult(group={self.group!r}, status={self.status}, total={self.total_yuan:,} yuan, "
                f"entities={len(self.entities)}, placements={placed}{district})")

    def __str__(self) -> str:
        from grantstack.group_report import render_group

        assert self._catalogue is not None
        return render_group(self, self._catalogue, "table", self._group)


def load_group(path: str | Path, *, catalogue: Catalogue | None = None) -> Group:
    """A group file (YAML or JSON), validated; its entities may be inline or `{file: PATH}` firm files."""
    if not isinstance(path, PathLike):
        raise type_error("load_group", "path", "a path to a group file (str or pathlib.Path); for a dict use "
                         "grantstack.group_from_dict()", path)
    return _load_group(path, catalogue)


def group_from_dict(data: Mapping[str, Any], *, catalogue: Catalogue | None = None) -> Group:
    """A group from a dict with the fields of a group file (schemas/group.schema.json), checked like a file."""
    if not isinstance(data, Mapping):
        raise type_error("group_from_dict", "data", "a dict of group fields (id, entities, placeable_projects, ...)",
                         data)
    return group_from_data(Path("group (a dict)"), dict(data), catalogue)


def _group_options(value: Any) -> GroupOptions:
    if value is None:
        return GroupOptions()
    if isinstance(value, GroupOptions):
        return value
    if isinstance(value, Mapping):
        try:
            return GroupOptions.model_validate(dict(value))
        except ValidationError as err:
            e = err.errors()[0]
            raise InputError(f"grantstack.plan_group(): group_options {'.'.join(map(str, e['loc']))}: {e['msg']} "
                             f"(known: {', '.join(GroupOptions.model_fields)}).") from None
    raise type_error("plan_group", "group_options", "None, a GroupOptions, or a dict such as "
                     "{'move_started_projects': True}", value)


def plan_group(group: Group | str | Path | Mapping[str, Any], years: Any = DEFAULT_YEARS, options: Any = None,
               group_options: Any = None, *, catalogue: Catalogue | str | Path | None = None, method: str = "auto",
               alternatives: bool = True, readings: bool = True) -> GroupResult:
    """The group's best legal plan (OPTIMAL only when proven): placements, the new entity's district and every
    entity's canonical plan, each checked; each placement valued against its best alternative.

    group: a Group, a path to a group file, or a dict of its fields. options: as for grantstack.plan (every
    entity's planning and interpretation options). group_options: None, a GroupOptions or a dict
    (move_started_projects, new_entity_introduced). method: auto, decompose or merged."""
    cat = as_catalogue(catalogue, "plan_group")
    horizon = as_years(years, "plan_group")
    chosen = as_options(options, "plan_group")
    flags = _group_options(group_options)
    if method not in ("auto", "decompose", "merged"):
        raise ValueError(f"grantstack.plan_group(): method must be auto, decompose or merged, not {method!r}.")
    if isinstance(group, Group):
        the_group = group
    elif isinstance(group, PathLike):
        the_group = _load_group(group, cat)
    elif isinstance(group, Mapping):
        the_group = group_from_data(Path("group (a dict)"), dict(group), cat)
    else:
        raise type_error("plan_group", "group", "a Group, a path to a group file or a dict of group fields", group)
    from grantstack.optimizer.group import plan_group as solve

    handler = signal.getsignal(signal.SIGINT)
    try:
        result = solve(cat, the_group, horizon, chosen, flags, method=method,  # type: ignore[arg-type]
                       alternatives=alternatives, readings=readings)
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, handler)  # a CP-SAT solve leaves Ctrl-C at its default action
    return GroupResult.of(result, cat, the_group)
