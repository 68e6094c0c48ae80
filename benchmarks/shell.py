"""Whole-process timings of the command line, interleaved: `grantstack --help` against `python -c pass`, and
`grantstack plan FIRM --format json` against `python -c "import ortools.sat.python.cp_model"` (medians, with
the load average before and after)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["COMMANDS", "compile_bytecode", "shell_timings"]

ROOT = Path(__file__).resolve().parents[1]
FIRM = "scenarios/firms/tongzhou_manufacturer.yaml"


def _grantstack() -> list[str]:
    script = Path(sys.executable).with_name("grantstack")
    return [str(script)] if script.exists() else [sys.executable, "-m", "grantstack"]


def commands() -> dict[str, list[str]]:
    """The four commands timed: two baselines and the two grantstack calls they are compared with."""
    g = _grantstack()
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "grantstack --help": [*g, "--help"],
        "python -c import cp_model": [sys.executable, "-c", "import ortools.sat.python.cp_model"],
        "grantstack plan --format json": [*g, "plan", FIRM, "--format", "json"],
    }


COMMANDS = tuple(commands())


def _once(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
    seconds = time.perf_counter() - t0
    if out.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {out.returncode}: {out.stderr.decode()[-500:]}")
    return seconds


def compile_bytecode() -> list[str]:
    """Compile grantstack's own modules to bytecode now, as pip does when it installs the wheel; the folders.

    Without it, a shell with PYTHONDONTWRITEBYTECODE=1 (as on this machine) makes every timed run compile the
    ~300 modules of grantstack from source again, while the baseline's libraries (ortools, numpy, pandas) were
    compiled at their install: about 0.2-0.3 s of CPU that no user of an installed grantstack pays.
    """
    import compileall

    import grantstack
    from grantstack import benchmarks, models, optimizer, scenarios

    folders = sorted({str(Path(m.__file__).parent) for m in (grantstack, models, optimizer, scenarios, benchmarks)})
    for folder in folders:
        compileall.compile_dir(folder, quiet=1)
    return folders


def shell_timings(rounds: int = 15) -> dict[str, Any]:
    """Median seconds of each command over interleaved rounds (bytecode compiled and one warm-up round first)."""
    compiled = compile_bytecode()
    cmds = commands()
    for cmd in cmds.values():
        _once(cmd)
    load_before = [round(x, 2) for x in os.getloadavg()]
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(rounds):
        for name, cmd in cmds.items():
            times[name].append(_once(cmd))
    med = {name: statistics.median(ts) for name, ts in times.items()}
    return {"rounds": rounds, "median_s": med, "all_s": times, "loadavg_before": load_before,
            "bytecode_compiled": compiled,
            "loadavg_after": [round(x, 2) for x in os.getloadavg()],
            "help_over_pass_s": med["grantstack --help"] - med["python -c pass"],
            "plan_over_cp_model_s": med["grantstack plan --format json"] - med["python -c import cp_model"]}
