"""`grantstack compare` and `grantstack sensitivity` from the command line: formats, exit codes, refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from grantstack.cli import app
from tests.cli.conftest import ROOT

runner = CliRunner(env={"COLUMNS": "250"})
TONGZHOU = ROOT / "scenarios/firms/tongzhou_manufacturer.yaml"
SHIJINGSHAN = ROOT / "scenarios/firms/shijingshan_ss_sme.yaml"
EXAMPLES = ROOT / "scenarios/examples"


def scenario(tmp_path: Path, body: str, firm: Path = SHIJINGSHAN, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(f"scenario: {Path(name).stem}\nfirm: {firm}\n{body}", encoding="utf-8")
    return path


def bad_input(res: Any, *needles: str) -> str:
    assert res.exit_code == 2, res.output
    msg = res.stderr.strip()
    assert msg.startswith("grantstack: error:") and "\n" not in msg and "Traceback" not in res.output, msg
    for needle in needles:
        assert needle in msg, msg
    return msg


def test_compare_table_shows_the_changed_decision() -> None:
    res = runner.invoke(app, ["compare", str(SHIJINGSHAN), str(EXAMPLES / "shijingshan_no_little_giant.yaml")])
    assert res.exit_code == 0, res.output
    assert "no-little-giant" in res.stdout and "ss.shijingshan.little_giant" in res.stdout
    assert "-600,000" in res.stdout


def test_compare_json_is_versioned_and_records_inputs(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    variant = EXAMPLES / "tongzhou_pilot_plus_1m.yaml"
    res = runner.invoke(app, ["compare", str(TONGZHOU), str(variant), "--out", str(out)])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text())
    assert doc["schema_version"] == "1.0" and doc["kind"] == "grantstack.compare" and doc["proven_optimal"]
    diff = doc["variants"][0]["diff"]  # 30% of 39M = 11.7M is already above the 10M cap: nothing more in total
    assert diff["totals"]["total"]["difference"] == 0
    assert {(d["year_after"], d["difference"]) for d in diff["decisions"]} == {(2026, 300_000), (2027, -300_000)}
    roles = {(i["role"], Path(i["path"]).name) for i in doc["inputs"]}
    assert ("scenario", variant.name) in roles and ("firm", TONGZHOU.name) in roles
    assert sum(1 for r, _ in roles if r == "catalogue") == 5
    assert all(len(i["sha256"]) == 64 for i in doc["inputs"])


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "html"])
def test_compare_files(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"c.{suffix}"
    variant = scenario(tmp_path, "firm_changes:\n  - {op: remove, path: 'events[little-giant]'}\n")
    res = runner.invoke(app, ["compare", str(SHIJINGSHAN), str(variant), "--out", str(out)])
    assert res.exit_code == 0, res.output
    if suffix == "csv":
        lines = out.read_text().splitlines()
        assert lines[0].startswith("variant,section,kind,key")
        assert "s,decision,removed,ss.shijingshan.little_giant,little-giant,2026,,600000,0,-600000" in lines
    elif suffix == "xlsx":
        wb = load_workbook(out)
        assert wb.sheetnames == ["Summary", "Changes", "Inputs"]
        # without the little giant the patent annuity subsidy (330,000) beats the S&S tier alone (issue 9: one
        # policy under the 001 note)
        assert [c.value for c in wb["Summary"][3]][:4] == ["s", "OPTIMAL", 330_000, -470_000]
    else:
        page = out.read_text()
        assert page.startswith("<!doctype html>") and "<svg" in page and "ss.shijingshan.little_giant" in page
        assert page.count("<rect") == 2 * 5  # base and variant, five years


def test_a_scenario_naming_an_unknown_id_is_refused_with_exit_2(tmp_path: Path) -> None:
    bad = scenario(tmp_path, "catalogue_changes:\n  - {op: replace, path: 'measures[ss.shijingshan.little_gaint]', "
                   "value: {}}\n", name="bad.yaml")
    msg = bad_input(runner.invoke(app, ["compare", str(SHIJINGSHAN), str(bad)]), str(bad),
                    "catalogue_changes[0] (replace measures[ss.shijingshan.little_gaint]",
                    "did you mean 'ss.shijingshan.little_giant'?")
    assert "nothing was changed" in msg
    bad = scenario(tmp_path, "firm_changes:\n  - {op: set, path: 'events[little-gaint].window', value: [2027, 2028]}\n",
                   name="bad2.yaml")
    bad_input(runner.invoke(app, ["compare", str(SHIJINGSHAN), str(bad)]), str(bad),
              "firm_changes[0] (set events[little-gaint].window", "no event 'little-gaint'")
    bad = scenario(tmp_path, "firm_changes:\n  - {op: set, path: 'projects[patents].cost', value: {}}\n",
                   name="bad3.yaml")
    bad_input(runner.invoke(app, ["sensitivity", str(bad)]), str(bad), "has no field 'cost'")


def test_compare_refuses_an_unknown_format_suffix(tmp_path: Path) -> None:
    bad_input(runner.invoke(app, ["compare", str(SHIJINGSHAN), str(SHIJINGSHAN), "--out", str(tmp_path / "c.pdf")]),
              "c.pdf", "--format")


def test_sensitivity_table_json_and_csv(tmp_path: Path) -> None:
    res = runner.invoke(app, ["sensitivity", str(SHIJINGSHAN), "--top", "3"])
    assert res.exit_code == 0, res.output
    assert "ss.shijingshan.little_giant: left out" in res.stdout and "-470,000" in res.stdout
    assert "probes in" in res.stdout
    out = tmp_path / "s.json"
    assert runner.invoke(app, ["sensitivity", str(SHIJINGSHAN), "--out", str(out)]).exit_code == 0
    doc = json.loads(out.read_text())
    assert doc["kind"] == "grantstack.sensitivity" and doc["proven_optimal"] and doc["base"]["total_yuan"] == 800_000
    first = doc["probes"][0]
    assert (first["probe"], first["delta_yuan"]) == ("ss.shijingshan.little_giant: left out", -470_000)
    assert doc["timing"]["probes"] == len(doc["probes"]) and 0 < doc["timing"]["solve_share"] <= 1
    res = runner.invoke(app, ["sensitivity", str(SHIJINGSHAN), "--format", "csv", "--top", "2"])
    assert res.stdout.splitlines()[0].startswith("rank,kind,target,probe,status") and len(res.stdout.splitlines()) == 3
