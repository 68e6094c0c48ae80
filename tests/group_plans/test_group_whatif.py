"""Groups in the what-if features: group changes through the one change mechanism, group scenario files, and
`grantstack compare` with a group base."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grantstack.cli import app
from grantstack.models.input_errors import InputError
from grantstack.scenarios.group_changes import apply_group_changes
from grantstack.scenarios.group_comparison import compare_groups
from grantstack.scenarios.group_scenario import GroupScenario, load_group_scenario
from tests.factories import firm
from tests.group_plans.helpers import group
from tests.group_plans.test_hand_worked import CAT, SETTLEMENT, _line, _old_project_and_history

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "scenarios" / "groups" / "tongzhou_group.yaml"
VARIANT = REPO / "scenarios" / "examples" / "tongzhou_group_changping.yaml"
runner = CliRunner(env={"COLUMNS": "200"})


def test_changes_reach_entities_placeables_and_the_groups_own_fields() -> None:
    g = group([firm(id="a"), firm(id="b")], placeable_projects=[_line()],
              new_entity={"firm": {"id": "n"}, "districts": ["dongcheng", "changping"], "settles": "2025-03-01"})
    changed = apply_group_changes(g, [
        {"op": "add", "path": "entities[b].metrics.revenue", "value": {2025: 1}},
        {"op": "set", "path": "placeable_projects[line].project.costs.investment[0]", "value": 5_000_000},
        {"op": "remove", "path": "placeable_projects[line].carriers[a]"},
        {"op": "add", "path": "new_entity.firm.tags[ai]"},
        {"op": "remove", "path": "new_entity.districts[dongcheng]"},
        {"op": "set", "path": "limits.applications_per_year", "value": 3},
    ])
    assert changed.entity("b").metrics == {"revenue": {2025: 1}}
    (line,) = changed.placeable_projects
    assert line.project.costs["investment"] == (5_000_000,) and line.carriers == ("b",)
    assert changed.new_entity.firm.tags == ("ai",) and changed.new_entity.districts == ("changping",)
    assert changed.limits.applications_per_year == 3
    assert g.placeable_projects[0].carriers == ("a", "b")  # the base is untouched


@pytest.mark.parametrize(("change", "fragment"), [
    ({"op": "set", "path": "entities[c].tags", "value": []}, "there is no entity 'c' (the group has: a, b)"),
    ({"op": "add", "path": "placeable_projects[line].carriers[a]"}, "'a' is already in carriers"),
    ({"op": "set", "path": "placeable_projects[line].project.costs.investmnt[0]", "value": 1},
     "group_changes[0] in placeable_projects[line]"),
    ({"op": "set", "path": "owners", "value": 1}, "a group change starts with entities[ID]"),
    ({"op": "remove", "path": "placeable_projects[line].carriers[b]"}, None),  # leaves a valid group
])
def test_a_bad_change_is_one_paragraph_naming_the_change(change: dict, fragment: str | None) -> None:
    g = group([firm(id="a"), firm(id="b")], placeable_projects=[_line()])
    if fragment is None:
        assert apply_group_changes(g, [change]).placeable_projects[0].carriers == ("a",)
        return
    with pytest.raises(InputError) as info:
        apply_group_changes(g, [change], source="s.yaml")
    msg = str(info.value)
    assert msg.startswith("s.yaml: ") and "group_changes[0]" in msg and fragment in msg, msg


def test_comparing_a_variant_that_forbids_the_cheaper_carrier() -> None:
    """a has 500k of its cap left, b all of it: forbidding b moves the line to a and costs 700k."""
    g = group([firm(id="a", **_old_project_and_history(1_500_000)), firm(id="b")], placeable_projects=[_line()])
    base = GroupScenario.from_group(g, catalogue=CAT)
    variant = base.variant(group_changes=[{"op": "remove", "path": "placeable_projects[line].carriers[b]"}],
                           name="only-a")
    same = base.variant(name="same")
    c = compare_groups(base, [variant, same])
    assert c.proven
    moved, unchanged = c.diffs
    assert moved.total.difference == -700_000
    assert [(m.item, m.before, m.after) for m in moved.moves] == [("line", "b", "a")]
    assert unchanged.empty and unchanged.total.difference == 0


def test_a_group_option_in_a_scenario_changes_the_district() -> None:
    g = group([firm(id="a")], new_entity={"firm": {"id": "n", "tags": ["ai"]}, "districts": ["dongcheng", "changping"],
                                          "settles": "2025-03-01"})
    base = GroupScenario.from_group(g, catalogue=SETTLEMENT)
    introduced = base.variant(options={"new_entity_introduced": True}, name="introduced")
    c = compare_groups(base, [introduced])
    assert c.diffs[0].district == ("dongcheng", "changping") and c.diffs[0].total.difference == 800_000


def test_compare_command_with_a_group_base(tmp_path: Path) -> None:
    s = load_group_scenario(VARIANT)
    assert s.name == "group-ai-lab-in-changping" and s.group.new_entity.districts == ("changping",)
    out = tmp_path / "c.json"
    res = runner.invoke(app, ["compare", str(EXAMPLE), str(VARIANT), "--out", str(out)])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text())
    assert doc["kind"] == "grantstack.group_comparison" and doc["proven"] is True
    (v,) = doc["variants"]
    assert v["diff"]["district"] == {"before": "dongcheng", "after": "changping"}
    assert v["total_yuan"] - doc["base"]["total_yuan"] == v["diff"]["total"]["difference"] < 0
    assert {i["role"] for i in v["inputs"]} >= {"scenario", "group", "catalogue"}
    bad = runner.invoke(app, ["compare", str(EXAMPLE), str(REPO / "scenarios" / "firms" / "daxing_hydrogen.yaml")])
    assert bad.exit_code == 2 and "must be a group file or a group scenario file" in bad.output
    csv = runner.invoke(app, ["compare", str(EXAMPLE), str(VARIANT), "--format", "csv"])
    assert csv.exit_code == 2 and "table or json" in csv.output




def test_group_sensitivity_ranks_probes_re_solved_for_the_group() -> None:
    """A's project cost +10% (4.4M -> 30% = 1.32M, but a has 500k of cap) and the placeable line's: the line
    sits at b, so its +10% pays 120k more; a's own project gains nothing (a's cap is full)."""
    from grantstack.scenarios.group_sensitivity import group_probes, group_sensitivity

    own = {"id": "own", "kinds": ["industrial_upgrading"], "start": 2025, "costs": {"investment": [4_000_000]}}
    a = firm(id="a", **{**_old_project_and_history(1_500_000),
                        "projects": [*_old_project_and_history(1_500_000)["projects"], own]})
    g = group([a, firm(id="b")], placeable_projects=[_line()])
    s = GroupScenario.from_group(g, catalogue=CAT)
    probes = [p for p in group_probes(s) if p.kind.startswith("cost") and "10%" in p.label]
    assert {p.target for p in probes} == {"own", "line", "old"}
    r = group_sensitivity(s, probes)
    assert r.proven and r.base_objective == 1_700_000  # line 1.2M at b, own 500k at a
    by = {x.probe.target: x.delta for x in r.results}
    assert by == {"line": 120_000, "own": 0, "old": 0}
    assert r.results[0].probe.target == "line" and r.results[0].per_yuan == 0.3


def test_group_sweep_re_solves_the_group_at_every_point(tmp_path: Path) -> None:
    from grantstack.scenarios.group_sweep import is_group_sweep, load_group_sweep, run_group_sweep

    sweep_file = tmp_path / "s.yaml"
    sweep_file.write_text(
        f"sweep: s\nbase: {EXAMPLE}\nparameters:\n"
        "  - {name: line2, path: 'placeable_projects[line-2].project.costs.investment[0]',\n"
        "     values: [6000000, 18000000]}\n"
        "  - {name: settle, option: new_entity_introduced, values: [false]}\n", encoding="utf-8")
    assert is_group_sweep(sweep_file)
    assert not is_group_sweep(REPO / "scenarios" / "examples" / "shijingshan_sweep.yaml")
    sweep = load_group_sweep(sweep_file)
    result = run_group_sweep(sweep, processes=1)
    assert result.proven and [r[0] for r in result.rows] == [0, 1]
    objectives = [r[result.columns.index("objective_yuan")] for r in result.rows]
    expected = [sweep.variant(p).plan().objective for p in sweep.points()]
    assert objectives == expected and objectives[1] == load_group_scenario(EXAMPLE).plan().objective
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"sweep: b\nbase: {EXAMPLE}\nparameters:\n"
                   "  - {name: x, path: 'placeable_projects[nope].carriers', values: [[a]]}\n", encoding="utf-8")
    with pytest.raises(InputError, match="parameter 'x'.*there is no placeable project 'nope'"):
        load_group_sweep(bad)
