"""Group scenarios: a group, a catalogue, a horizon and options (every entity's and the group's), reached from a
base by changes (scenarios/group_changes.py); loaded from group scenario files; planned by plan_group."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.group import Group
from grantstack.models.group_loading import load_group
from grantstack.models.group_options import GroupOptions
from grantstack.models.group_plan import GroupPlan
from grantstack.models.group_scenario_file import GroupScenarioFile
from grantstack.models.input_errors import InputError, one_paragraph
from grantstack.models.loading import load_catalogue
from grantstack.models.options import PlanOptions
from grantstack.models.provenance import InputFile, inputs_of, record_inputs
from grantstack.models.scenario_file import Change
from grantstack.models.yaml_reader import read_mapping
from grantstack.scenarios.changes import apply_catalogue_changes, as_changes
from grantstack.scenarios.group_changes import apply_group_changes
from grantstack.scenarios.scenario import DEFAULT_YEARS, file_record, options_from, read_spec

if TYPE_CHECKING:
    from grantstack.optimizer.group.result import GroupPlanResult

__all__ = ["GroupScenario", "is_group_input", "load_group_scenario", "split_options"]


def split_options(values: Mapping[str, Any], base: PlanOptions, group_base: GroupOptions,
                  source: str = "options") -> tuple[PlanOptions, GroupOptions]:
    """Options by name: the group's own (move_started_projects, new_entity_introduced) and every entity's."""
    mine = {k: v for k, v in values.items() if k in GroupOptions.model_fields}
    for k, v in mine.items():
        if not isinstance(v, bool):
            raise InputError(one_paragraph(f"{source}: option '{k}': bad value {v!r}: true or false."))
    rest = {k: v for k, v in values.items() if k not in mine}
    return (options_from(rest, base, source) if rest else base), group_base.model_copy(update=mine)


@dataclass(frozen=True)
class GroupScenario:
    """A group and a catalogue (each after its changes), a horizon, options: everything one group plan needs."""

    name: str
    group: Group
    catalogue: Catalogue
    years: tuple[int, int] = DEFAULT_YEARS
    options: PlanOptions = field(default_factory=PlanOptions)
    group_options: GroupOptions = field(default_factory=GroupOptions)
    group_changes: tuple[Change, ...] = ()
    catalogue_changes: tuple[Change, ...] = ()
    title: str = ""
    inputs: tuple[InputFile, ...] = ()

    @classmethod
    def from_group(cls, group: Group | str | Path, *, catalogue: Catalogue | None = None,
                   years: tuple[int, int] = DEFAULT_YEARS, options: PlanOptions | None = None,
                   group_options: GroupOptions | None = None, name: str | None = None) -> GroupScenario:
        """A scenario of a group (a Group or a group file), the bundled catalogue unless given."""
        catalogue = catalogue if catalogue is not None else load_catalogue()
        if not isinstance(group, Group):
            group = load_group(group, catalogue)
        return cls(name or group.id, group, catalogue, tuple(years), options or PlanOptions(),  # type: ignore[arg-type]
                   group_options or GroupOptions(), inputs=inputs_of(group, catalogue))

    def variant(self, *, group_changes: Iterable[Change | Mapping[str, Any]] = (),
                catalogue_changes: Iterable[Change | Mapping[str, Any]] = (),
                options: Mapping[str, Any] | None = None, years: tuple[int, int] | None = None,
                name: str | None = None, title: str = "", source: str | Path | None = None) -> GroupScenario:
        """This scenario with further changes (group, catalogue, options by name, horizon)."""
        gc, cc = list(group_changes), list(catalogue_changes)
        catalogue = apply_catalogue_changes(self.catalogue, cc, source=source)
        group = apply_group_changes(self.group, gc, source=source, catalogue=catalogue)
        where = f"{source}: options" if source else "options"
        opts, gopts = split_options(options or {}, self.options, self.group_options, where)
        if group is not self.group:
            record_inputs(group, self.inputs)
        if catalogue is not self.catalogue:
            record_inputs(catalogue, inputs_of(self.catalogue))
        return replace(self, name=name or f"{self.name}*", title=title or self.title, group=group,
                       catalogue=catalogue, years=tuple(years or self.years), options=opts,  # type: ignore[arg-type]
                       group_options=gopts, group_changes=self.group_changes + tuple(as_changes(gc)),
                       catalogue_changes=self.catalogue_changes + tuple(as_changes(cc)))

    def plan(self, base: GroupPlan | None = None, *, alternatives: bool = False,
             readings: bool = False) -> GroupPlanResult:
        """The group's plan under this scenario (each entity's plan closest to its plan in `base`, if given)."""
        from grantstack.optimizer.group import plan_group

        return plan_group(self.catalogue, self.group, self.years, self.options, self.group_options,
                          alternatives=alternatives, readings=readings, base=base)

    def describe(self) -> dict[str, Any]:
        """Name, changes and options, as reports record them."""
        return {"name": self.name, "title": self.title, "group": self.group.id, "years": list(self.years),
                "group_options": self.group_options.model_dump(),
                "group_changes": [c.model_dump(mode="json") for c in self.group_changes],
                "catalogue_changes": [c.model_dump(mode="json") for c in self.catalogue_changes],
                "inputs": [i.model_dump() for i in self.inputs]}


def is_group_input(path: str | Path) -> bool:
    """True for a group file (top-level `entities`) or a group scenario file (`scenario` and `group`)."""
    try:
        data = read_mapping(path)[1]
    except InputError:
        return False
    return "entities" in data or ("scenario" in data and "group" in data)


def load_group_scenario(path: str | Path, *, catalogue: Catalogue | None = None,
                        years: tuple[int, int] | None = None, options: PlanOptions | None = None,
                        group_options: GroupOptions | None = None) -> GroupScenario:
    """A group scenario file, or a group file as a scenario without changes."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    data = read_mapping(path)[1]
    if "entities" in data:
        return GroupScenario.from_group(path, catalogue=catalogue, years=years or DEFAULT_YEARS, options=options,
                                        group_options=group_options, name=Path(path).stem)
    p, spec, group_path = read_spec(path, GroupScenarioFile, "group scenario file", "group")
    group = load_group(group_path, catalogue)
    inputs = (file_record("scenario", p), *inputs_of(group, catalogue))
    record_inputs(group, inputs)
    base = GroupScenario(spec.scenario, group, catalogue, years or DEFAULT_YEARS, options or PlanOptions(),
                         group_options or GroupOptions(), inputs=inputs)
    return base.variant(group_changes=spec.group_changes, catalogue_changes=spec.catalogue_changes,
                        options=spec.options, years=spec.years, name=spec.scenario, title=spec.title, source=p)
