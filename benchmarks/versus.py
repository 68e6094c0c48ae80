"""Typical firm in-process (load + build + solve + check) with this code and with an earlier checkout, side by
side: two long-lived worker processes (each with its own Python environment) take the same firms in turn,
interleaved firm by firm over several rounds, so both see the same machine load.

The earlier code is a checkout with its own environment (`python3 dev.py venv` in it), e.g.
`git worktree add /work/baseline-c11362b c11362b`. Each side plans with its own default options, its own
catalogue and its own stored copy of each instance (the same generated firm; the earlier code cannot read
fields added to the firm model since, and plans under the law as it then encoded it).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.storage import INSTANCES, find

__all__ = ["WORKER", "stage1_pipeline", "versus"]

WORKER = r"""
import json, sys, time
from grantstack.benchmarks.storage import load_instance
from grantstack.models.firm import Firm
from grantstack.optimizer.solve import plan
from pathlib import Path
try:
    from grantstack.benchmarks.versus import stage1_pipeline as stage1
except ImportError:  # the earlier code has no stages
    stage1 = None
cache = {}
for line in sys.stdin:
    path, root = json.loads(line)
    if path not in cache:
        inst = load_instance(Path(path), Path(root))
        cache[path] = (inst, inst.firm.model_dump_json())
    inst, text = cache[path]
    t0 = time.perf_counter()
    firm = Firm.model_validate_json(text)
    res = plan(inst.catalogue, firm, inst.years)
    seconds = time.perf_counter() - t0
    out = {"seconds": seconds, "status": str(res.status), "total": res.total_yuan, "violations": len(res.violations)}
    if stage1 is not None:  # this code: the same pipeline with stage 1 only (no tie-breaking stages)
        t0 = time.perf_counter()
        firm = Firm.model_validate_json(text)
        stage1(inst.catalogue, firm, inst.years)
        out["stage1_seconds"] = time.perf_counter() - t0
    print(json.dumps(out), flush=True)
