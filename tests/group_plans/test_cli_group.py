"""grantstack plan-group and check-group: exit codes, formats, one-paragraph errors, and the Python API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import grantstack
from grantstack.cli import app

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "scenarios" / "groups" / "tongzhou_group.yaml"
runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("group") / "plan.json"
    res = runner.invoke(app, ["plan-group", str(EXAMPLE), "--out", str(out)])
    assert res.exit_code == 0, res.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_plan_group_json_report(report: dict) -> None:
    assert report["kind"] == "grantstack.group_plan" and report["schema_version"] == "1.0"
    assert report["status"] == "OPTIMAL" and report["proven_optimal"] is True
    assert report["total_yuan"] == sum(e["report"]["total_yuan"] for e in report["entities"])
    assert [e["entity"] for e in report["entities"]] == ["tongzhou-manufacturer", "tz-components", "tz-ai-lab"]
    assert set(report["plan"]["placements"]) == {"line-2", "pilot-2", "expo-2026-b"}
    assert report["plan"]["placements"]["pilot-2"] == "tz-components"  # started there, stays there
    kinds = [p["kind"] for p in report["placements"]]
    assert kinds.count("district") == 1 and kinds.count("unit") == 3
    assert "new_entity_introduced" not in {r["option"] for r in report["readings"]}  # no measure there reads a move in
    assert {r["kind"] for r in report["readings"]} == {"group", "interpretation", "all_generous"}
    roles = {i["role"] for i in report["inputs"]}
    assert {"group", "firm", "catalogue"} <= roles
    assert all(len(i["sha256"]) == 64 for i in report["inputs"])


def test_check_group_round_trip_and_a_tampered_plan(report: dict, tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    ok = runner.invoke(app, ["check-group", str(EXAMPLE), str(path)])
    assert ok.exit_code == 0 and "no violations" in ok.output
    report["plan"]["placements"]["pilot-2"] = "tongzhou-manufacturer"
    path.write_text(json.dumps(report), encoding="utf-8")
    bad = runner.invoke(app, ["check-group", str(EXAMPLE), str(path)])
    assert bad.exit_code == 1 and "group.placement" in bad.output and "started by 'tz-components'" in bad.output
    allowed = runner.invoke(app, ["check-group", str(EXAMPLE), str(path), "-o", "move_started_projects=true"])
    assert allowed.exit_code == 1 and "group.placement" not in allowed.output  # the plans no longer match


def test_markdown_and_table(tmp_path: Path) -> None:
    md = runner.invoke(app, ["plan-group", str(EXAMPLE), "--format", "md", "--no-alternatives", "--no-readings"])
    assert md.exit_code == 0
    assert md.output.startswith("# Group plan: Tongzhou precision-equipment group")
    assert "## Entity tz-ai-lab (dongcheng)" in md.output and "### Applications" in md.output
    table = runner.invoke(app, ["plan-group", str(EXAMPLE), "--no-readings"])
    assert table.exit_code == 0 and "Placements" in table.output and "value of the choice" in table.output


@pytest.mark.parametrize(("args", "fragment"), [
    (["-o", "move_started_projects=maybe"], "move_started_projects is true or false"),
    (["-o", "no_such_option=1"], "unknown option 'no_such_option'"),
    (["--years", "2029-2025"], "ends (2025) before it starts"),
    (["--out", "report.xlsx"], "give a .json, .md or .txt file"),
])
def test_bad_input_exits_2_with_one_paragraph(args: list[str], fragment: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["plan-group", str(EXAMPLE), *[str(tmp_path / a) if a.endswith(".xlsx") else a
                                                              for a in args]])
    assert res.exit_code == 2, res.output
    assert fragment in res.output and "Traceback" not in res.output


def test_a_bad_group_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text("id: g\nentities: []\n", encoding="utf-8")
    res = runner.invoke(app, ["plan-group", str(path)])
    assert res.exit_code == 2 and str(path) in res.output and "entities" in res.output


def test_python_api() -> None:
    group = grantstack.load_group(EXAMPLE)
    result = grantstack.plan_group(group, years="2025-2029", alternatives=False, readings=False)
    assert isinstance(result, grantstack.GroupResult) and result.proven_optimal
    frame = result.to_frame()
    assert set(frame["entity"]) <= set(group.entity_ids) and int(frame["amount_yuan"].sum()) == result.total_yuan
    assert result.to_dict()["kind"] == "grantstack.group_plan"
    assert "GroupResult(group='tongzhou-group', status=OPTIMAL" in repr(result)
    with pytest.raises(TypeError, match="group must be a Group"):
        grantstack.plan_group(42)
    with pytest.raises(grantstack.InputError, match="group_options"):
        grantstack.plan_group(group, group_options={"move_started": True})


def test_readme_group_commands_run_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re
    import shlex

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Corporate groups\n(.*?)(?=^## )", readme, re.S | re.M).group(1)
    lines = re.search(r"```sh\n(.*?)```", section, re.S).group(1).strip().splitlines()
    assert len(lines) == 4
    monkeypatch.chdir(REPO)
    for line in lines:
        args = [str(tmp_path / a) if a == "group.json" else a for a in shlex.split(line)[1:]]
        res = runner.invoke(app, args)
        assert res.exit_code == 0, (line, res.output)


def test_a_run_cut_short_by_the_wall_clock_exits_1_without_a_report(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    res = runner.invoke(app, ["plan-group", str(EXAMPLE), "-o", "time_limit=0.001", "--out", str(out)])
    assert res.exit_code == 1 and "group not planned" in res.output and "time_limit" in res.output
    assert "Traceback" not in res.output and not out.exists()


def test_the_example_worked_by_hand(report: dict) -> None:
    """scenarios/groups/tongzhou_group.yaml under the default readings, from the seed texts.

    - line-2 (investment 18M in 2026, 12M in 2027): 003 Art. 9 pays 30%, 5.4M + 3.6M = 9M, within 'a cumulative
      cap of RMB 20 million' per enterprise (upgrading_cap=per_enterprise). The manufacturer's smart-upgrade takes
      6.0M + 7.8M = 13.8M of its cap, leaving 6.2M; tz-components has no other Art. 9 line: it carries line-2,
      worth 9M - 6.2M = 2.8M against the manufacturer.
    - expo-2026-b (1.2M of expenses in 2026): Art. 14 pays 50%, 600k, 'Annual support per enterprise is capped at
      RMB 1 million'; the manufacturer's own expo-2026 takes 800k of its 2026 cap, leaving 200k: worth 400k at
      tz-components.
    - pilot-2 stays with tz-components, which started it (900k in 2024): Art. 4's 30%, 1.5M in 2025 and 1.2M in
      2026 (three consecutive years 2024-2026). tz-components: 9M + 600k + 2.7M = 12.3M.
    - tz-ai-lab in Dongcheng: 002's note 'If a single entity is eligible for multiple support policies, the most
      favorable policy shall apply' (most_favourable_scope=entity): one item over the plan. Dongcheng (4) pays 1M
      for revenue of 100M-1B with growth of 20% or more two consecutive years: 2027 (120M: +50%, +77.8%) and,
      windows not overlapping, 2029 (180M: +20%, +25%): 2M, more than (1)'s 500k or (6)'s 100k + 100k + 3 x 250k.
      Changping pays high-tech enterprises only: nothing. The district is worth 2M.
    - The group: the manufacturer's 28,400,000 (README) + 12,300,000 + 2,000,000 = 42,700,000.
    Readings, the whole group re-solved: overlapping growth windows add 2028's 1M; one policy a year (entity_year)
    gives tz-ai-lab 500k + 100k + 1M + 250k + 1M = 2.85M (+850k); per matter 500k + 2M + 950k = 3.45M (+1.45M).
    Each entity's own readings (its placement fixed) are in its report: tz-ai-lab's the same three."""
    assert report["total_yuan"] == 42_700_000 and report["district"] == "dongcheng"
    totals = {e["entity"]: e["report"]["total_yuan"] for e in report["entities"]}
    assert totals == {"tongzhou-manufacturer": 28_400_000, "tz-components": 12_300_000, "tz-ai-lab": 2_000_000}
    values = {p["item"]: (p["chosen"], p["value"]) for p in report["placements"]}
    assert values == {"line-2": ("tz-components", 2_800_000), "pilot-2": ("tz-components", None),
                      "expo-2026-b": ("tz-components", 400_000), "tz-ai-lab": ("dongcheng", 2_000_000)}
    lab = next(p for p in report["plan"]["plans"] if p["firm"] == "tz-ai-lab")
    assert [(a["measure"], a["year"], a["amount"]) for a in lab["applications"]] == [
        ("ai.dongcheng.4.revenue_growth", 2027, 1_000_000), ("ai.dongcheng.4.revenue_growth", 2029, 1_000_000)]
    stake = {(r["option"], r["reading"]): r["difference"] for r in report["readings"] if r["kind"] != "all_generous"}
    assert stake[("move_started_projects", "true")] == 0
    assert stake[("growth_award_windows", "overlapping")] == 1_000_000
    assert stake[("most_favourable_scope", "entity_year")] == 850_000
    assert stake[("most_favourable_scope", "matter")] == 1_450_000
    assert all(r["status"] == "OPTIMAL" for r in report["readings"])
    (everything,) = [r for r in report["readings"] if r["kind"] == "all_generous"]
    assert everything["difference"] >= max(stake.values())  # every generous reading at once pays at least each one
    own = next(e["report"]["readings"] for e in report["entities"] if e["entity"] == "tz-ai-lab")
    mine = {(r["option"], r["reading"]): r["difference"] for r in own if r["option"] != "all_generous"}
    assert {k: mine[k] for k in [("growth_award_windows", "overlapping"), ("most_favourable_scope", "entity_year"),
                                 ("most_favourable_scope", "matter")]} == {
        ("growth_award_windows", "overlapping"): 1_000_000, ("most_favourable_scope", "entity_year"): 850_000,
        ("most_favourable_scope", "matter"): 1_450_000}
