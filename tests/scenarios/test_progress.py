"""The batch progress bar: items done of the total, failures, rate and time left."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from grantstack.scenarios.executor import run_many
from grantstack.scenarios.progress import RateColumn
from tests.scenarios import executor_tasks as tasks


@pytest.mark.parametrize(("speed", "shown"), [(None, ""), (2.54, "2.5/s"), (0.5, "30.0/min")])
def test_rate_column(speed: float | None, shown: str) -> None:
    task = SimpleNamespace(finished_speed=None, speed=speed)
    assert RateColumn().render(task).plain == shown  # type: ignore[arg-type]


def test_the_bar_counts_items_and_failures(capsys: pytest.CaptureFixture[str]) -> None:
    run_many(tasks.square, range(7), jobs=0, chunk=2, label="squares", progress=True)
    err = capsys.readouterr().err
    assert "squares" in err and "7/7" in err and "(2 failed)" in err
    assert re.search(r" 7/7 [\d.]+/(s|min) \d+:\d\d:\d\d left \d+:\d\d:\d\d", err), "count, rate, elapsed, time left"


def test_no_bar_when_not_asked(capsys: pytest.CaptureFixture[str]) -> None:
    run_many(tasks.square, range(3), jobs=0, progress=False)
    run_many(tasks.square, range(3), jobs=0)  # not a terminal: no bar either
    assert capsys.readouterr().err == ""
