"""python -m grantstack.benchmarks smoke runs the whole harness at a tiny size: about 20 s on a quiet 2-core
machine; the bound is on CPU time (the smoke run and its worker processes), which other processes on a shared
machine do not stretch (at load 11 its wall time was 96 s)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_runs_the_whole_harness(tmp_path: Path) -> None:
    pytest.importorskip("grantstack.optimizer.solve")
    env = os.environ | {"GRANTSTACK_BENCH_QUIET": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = [sys.executable, "-m", "grantstack.benchmarks", "smoke", "--dir", str(tmp_path)]
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=170)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "smoke ok" in out.stdout + out.stderr
    assert (tmp_path / "results" / "results.md").exists()
    assert (tmp_path / "results" / "cactus.png").stat().st_size > 0
    assert cpu < 90, f"smoke took {cpu:.1f} s of CPU"
