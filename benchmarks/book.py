"""plan-many against the portfolio engine on the same typical firms, interleaved; and Dask vs the local pool.

Each round runs, one after the other on the same firms and the bundled catalogue: the portfolio (fresh local
pool; its figure is worker start-up + planning, in-process), then `grantstack plan-many` as a user runs it (a
fresh `python -m grantstack plan-many DIR --jobs N --out summary.json` process, timed from launch to exit). A
final run of plan-many on a Dask LocalCluster (`--scheduler local`) must give the same plans as the local pool.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from grantstack.benchmarks.portfolio import CACHE, firm_file, local_executor, run_portfolio, snapshot_path
from grantstack.benchmarks.shell import compile_bytecode
from grantstack.benchmarks.stats import quantile
from grantstack.benchmarks.storage import load_snapshot, write_snapshot
from grantstack.models.loading import load_catalogue
from grantstack.models.options import PlanOptions

__all__ = ["SAME_PLAN_FIELDS", "book_benchmark", "firm_folder", "machine"]

SAME_PLAN_FIELDS = ("firm", "status", "total_yuan", "by_year", "gap", "applications", "top_measures", "violations")
"""What must be equal, firm by firm, between two plan-many runs for 'the same plans'."""
TARGET_RATIO = 1.3


def machine() -> dict[str, Any]:
    """The machine the figures come from."""
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    return {"cpu": cpu, "cpus": os.cpu_count(), "cpus_usable": len(os.sched_getaffinity(0)),
            "python": platform.python_version(), "platform": platform.platform()}


def firm_folder(n: int, seed0: int = 5_000_000, cache: Path = CACHE) -> tuple[Path, Path, list[str]]:
    """n typical firms for the bundled catalogue, one JSON file each; (folder, snapshot root, firm lines)."""
    root = cache / "book-catalogue"
    sha = write_snapshot(load_catalogue(), root) if not (root / "real-catalogue.json.gz").exists() else \
        load_snapshot(root)[1]
    if load_snapshot(root)[0] != load_catalogue():  # the bundled catalogue changed: snapshot it again
        sha = write_snapshot(load_catalogue(), root)
    lines = firm_file(n, root, seed0, cache).read_text().splitlines()
    folder = cache / f"book-{seed0}-{n}-{sha[:12]}"
    if not folder.exists():
        tmp = Path(tempfile.mkdtemp(dir=cache))
        for i, line in enumerate(lines):
            (tmp / f"firm{i:05}.json").write_text(line + "\n")
        tmp.rename(folder)
    return folder, root, lines


def _loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _plan_many(folder: Path, out: Path, *extra: str) -> dict[str, Any]:
    """Run the command as a user would; its wall time, exit code and summary."""
    cmd = [sys.executable, "-m", "grantstack", "plan-many", str(folder), "--out", str(out), "--quiet", *extra]
    before = _loadavg()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1) or not out.exists():
        raise RuntimeError(f"plan-many failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    summary = json.loads(out.read_text())
    return {"wall_s": wall, "exit_code": proc.returncode, "summary": summary, "loadavg_before": before,
            "loadavg_after": _loadavg()}


def _same_plans(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """Names of the firms whose plans differ between two summaries (on SAME_PLAN_FIELDS)."""
    rows_b = {r["name"]: r for r in b["rows"]}
    return [r["name"] for r in a["rows"]
            if {k: r[k] for k in SAME_PLAN_FIELDS} != {k: rows_b.get(r["name"], {}).get(k) for k in SAME_PLAN_FIELDS}]


def book_benchmark(n: int = 1000, jobs: int = 2, rounds: int = 3, dask: bool = True,
                   cache: Path = CACHE) -> dict[str, Any]:
    """The record: each round's portfolio and plan-many figures, their ratio, optimal shares, Dask agreement."""
    folder, root, lines = firm_folder(n, cache=cache)
    path = snapshot_path(root)
    compiled = compile_bytecode()  # both sides' fresh processes read it, as from an installed wheel
    out_dir = Path(tempfile.mkdtemp())
    record: dict[str, Any] = {"firms": n, "jobs": jobs, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                              "loadavg_before": _loadavg(),
                              "machine": machine(), "rounds": [], "target_ratio": TARGET_RATIO,
                              "bytecode_compiled": compiled}
    local_summary: dict[str, Any] | None = None
    for k in range(rounds):
        before = _loadavg()
        with local_executor(jobs, path) as ex:
            port = run_portfolio(lines, ex, path, PlanOptions(), n=n)
        engine = {"wall_s": port.summary["wall_s"], "startup_s": port.summary["startup_s"],
                  "plan_s": port.summary["plan_s"], "optimal_share": port.summary["optimal_share"],
                  "loadavg_before": before, "loadavg_after": _loadavg()}
        user = _plan_many(folder, out_dir / f"local-{k}.json", "--jobs", str(jobs))
        summary = user.pop("summary")
        totals = {f"firm{i:05}": row[2] for i, row in enumerate(port.rows)}
        mismatched = [r["name"] for r in summary["rows"] if r["total_yuan"] != totals.get(r["name"])]
        record["rounds"].append({
            "portfolio": engine, "plan_many": user | {
                "optimal_share": summary["optimal"] / summary["firms"], "firms": summary["firms"],
                "complete": summary["complete"], "executor_startup_s": summary["executor"]["startup_seconds"],
                "batch_s": summary["seconds"]},
            "ratio": user["wall_s"] / engine["wall_s"], "totals_differ_from_portfolio": len(mismatched)})
        local_summary = summary
    ratios = [r["ratio"] for r in record["rounds"]]
    record["ratio_median"] = quantile(ratios, 0.5)
    record["optimal_share"] = min(r["plan_many"]["optimal_share"] for r in record["rounds"])
    if dask and local_summary is not None:
        user = _plan_many(folder, out_dir / "dask.json", "--scheduler", "local", "--jobs", str(jobs))
        summary = user.pop("summary")
        differ = _same_plans(local_summary, summary)
        record["dask"] = user | {"executor": summary["executor"], "optimal_share": summary["optimal"] /
                                 summary["firms"], "plans_differ_from_local": len(differ), "first_differ": differ[:5]}
    record["verdict"] = {
        "optimal_share_100": record["optimal_share"] == 1.0,
        "ratio_within_target": record["ratio_median"] is not None and record["ratio_median"] <= TARGET_RATIO,
        "dask_same_plans": record.get("dask", {}).get("plans_differ_from_local") == 0,
    }
    return record
