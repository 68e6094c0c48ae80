"""check reads the options a plan report recorded (flags override, and the output says so); a report without
a plan gets one message; names in a plan file are checked; OPTIMAL reports a gap of exactly 0 (issue 10)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grantstack.cli import app
from grantstack.models.loading import load_catalogue, load_firm
from grantstack.models.options import PlanOptions
from grantstack.optimizer import plan

ROOT = Path(__file__).resolve().parents[2]
FIRM = ROOT / "scenarios" / "firms" / "tongzhou_manufacturer.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The JSON report of the example firm's plan (default options)."""
    res = runner.invoke(app, ["plan", str(FIRM), "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def _write(tmp_path: Path, doc: dict, name: str = "plan.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _busiest_year(doc: dict) -> int:
    years = [a["year"] for a in doc["plan"]["applications"]]
    return max(years.count(y) for y in set(years))


def test_check_uses_the_recorded_options(report: dict, tmp_path: Path) -> None:
    assert _busiest_year(report) >= 2
    doc = json.loads(json.dumps(report))
    doc["options"]["max_applications_per_year"] = 1  # as if the plan had been made under this capacity
    path = _write(tmp_path, doc)
    res = runner.invoke(app, ["check", str(FIRM), str(path)])
    assert res.exit_code == 1, res.output
    assert f"as recorded in {path}" in res.stdout and "max_applications_per_year=1" in res.stdout
    assert "capacity" in res.stdout


def test_a_flag_overrides_a_recorded_option_and_the_output_says_so(report: dict, tmp_path: Path) -> None:
    doc = json.loads(json.dumps(report))
    doc["options"]["max_applications_per_year"] = 1
    path = _write(tmp_path, doc)
    res = runner.invoke(app, ["check", str(FIRM), str(path), "--option", "max_applications_per_year=null"])
    assert res.exit_code == 0, res.output
    assert "overridden by --option max_applications_per_year=null" in res.stdout and "no violations" in res.stdout
    res = runner.invoke(app, ["check", str(FIRM), str(path), "--json"])
    assert res.exit_code == 1 and "as recorded in" in res.stderr
    assert {v["rule"] for v in json.loads(res.stdout)} == {"capacity"}


def test_a_plan_drafted_by_hand_is_checked_under_the_defaults(report: dict, tmp_path: Path) -> None:
    path = _write(tmp_path, report["plan"], "hand.json")
    res = runner.invoke(app, ["check", str(FIRM), str(path)])
    assert res.exit_code == 0 and "the defaults" in res.stdout and "records none" in res.stdout


def test_recorded_options_that_are_malformed_are_named(report: dict, tmp_path: Path) -> None:
    doc = json.loads(json.dumps(report))
    doc["options"]["seed"] = True
    res = runner.invoke(app, ["check", str(FIRM), str(_write(tmp_path, doc))])
    assert res.exit_code == 2 and "options" in res.output and "'seed'" in res.output


def test_a_report_without_a_plan_gets_one_message(report: dict, tmp_path: Path) -> None:
    doc = {**report, "status": "INFEASIBLE", "plan": None}
    res = runner.invoke(app, ["check", str(FIRM), str(_write(tmp_path, doc))])
    assert res.exit_code == 2
    assert res.output.count("grantstack: error:") == 1 and "holds no plan (status INFEASIBLE" in res.output
    assert "unknown field" not in res.output


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("measure", "tz.art4.pilot_test", "Did you mean 'tz.art4.pilot_testing'?"),
    ("subject", "pilot-lin", "Did you mean 'pilot-line'?"),
])
def test_names_in_a_plan_file_are_checked(report: dict, tmp_path: Path, field: str, value: str,
                                          expected: str) -> None:
    doc = json.loads(json.dumps(report["plan"]))
    i = next(i for i, a in enumerate(doc["applications"]) if a["subject"] == "pilot-line")
    doc["applications"][i][field] = value
    res = runner.invoke(app, ["check", str(FIRM), str(_write(tmp_path, doc))])
    assert res.exit_code == 2 and f"applications[{i}]" in res.output and expected in res.output


def test_history_inside_the_plans_years_is_refused_by_check(report: dict, tmp_path: Path) -> None:
    firm = tmp_path / "firm.yaml"
    text = FIRM.read_text(encoding="utf-8")
    assert "history" not in text
    firm.write_text(text + "history: [{measure: tz.art4.pilot_testing, subject: pilot-line, year: 2026, "
                    "amount: 100000}]\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(firm), str(_write(tmp_path, report))])
    assert res.exit_code == 2 and "inside the horizon" in res.output


def test_gap_is_exactly_zero_at_optimal_with_discounting() -> None:
    cat = load_catalogue()
    result = plan(cat, load_firm(FIRM, cat), (2025, 2029), PlanOptions(discount_rate=Decimal("0.07"),
                                                                        use_probability=True))
    assert result.status == "OPTIMAL"
    assert result.gap == 0.0 and result.best_bound == result.objective
