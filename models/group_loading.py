"""Read a group file safely: entities inline or in their own firm files, every name checked, one clear error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.group import Group
from grantstack.models.group_plan import GroupPlan
from grantstack.models.input_errors import InputError, explain_names
from grantstack.models.loading import load_firm, validate_document
from grantstack.models.names import Problem, firm_name_problems
from grantstack.models.provenance import InputFile, inputs_of, record_inputs
from grantstack.models.vocabulary import vocabulary
from grantstack.models.yaml_reader import read_input

__all__ = ["group_from_data", "load_group", "load_group_plan"]


def _entity_files(path: Path, data: dict[Any, Any], catalogue: Catalogue | None) -> list[InputFile]:
    """Replace each `{file: PATH}` entity by the firm read (and checked) from that file; the files read."""
    entities = data.get("entities")
    if not isinstance(entities, list):
        return []
    read: list[InputFile] = []
    for i, entry in enumerate(entities):
        if not (isinstance(entry, dict) and set(entry) == {"file"}):
            continue
        ref = entry["file"]
        if not isinstance(ref, str) or not ref.strip():
            raise InputError(f"{path}: entities[{i}], field 'file': must be the path of a firm file (relative to "
                             "the group file), e.g. file: ../firms/tongzhou_manufacturer.yaml")
        target = (path.parent / ref.strip()) if not Path(ref.strip()).is_absolute() else Path(ref.strip())
        if not target.is_file():
            raise InputError(f"{path}: entities[{i}], field 'file': there is no firm file at {target}. Give a path "
                             "relative to the group file.")
        firm = load_firm(target, catalogue)
        entities[i] = firm
        read += inputs_of(firm)
    return read


def _name_problems(group: Group, catalogue: Catalogue | None, inline: set[int]) -> list[Problem]:
    """Names (tags, kinds, statuses, metrics, fields) in the group file that the vocabulary does not know."""
    vocab = vocabulary(catalogue)
    out: list[Problem] = []
    for i, f in enumerate(group.entities):
        if i in inline:
            out += [(("entities", i, *loc), msg) for loc, msg in firm_name_problems(f, vocab)]
    if group.new_entity is not None:
        out += [(("new_entity", "firm", *loc), msg) for loc, msg in firm_name_problems(group.new_entity.firm, vocab)]
    probe = Firm(id="probe", district=group.entities[0].district,
                 projects=tuple(p.project for p in group.placeable_projects),
                 events=tuple(e.event for e in group.placeable_events))
    where = {"projects": ("placeable_projects", "project"), "events": ("placeable_events", "event")}
    out += [((where[loc[0]][0], loc[1], where[loc[0]][1], *loc[2:]), msg)
            for loc, msg in firm_name_problems(probe, vocab)]
    return out


def group_from_data(path: Path, data: dict[Any, Any], catalogue: Catalogue | None = None,
                    files: list[InputFile] | None = None) -> Group:
    """A group from a file's parsed mapping (entity files already read), names checked, inputs recorded."""
    inline = {i for i, e in enumerate(data.get("entities") or []) if not isinstance(e, Firm)}
    group = validate_document(path, data, Group, "group file")
    problems = _name_problems(group, catalogue, inline)
    if problems:
        raise explain_names(path, data, problems, "group file")
    record_inputs(group, files or [])
    return group


def load_group(path: str | Path, catalogue: Catalogue | None = None) -> Group:
    """Load and validate a group file; entities may be inline firms or `{file: PATH}` to a firm file."""
    src, data = read_input(path)
    entity_files = _entity_files(src.path, data, catalogue)
    own = InputFile(role="group", path=str(src.path), sha256=src.sha256)
    return group_from_data(src.path, data, catalogue, [own, *entity_files])


def load_group_plan(path: str | Path) -> GroupPlan:
    """A group plan file (JSON or YAML), or the `plan` of a `plan-group --format json` report."""
    src, data = read_input(path)
    if data.get("kind") == "grantstack.group_plan":
        if not isinstance(data.get("plan"), dict):
            raise InputError(f"{src.path}: this group report holds no plan (status {data.get('status', 'unknown')}); "
                             "check a report whose status is OPTIMAL or FEASIBLE, or a group plan drafted by hand.")
        data = data["plan"]
    return validate_document(src.path, data, GroupPlan, "group plan file")
