"""plan-many's workers started before the command line is parsed (grantstack/batch_launch.py): the quick reading of
the arguments, the command taking that pool, and a pool nobody takes ended."""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from grantstack import batch_launch, cli
from grantstack.scenarios.executor import Executor, default_jobs
from tests.cli.conftest import ROOT

FIRM = ROOT / "scenarios" / "firms" / "shijingshan_ss_sme.yaml"


@pytest.mark.parametrize(("args", "asked"), [
    (["plan-many", "clients"], (default_jobs(), False)),
    (["plan-many", "clients", "--jobs", "3"], (3, False)),
    (["plan-many", "--jobs=3", "clients"], (3, False)),
    (["plan-many", "clients", "-j3", "--reports", "out"], (3, True)),
    (["plan-many", "clients", "-j", "1", "--reports=out", "-q"], (1, True)),
    (["plan-many", "clients", "--jobs", "2", "--jobs", "4"], (4, False)),  # the last one counts, as for Click
    (["plan-many", "--", "--jobs", "3"], (default_jobs(), False)),  # after --, only firm files
    (["plan-many", "clients", "--jobs", "0"], None),  # in this process: no pool
    (["plan-many", "clients", "--jobs", "two"], None),  # left to the command line's own error
    (["plan-many", "clients", "--jobs"], None),
    (["plan-many", "clients", "--scheduler", "local"], None),
    (["plan-many", "clients", "--scheduler=tcp://h:8786"], None),
    (["plan-many", "--help"], None),
    (["plan-many", "clients", "-h"], None),
    (["plan", "firm.yaml", "--jobs", "2"], None),
    ([], None),
])
def test_the_pool_is_read_from_the_raw_arguments(args: list[str], asked: tuple[int, bool] | None) -> None:
    assert batch_launch.pool_asked(args) == asked


def _main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """grantstack.cli.main in this process with these arguments; its exit code."""
    monkeypatch.setattr(sys, "argv", ["grantstack", *args])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    return int(exit_.value.code or 0)


def _record_takes(monkeypatch: pytest.MonkeyPatch) -> tuple[list[Executor], list[Executor | None]]:
    """(pools started early, pools the command took)."""
    started: list[Executor] = []
    taken: list[Executor | None] = []
    real_launch, real_take = batch_launch.launch_early, batch_launch.take

    def launch_early(args: Any = None) -> None:
        real_launch(args)
        started.extend(batch_launch._EARLY.values())
        for executor in started:
            _PROCESSES[id(executor)] = list(executor.pool._ex._processes.values())  # type: ignore[attr-defined]

    def take(jobs: int, reports: bool) -> Executor | None:
        taken.append(real_take(jobs, reports))
        return taken[-1]

    monkeypatch.setattr(batch_launch, "launch_early", launch_early)
    monkeypatch.setattr(batch_launch, "take", take)
    return started, taken


_PROCESSES: dict[int, list[Any]] = {}


def _alive(executor: Executor) -> list[Any]:
    """The early pool's worker processes (as they were when it started) still running after a while (the pool
    was ended at once: terminated, waited for 5 s; a process in a slow system call on a loaded machine may take
    longer to go). Polled, not joined: the pool's own thread may reap a process first, and then a join returns at
    once while is_alive still says True until that thread has recorded the exit code."""
    end = time.monotonic() + 30
    processes = _PROCESSES[id(executor)]
    while any(p.is_alive() for p in processes) and time.monotonic() < end:
        time.sleep(0.05)
    return [p for p in processes if p.is_alive()]


def test_plan_many_plans_on_the_pool_started_before_its_arguments_were_read(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    shutil.copy(FIRM, folder / "a.yaml")
    started, taken = _record_takes(monkeypatch)
    code = _main(monkeypatch, "plan-many", str(folder), "--jobs", "1", "--quiet", "--out", str(tmp_path / "s.json"))
    assert code == 0
    assert len(started) == 1 and taken == started, "the command planned on the pool started early"
    doc = json.loads((tmp_path / "s.json").read_text())
    assert doc["rows"][0]["total_yuan"] == 800_000 and doc["executor"]["workers"] == 1
    assert doc["executor"]["startup_seconds"] > 0
    assert not batch_launch._EARLY and not _alive(started[0])


def test_a_pool_started_on_a_wrong_guess_is_ended_and_the_command_starts_its_own(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    shutil.copy(FIRM, folder / "a.yaml")
    monkeypatch.setattr(batch_launch, "pool_asked", lambda args: (1, True))  # reports, which the command is not asked
    started, taken = _record_takes(monkeypatch)
    code = _main(monkeypatch, "plan-many", str(folder), "--jobs", "1", "--quiet", "--out", str(tmp_path / "s.json"))
    assert code == 0 and len(started) == 1 and taken == [None]
    assert not _alive(started[0]), "the early pool was ended"
    assert json.loads((tmp_path / "s.json").read_text())["rows"][0]["total_yuan"] == 800_000


def test_a_bad_argument_ends_the_pool_started_early(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    started, taken = _record_takes(monkeypatch)
    code = _main(monkeypatch, "plan-many", str(tmp_path), "--jobs", "1", "--out", str(tmp_path / "s.pdf"))
    assert code == 2 and "--out" in capsys.readouterr().err
    assert len(started) == 1 and taken == [], "the command stopped before taking a pool"
    assert not batch_launch._EARLY and not _alive(started[0])
