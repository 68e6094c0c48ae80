"""Edges of bad input on the command line (issue 10): scenario options read as strictly as --option, an overlay's
invalid measure named once as a measure, figures too large to plan exactly named with the firm file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from grantstack.cli import app
from grantstack.models.limits import MAX_YUAN

ROOT = Path(__file__).resolve().parents[2]
FIRM = ROOT / "scenarios" / "firms" / "tongzhou_manufacturer.yaml"
runner = CliRunner()


def _refused(args: list[str]) -> str:
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    lines = [x for x in res.output.splitlines() if x.startswith("grantstack: error:")]
    assert len(lines) == 1 and "Traceback" not in res.output, res.output
    return lines[0]


@pytest.mark.parametrize(("option", "says"), [
    ("seed: true", "not true or false"),
    ("linearization_level: true", "not true or false"),
    ("max_applications_per_year: true", "not true or false"),
    ("seed: 1.0", "whole number"),
    ("use_probability: 1", "true or false"),
    ("seed: 1099511627776", "2147483647"),
])
def test_scenario_options_are_read_strictly(tmp_path: Path, option: str, says: str) -> None:
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text(f"scenario: strict\nfirm: {FIRM}\noptions: {{{option}}}\n", encoding="utf-8")
    line = _refused(["plan", str(scenario)])
    name = option.split(":")[0]
    assert str(scenario) in line and f"options.{name}" in line and says in line, line


def test_an_overlays_invalid_measure_is_named_once_as_a_measure(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text('catalogue_changes:\n  - {op: set, path: "measures[tz.art4.pilot_testing].amount.percent", '
                       "value: 12.345678901234567890123456789012345678901}\n", encoding="utf-8")
    line = _refused(["plan", str(FIRM), "--catalog", str(overlay)])
    assert str(overlay) in line and "catalogue_changes[0]" in line and "field 'amount.percent'" in line
    assert line.count("'tz.art4.pilot_testing',") == 1 and "firm 'tz." not in line, line
    assert "4 decimal places" in line


def test_figures_too_large_to_plan_exactly_name_the_firm_file(tmp_path: Path) -> None:
    firm = tmp_path / "firm.yaml"
    text = FIRM.read_text(encoding="utf-8")
    assert "investment: [12000000, 18000000, 9000000]" in text
    at_limit = f"investment: [{MAX_YUAN}, {MAX_YUAN}, {MAX_YUAN}]"  # each figure allowed, their weighted sum not
    firm.write_text(text.replace("investment: [12000000, 18000000, 9000000]", at_limit), encoding="utf-8")
    out = tmp_path / "plan.json"
    out.write_text("previous report", encoding="utf-8")
    line = _refused(["plan", str(firm), "--option", "discount_rate=0.05", "--out", str(out)])
    assert line.startswith(f"grantstack: error: {firm}: firm 'tongzhou-manufacturer'"), line
    assert "too large to plan exactly" in line and "tz.art4.pilot_testing for pilot-line" in line
    assert "money_unit" in line and out.read_text(encoding="utf-8") == "previous report"


MALFORMED = ROOT / "tests" / "malformed"


@pytest.mark.parametrize("path", sorted((MALFORMED / "run").glob("*")), ids=lambda p: p.name)
def test_the_run_corpus_exits_2_on_the_command_line(path: Path) -> None:
    """A firm refused against its catalogue and horizon (history, expected, probabilities) by `plan` itself."""
    line = _refused(["plan", str(path), "--catalog", str(MALFORMED / "run_catalogue.yaml"), "--replace-catalog",
                     "--years", "2025-2029"])
    assert path.name in line
