"""python -m grantstack.benchmarks smoke runs the whole harness at a tiny size: about 20 s on a quiet 2-core
machine; the bound allows for a machine shared with other test runs (load average 8 doubles it)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_runs_the_whole_harness(tmp_path: Path) -> None:
    pytest.importorskip("grantstack.optimizer.solve")
    env = os.environ | {"GRANTSTACK_BENCH_QUIET": "1"}
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "grantstack.benchmarks", "smoke", "--dir", str(tmp_path)]
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    seconds = time.perf_counter() - t0
    assert out.returncode == 0, out.stderr[-2000:]
    assert "smoke ok" in out.stdout + out.stderr
    assert (tmp_path / "results" / "results.md").exists()
    assert (tmp_path / "results" / "cactus.png").stat().st_size > 0
    assert seconds < 90, f"smoke took {seconds:.1f} s"
