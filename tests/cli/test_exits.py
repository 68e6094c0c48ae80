"""Clean exits (issue 10): Ctrl-C and SIGTERM stop a solve at once, leave no report and no temporary file;
--out writes through symlinks, refuses special files and keeps a file's mode; a killed run's leftovers go."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from grantstack.cli import app
from grantstack.optimizer.result import SolveStatus, WallClockExceeded
from grantstack.reports import write_atomic
from grantstack.reports.atomic import remove_leftovers
from tests.cli.conftest import make_result
from tests.ctrl_c import sigint_default

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _interrupted_run(tmp_path: Path, sig: int, when: str) -> tuple[int, str, float]:
    """Start a slow plan, send `sig` once it reaches `when` ('loading' or 'solving'); exit code, stderr, seconds."""
    out = tmp_path / "plan.json"
    extra = ["--slow-load"] if when == "loading" else []
    proc = subprocess.Popen([sys.executable, "-m", "tests.cli.slow_plan", str(out), *extra], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=sigint_default)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == when:
            break
    if when == "solving":
        time.sleep(0.5)  # well inside the search: the xxl instance takes CP-SAT minutes
    t0 = time.perf_counter()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err, time.perf_counter() - t0


@pytest.mark.parametrize("when", ["loading", "solving"])
def test_ctrl_c_stops_at_once_with_exit_130_and_writes_nothing(tmp_path: Path, when: str) -> None:
    code, err, seconds = _interrupted_run(tmp_path, signal.SIGINT, when)
    assert code == 130, err[-2000:]
    assert "interrupted (Ctrl-C)" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [], "a report or a temporary file was left"
    assert seconds < 30, f"took {seconds:.1f} s to stop"  # about 2 s, most of it freeing the xxl instance


def test_sigterm_unwinds_like_ctrl_c(tmp_path: Path) -> None:
    code, err, _ = _interrupted_run(tmp_path, signal.SIGTERM, "solving")
    assert code == 128 + signal.SIGTERM, err[-2000:]
    assert "Traceback" not in err and list(tmp_path.iterdir()) == []


def test_a_killed_writers_leftover_is_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    target = tmp_path / "plan.json"
    stale = tmp_path / f".plan.json.{dead.pid}.x1y2z3.tmp"
    alive = tmp_path / f".plan.json.{os.getppid()}.a1b2c3.tmp"  # a writer still running: left alone
    other = tmp_path / f".other.json.{dead.pid}.a1b2c3.tmp"  # another target's: left alone
    for f in (stale, alive, other):
        f.write_text("half a report")
    write_atomic(target, "{}")
    assert target.read_text() == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, alive.name, other.name])
    assert remove_leftovers(target) == []


def test_out_writes_through_a_symlink_and_keeps_it(tmp_path: Path, fake_solver: dict, firm_file: Path) -> None:
    real = tmp_path / "reports" / "real.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "plan.json"
    link.symlink_to(real)
    res = runner.invoke(app, ["plan", str(firm_file), "--out", str(link)])
    assert res.exit_code == 0, res.output
    assert link.is_symlink() and json.loads(real.read_text())["kind"] == "grantstack.plan"
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.json"]


@pytest.mark.parametrize("special", ["fifo", "/dev/null", "folder"])
def test_out_refuses_a_special_file_before_solving(tmp_path: Path, fake_solver: dict, firm_file: Path,
                                                   special: str) -> None:
    target = tmp_path / "plan.json"
    if special == "fifo":
        os.mkfifo(target)
    elif special == "folder":
        target.mkdir()
    else:
        target = Path(special)
    res = runner.invoke(app, ["plan", str(firm_file), "--out", str(target)])
    assert res.exit_code == 2 and "--out" in res.output and "Traceback" not in res.output
    assert fake_solver["calls"] == [], "it solved before refusing the output"


def test_out_keeps_a_files_mode(tmp_path: Path, fake_solver: dict, firm_file: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old")
    target.chmod(0o440)
    res = runner.invoke(app, ["plan", str(firm_file), "--out", str(target)])
    assert res.exit_code == 0, res.output
    assert target.stat().st_mode & 0o777 == 0o440 and target.read_text().startswith("{")


def test_model_invalid_is_an_internal_error_without_report(tmp_path: Path, fake_solver: dict,
                                                           firm_file: Path) -> None:
    fake_solver["result"] = make_result(SolveStatus.MODEL_INVALID, with_plan=False)
    out = tmp_path / "plan.json"
    out.write_text("previous report")
    res = runner.invoke(app, ["plan", str(firm_file), "--out", str(out)])
    assert res.exit_code == 3 and "internal error" in res.output
    assert out.read_text() == "previous report"


def test_a_wall_clock_stop_exits_1_without_report(tmp_path: Path, fake_solver: dict, firm_file: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def stopped(*_: Any, **__: Any) -> None:
        raise WallClockExceeded("the wall-clock safety limit ran out")

    monkeypatch.setattr(sys.modules["grantstack.optimizer.solve"], "plan", stopped)
    out = tmp_path / "plan.json"
    res = runner.invoke(app, ["plan", str(firm_file), "--out", str(out)])
    assert res.exit_code == 1 and "wall-clock" in res.output and not out.exists()


def test_usage_errors_exit_2_without_traceback() -> None:
    for args in (["plan"], ["plan", "x.yaml", "--bogus"], ["nosuchcommand"], []):
        proc = subprocess.run([sys.executable, "-m", "grantstack", *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr + proc.stdout


def test_a_huge_id_is_clipped_in_messages(tmp_path: Path) -> None:
    firm = tmp_path / "firm.yaml"
    firm.write_text(f"id: {'x' * 100_000}\ndistrict: tongzhou\nprojects: [{{id: {'p' * 100_000}, kinds: [x]}}]\n")
    res = runner.invoke(app, ["plan", str(firm)])
    assert res.exit_code == 2
    assert len(res.output) < 3_000 and "x" * 200 not in res.output and "p" * 200 not in res.output
