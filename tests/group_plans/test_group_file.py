"""Group files: read safely (entities inline or in their own files), every mistake refused in one paragraph
naming the file, the entry and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantstack.models.group_loading import load_group
from grantstack.models.input_errors import InputError

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "scenarios" / "groups" / "tongzhou_group.yaml"

BASE = """\
id: g
entities:
  - {id: a, district: tongzhou, tags: [advanced_manufacturing]}
  - {id: b, district: tongzhou}
"""


def _load(tmp_path: Path, text: str, name: str = "g.yaml") -> object:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_group(path)


def _refused(tmp_path: Path, text: str, *fragments: str) -> str:
    with pytest.raises(InputError) as info:
        _load(tmp_path, text)
    msg = str(info.value)
    assert "\n" not in msg.strip() and str(tmp_path / "g.yaml") in msg
    for f in fragments:
        assert f in msg, msg
    return msg


def test_the_example_loads_with_its_entity_file() -> None:
    g = load_group(EXAMPLE)
    assert g.entity_ids == ("tongzhou-manufacturer", "tz-components", "tz-ai-lab")
    assert g.entity("tongzhou-manufacturer").district == "tongzhou"  # read from ../firms/
    assert [p.project.id for p in g.placeable_projects] == ["line-2", "pilot-2"]
    assert g.new_entity is not None and g.new_entity.districts == ("dongcheng", "changping")


def test_a_placeable_project_with_an_unknown_carrier(tmp_path: Path) -> None:
    _refused(tmp_path, BASE + "placeable_projects:\n  - {carriers: [a, c], project: {id: p, kinds: [loan], "
             "start: 2025}}\n", "carrier 'c' is not an entity of the group")


def test_ids_are_unique_across_the_group(tmp_path: Path) -> None:
    text = BASE.replace("{id: b, district: tongzhou}", "{id: b, district: tongzhou, events: [{id: x, kind: "
                        "industrial_event, year: 2026}]}")
    _refused(tmp_path, text + "placeable_events:\n  - {carriers: [a], event: {id: x, kind: industrial_event, "
             "year: 2026}}\n", "duplicate project or event id", "'x'")


def test_started_by_must_be_a_carrier_and_history_needs_it(tmp_path: Path) -> None:
    project = "project: {id: p, kinds: [loan], start: 2025}"
    _refused(tmp_path, BASE + f"placeable_projects:\n  - {{carriers: [a], started_by: b, {project}}}\n",
             "started_by 'b' is not one of its carriers")
    _refused(tmp_path, BASE + f"placeable_projects:\n  - {{carriers: [a], {project}, history: [{{measure: "
             "tz.art10.loan_interest, year: 2024, amount: 5}]}\n", "name the entity in started_by")


def test_a_placeable_event_grants_no_status(tmp_path: Path) -> None:
    _refused(tmp_path, BASE + "placeable_events:\n  - {carriers: [a, b], event: {id: r, kind: "
             "recognition.ss_municipal, year: 2026, grants: [ss_municipal]}}\n", "status belongs to the entity")


def test_placeable_items_refer_only_to_each_other(tmp_path: Path) -> None:
    text = BASE.replace("{id: b, district: tongzhou}", "{id: b, district: tongzhou, events: [{id: own, kind: "
                        "standard.international, year: 2026}]}")
    _refused(tmp_path, text + "placeable_events:\n  - {carriers: [a, b], event: {id: w, kind: standard.national, "
             "year: 2027, linked_to: [own]}}\n", "'w' refers to 'own', which is not placeable")


def test_the_new_entitys_district_is_chosen_by_the_plan(tmp_path: Path) -> None:
    new = "new_entity: {districts: [dongcheng], settles: 2025-03-01, firm: {id: n, district: dongcheng}}\n"
    _refused(tmp_path, BASE + new, "new_entity", "leave it out; the plan chooses it")
    dated = ("new_entity: {districts: [dongcheng], settles: 2025-03-01, firm: {id: n, dates: {established: "
             "2020-01-01}}}\n")
    _refused(tmp_path, BASE + dated, "incorporated and settled on 'settles'")


def test_a_name_typo_in_a_placeable_project_gets_did_you_mean(tmp_path: Path) -> None:
    _refused(tmp_path, BASE + "placeable_projects:\n  - {carriers: [a], project: {id: p, kinds: [lone], start: "
             "2025}}\n", "entry placeable_projects[0], field 'project.kinds[0]'", "Did you mean 'loan'")


def test_an_entity_file_reference(tmp_path: Path) -> None:
    (tmp_path / "firms").mkdir()
    (tmp_path / "firms" / "b.yaml").write_text("id: b\ndistrict: tongzhuo\n", encoding="utf-8")
    text = BASE.replace("{id: b, district: tongzhou}", "{file: firms/b.yaml}")
    with pytest.raises(InputError) as info:
        _load(tmp_path, text)
    assert "firms/b.yaml" in str(info.value) and "district" in str(info.value)  # the firm file is named
    _refused(tmp_path, BASE.replace("{id: b, district: tongzhou}", "{file: firms/none.yaml}"),
             "entities[1]", "there is no firm file")
    (tmp_path / "firms" / "b.yaml").write_text("id: b\ndistrict: tongzhou\n", encoding="utf-8")
    g = _load(tmp_path, text)
    assert g.entity_ids == ("a", "b")  # type: ignore[attr-defined]
