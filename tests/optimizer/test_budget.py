"""The search budget is deterministic (work_limit): the plan depends only on the input; the wall-clock safety
limit (time_limit) ends a run with WallClockExceeded, never with a different plan."""

from __future__ import annotations

import pytest

from grantstack.benchmarks.registry import spec_by_name
from grantstack.benchmarks.storage import find, load_instance
from grantstack.models.options import PlanOptions
from grantstack.optimizer import plan
from grantstack.optimizer.result import WallClockExceeded

LARGE = load_instance(find(spec_by_name("large-40x12x5-s09")))


def test_a_small_budget_gives_the_same_unproven_plan_every_time() -> None:
    options = PlanOptions(work_limit=0.0005)
    runs = [plan(LARGE.catalogue, LARGE.firm, LARGE.years, options) for _ in range(2)]
    assert runs[0].status == runs[1].status and runs[0].plan == runs[1].plan
    assert runs[0].objective == runs[1].objective
    assert runs[0].work <= 10 * 0.0005 + 0.01  # every solve stops at its deterministic budget


def test_the_plan_is_the_same_for_one_and_two_workers() -> None:
    one = plan(LARGE.catalogue, LARGE.firm, LARGE.years, PlanOptions(workers=1))
    two = plan(LARGE.catalogue, LARGE.firm, LARGE.years, PlanOptions(workers=2))
    assert one.status == two.status == "OPTIMAL"
    assert one.plan == two.plan


def test_the_wall_clock_limit_is_an_error_not_a_different_plan() -> None:
    with pytest.raises(WallClockExceeded, match="wall-clock safety limit"):
        plan(LARGE.catalogue, LARGE.firm, LARGE.years, PlanOptions(time_limit=0.001))


def test_the_command_line_reports_the_wall_clock_limit_in_one_paragraph(tmp_path: object) -> None:
    from typer.testing import CliRunner

    from grantstack.cli import app

    res = CliRunner().invoke(app, ["plan", "scenarios/firms/tongzhou_manufacturer.yaml", "--option",
                                   "time_limit=0.000001"])
    assert res.exit_code == 1
    assert "wall-clock safety limit" in res.output and "Traceback" not in res.output
