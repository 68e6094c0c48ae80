"""Plausibility warnings (issue 10, item 2): each class at its edge (just below, at, just above), never blocking,
always shown (terminal, JSON, Markdown, HTML)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from grantstack.cli import app
from grantstack.models.catalogue import Catalogue
from grantstack.models.plausibility import SMALL_YUAN, plausibility_warnings
from tests.factories import catalogue, firm, measure

YEARS = (2025, 2029)
RATE = measure("t.rate", {"form": "rate", "percent": 30, "base": {"of": "project", "field": "investment"}},
               subject="project", project_kinds=["pilot_testing"])
ONCE = measure("t.once", {"form": "fixed", "amount": 500_000}, timing={"once": "firm"})
CAPPED = measure("t.capped", {"form": "up_to", "max": 3_000_000}, caps=[{"per": "firm", "amount": 3_000_000}])
ROOT = Path(__file__).resolve().parents[2]
FIRM = ROOT / "scenarios" / "firms" / "tongzhou_manufacturer.yaml"


def _warnings(cat: Catalogue | None = None, **extra: Any) -> tuple[str, ...]:
    return plausibility_warnings(cat or catalogue(RATE), firm(**extra), YEARS)


def _project(investment: list[int], start: int = 2025, **costs: list[int]) -> list[dict[str, Any]]:
    return [{"id": "line", "kinds": ["pilot_testing"], "start": start, "costs": {"investment": investment, **costs}}]


def test_a_plain_firm_raises_no_warning() -> None:
    assert _warnings(projects=_project([12_000_000, 18_000_000, 9_000_000]),
                     metrics={"revenue": {2024: 100_000_000, 2025: 120_000_000}}) == ()


@pytest.mark.parametrize(("start", "entries", "unused"), [(2025, 5, 0), (2025, 6, 1), (2027, 3, 0), (2027, 4, 1)])
def test_a_cost_list_longer_than_the_horizon_reaches(start: int, entries: int, unused: int) -> None:
    found = [w for w in _warnings(projects=_project([1_000_000] * entries, start)) if "never used" in w]
    if unused:
        assert found == [f"project 'line' costs.investment has {entries} entries (project years {start}-"
                         f"{start + entries - 1}) but the horizon ends 2029: the last {unused} are never used (more "
                         "entries than the project has years is also what a figure split by thousands separators "
                         "looks like)"]
    else:
        assert found == []


def test_the_thousands_separator_trap_warns_twice() -> None:
    # investment: [12,000,000, 9,000,000] is read as six numbers
    found = _warnings(projects=_project([12, 0, 0, 9, 0, 0]))
    assert any("has 6 entries" in w for w in found)
    assert any("holds 12, 9 yuan" in w and "thousands separators" in w for w in found)


@pytest.mark.parametrize(("small", "warns"), [(SMALL_YUAN - 1, True), (SMALL_YUAN, False), (0, False)])
def test_figures_below_1000_yuan_next_to_millions(small: int, warns: bool) -> None:
    found = [w for w in _warnings(projects=_project([12_000_000, small])) if "below 1,000" in w]
    assert bool(found) is warns
    if warns:
        assert found[0].startswith(f"project 'line' costs.investment holds {small:,} yuan next to 12,000,000")


def test_small_figures_in_metrics_event_values_and_history() -> None:
    found = _warnings(cat=catalogue(RATE, ONCE), metrics={"revenue": {2024: 500, 2025: 600}},
                      events=[{"id": "e", "kind": "certification.international", "year": 2025,
                               "values": {"certification_fee": 300}}],
                      history=[{"measure": "t.once", "year": 2020, "amount": 5}])
    assert any(w.startswith("metric revenue holds 500, 600 yuan") for w in found)
    assert any(w.startswith("event 'e' values holds 300 yuan") for w in found)
    assert any(w.startswith("history amounts holds 5 yuan") for w in found)


@pytest.mark.parametrize(("after", "warns"), [(99_900_000, False), (100_000_000, True), (100_100_000, True)])
def test_a_metric_jumping_1000x(after: int, warns: bool) -> None:
    found = [w for w in _warnings(metrics={"revenue": {2024: 100_000, 2025: after}}) if "jumps" in w]
    assert bool(found) is warns
    if warns:
        assert found == [f"metric revenue jumps from 100,000 (2024) to {after:,} (2025), a factor of "
                         f"{after // 100_000:,}: check for missing or extra digits"]


def test_a_metric_falling_1000x_warns_too() -> None:
    assert any("jumps from 100,000,000 (2024) to 100,000 (2025)" in w
               for w in _warnings(metrics={"revenue": {2024: 100_000_000, 2025: 100_000}}))


def test_history_that_uses_up_a_once_per_firm_rule() -> None:
    found = _warnings(cat=catalogue(RATE, ONCE), history=[{"measure": "t.once", "year": 2020, "amount": 500_000}])
    assert "history: t.once was already paid and is paid once per firm, so the plan cannot use it" in found


@pytest.mark.parametrize(("paid", "warns"), [(2_999_999, False), (3_000_000, True)])
def test_history_that_uses_up_a_cap_per_firm(paid: int, warns: bool) -> None:
    found = _warnings(cat=catalogue(RATE, CAPPED), history=[{"measure": "t.capped", "year": 2020, "amount": paid}])
    assert ("history: t.capped has already paid its cap of 3,000,000 yuan per firm, so the plan cannot use it"
            in found) is warns


def test_warnings_never_block_and_every_report_shows_them(tmp_path: Path) -> None:
    text = FIRM.read_text(encoding="utf-8")
    assert "investment: [12000000, 18000000, 9000000]" in text
    warned = tmp_path / "firm.yaml"
    warned.write_text(text.replace("investment: [12000000, 18000000, 9000000]",
                                   "investment: [12000000, 18000000, 9000000, 500]"), encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["plan", str(warned), "--out", str(tmp_path / "plan.json")])
    assert res.exit_code == 0, res.output
    assert "grantstack: warning: project 'pilot-line' costs.investment holds 500 yuan next to 18,000,000" in res.output
    doc = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert doc["status"] == "OPTIMAL" and len(doc["warnings"]) == 1 and "holds 500 yuan" in doc["warnings"][0]
    for fmt in ("md", "html"):
        res = runner.invoke(app, ["plan", str(warned), "--format", fmt])
        assert res.exit_code == 0 and "holds 500 yuan next to 18,000,000" in res.stdout, fmt
