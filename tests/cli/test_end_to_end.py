"""End to end on the bundled example firms: plan is OPTIMAL (exit 0) and the checker accepts its JSON."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grantstack.cli import app
from tests.cli.conftest import ROOT

FIRMS = sorted((ROOT / "scenarios" / "firms").glob("*.yaml"))
HAVE_SOLVER = importlib.util.find_spec("grantstack.optimizer.solve") is not None
runner = CliRunner(env={"COLUMNS": "250"})

pytestmark = pytest.mark.skipif(not HAVE_SOLVER, reason="optimizer.solve is not there yet")


@pytest.mark.skipif(not FIRMS, reason="no example firms in scenarios/firms yet")
@pytest.mark.parametrize("firm", FIRMS, ids=lambda p: p.stem)
def test_example_firm_plans_optimal_and_checks_clean(firm: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    res = runner.invoke(app, ["plan", str(firm), "--out", str(out)])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["status"] == "OPTIMAL" and doc["violations"] == []
    assert doc["total_yuan"] == sum(a["amount"] for a in doc["plan"]["applications"])
    res = runner.invoke(app, ["check", str(firm), str(out)])
    assert res.exit_code == 0, res.output


def test_main_example_table_and_html(tmp_path: Path) -> None:
    firm = ROOT / "scenarios" / "firms" / "tongzhou_manufacturer.yaml"
    if not firm.exists():
        pytest.skip("scenarios/firms/tongzhou_manufacturer.yaml is not there yet")
    res = runner.invoke(app, ["plan", str(firm)])
    assert res.exit_code == 0 and "OPTIMAL" in res.stdout
    res = runner.invoke(app, ["plan", str(firm), "--format", "html", "--out", str(tmp_path / "p.html")])
    assert res.exit_code == 0 and "<svg" in (tmp_path / "p.html").read_text(encoding="utf-8")


def test_explain_main_example() -> None:
    if importlib.util.find_spec("grantstack.optimizer.explain") is None:
        pytest.skip("optimizer.explain is not there yet")
    firm = ROOT / "scenarios" / "firms" / "tongzhou_manufacturer.yaml"
    res = runner.invoke(app, ["explain", str(firm), "--json"])
    assert res.exit_code == 0, res.output
    assert all("measure" in e and "in_plan" in e for e in json.loads(res.stdout))