"""


def stage1_pipeline(catalogue: Any, firm: Any, years: tuple[int, int]) -> Any:
    """plan() with stage 1 only (maximise and prove; no tie-breaking stages): checks, build, solve, decode, check."""
    import time as _time

    from grantstack.models.options import PlanOptions
    from grantstack.models.run_checks import check_run
    from grantstack.optimizer import build_model
    from grantstack.optimizer.solve import result_from, solve_model, solver_parameters

    options = PlanOptions()
    check_run(catalogue, firm, years)
    t0 = _time.perf_counter()
    b = build_model(catalogue, firm, years, options)
    run = solve_model(b, stages=False)
    return result_from(b, run, solver_parameters(options), _time.perf_counter() - t0 - run.seconds)


class _Side:
    def __init__(self, python: str, cwd: Path, root: Path | None = None) -> None:
        self.root = root  # its own stored instances (the earlier code cannot read fields added since)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        self.proc = subprocess.Popen([python, "-c", WORKER], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, env=env)

    def run(self, path: Path, root: Path) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        if self.root is not None:
            path, root = self.root / path.relative_to(root), self.root
        self.proc.stdin.write(json.dumps([str(path), str(root)]) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker {self.proc.args[0]} died")
        return json.loads(line)  # type: ignore[no-any-return]

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(30)


def _pair(files: list[Path], root: Path, baseline: Path, old_python: Path, rounds: int
          ) -> tuple[dict[str, dict[str, list[float]]], dict[str, dict[str, Any]]]:
    """One pair of fresh worker processes (this code, the earlier code): per-firm seconds over the rounds."""
    here = Path(__file__).resolve().parents[1]
    sides = {"new": _Side(sys.executable, here),
             "old": _Side(str(old_python), baseline, baseline / "benchmarks" / "instances")}
    times: dict[str, dict[str, list[float]]] = {name: {f.stem: [] for f in files} for name in [*sides, "new_stage1"]}
    outcome: dict[str, dict[str, Any]] = {name: {} for name in sides}
    try:
        for f in files:  # warm-up: imports, catalogue, first-call costs (not counted)
            for side in sides.values():
                side.run(f, root)
        for r in range(rounds):
            for f in files:
                order = list(sides.items()) if (r + files.index(f)) % 2 == 0 else list(reversed(sides.items()))
                for name, side in order:
                    out = side.run(f, root)
                    times[name][f.stem].append(out["seconds"])
                    if "stage1_seconds" in out and name == "new":
                        times["new_stage1"][f.stem].append(out["stage1_seconds"])
                    outcome[name][f.stem] = out
    finally:
        for side in sides.values():
            side.close()
    return times, outcome


def _median_ratio(times: dict[str, dict[str, list[float]]], name: str) -> float | None:
    """Median over the firms of (median seconds of `name`) / (median seconds of the earlier code)."""
    med = {k: statistics.median(v) for k, v in times[name].items() if v}
    old = {k: statistics.median(v) for k, v in times["old"].items() if v}
    ratios = [med[k] / old[k] for k in med if old.get(k, 0) > 0]
    return statistics.median(ratios) if ratios else None


def versus(baseline: Path, suite: str = "typical", rounds: int = 5, root: Path = INSTANCES,
           pairs: int = 3) -> dict[str, Any]:
    """Seconds per firm for this code ('new') and the baseline checkout ('old'), interleaved firm by firm, in
    `pairs` successive pairs of fresh worker processes (the ratio varies from one pair of processes to the next
    more than within one: 0.60-0.73 in single pairs on a quiet machine). Per pair, the median of the per-firm
    ratios of medians; the headline is the median over the pairs, each pair's figure beside it."""
    old_python = baseline / ".venv" / "bin" / "python"
    if not old_python.exists():
        raise FileNotFoundError(f"{old_python}: set up the baseline's environment (python3 dev.py venv in it)")
    files = [find(s, root) for s in specs([suite])]
    load_before = [round(x, 2) for x in os.getloadavg()]
    pooled: dict[str, dict[str, list[float]]] = {name: {f.stem: [] for f in files}
                                                 for name in ("new", "old", "new_stage1")}
    pair_ratios: list[float] = []
    pair_ratios1: list[float] = []
    outcome: dict[str, dict[str, Any]] = {}
    for _ in range(pairs):
        times, outcome = _pair(files, root, baseline, old_python, rounds)
        for name, ts in times.items():
            for k, v in ts.items():
                pooled[name][k] += v
        r, r1 = _median_ratio(times, "new"), _median_ratio(times, "new_stage1")
        if r is not None:
            pair_ratios.append(r)
        if r1 is not None:
            pair_ratios1.append(r1)
    med = {name: {k: statistics.median(v) for k, v in ts.items() if v} for name, ts in pooled.items()}
    return {"suite": suite, "rounds": rounds, "pairs": pairs, "baseline": str(baseline), "firms": len(files),
            "median_new_s": statistics.median(med["new"].values()),
            "median_old_s": statistics.median(med["old"].values()),
            "median_ratio_new_over_old": statistics.median(pair_ratios), "pair_ratios": pair_ratios,
            "per_firm_median_s": med,
            "median_new_stage1_s": statistics.median(med["new_stage1"].values()) if pair_ratios1 else None,
            "median_ratio_stage1_over_old": statistics.median(pair_ratios1) if pair_ratios1 else None,
            "optimal_new": sum(1 for o in outcome["new"].values() if o["status"] == "OPTIMAL"),
            "optimal_old": sum(1 for o in outcome["old"].values() if o["status"] == "OPTIMAL"),
            "violations_new": sum(o["violations"] for o in outcome["new"].values()),
            "loadavg_before": load_before, "loadavg_after": [round(x, 2) for x in os.getloadavg()]}
