"""Run the stored instances through CP-SAT, HiGHS, greedy and brute force; save the records."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import time
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from grantstack.benchmarks.progress import bar
from grantstack.benchmarks.registry import Spec, specs
from grantstack.benchmarks.solver_alone import stage1_alone
from grantstack.benchmarks.solvers import run_brute, run_cpsat, run_greedy, run_highs, run_repeat
from grantstack.benchmarks.storage import INSTANCES, find, load_instance
from grantstack.models.options import PlanOptions

__all__ = ["BRUTE_SUITES", "BUDGET", "BUDGET_WORK", "METHODS", "RESULTS", "environment", "merge_runs", "run_suites",
           "save_json"]

RESULTS = Path(__file__).parent / "results"
METHODS = ("cpsat", "highs", "greedy", "brute", "repeat")
BRUTE_SUITES = ("tiny", "typical")
REPEAT_SUITES = ("typical", "random")  # plans again (1 and 2 workers) to check they are the same
ALONE_SUITES = ("typical", "small", "medium", "large", "xl")  # stage 1 again in a worker process, timed like HiGHS
BUDGET = "budget"  # opt-in method: CP-SAT with a lower work limit, for instances the defaults do not finish in time
BUDGET_WORK = 4.0  # its deterministic work limit: on this machine an xxl plan in well under the 60 s wall clock


def code_hash() -> str:
    """sha256 (12 hex) of models/ and optimizer/ sources: which code the numbers belong to."""
    h = hashlib.sha256()
    top = Path(__file__).resolve().parent.parent
    for p in sorted([*top.glob("models/**/*.py"), *top.glob("optimizer/**/*.py")]):
        h.update(p.relative_to(top).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:12]


def environment() -> dict[str, Any]:
    """Machine and library versions, for the report."""
    import ortools

    try:
        from importlib.metadata import version

        highs = version("highspy")
    except Exception:  # pragma: no cover - highspy missing
        highs = "missing"
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), cpu)
    except OSError:
        pass
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "python": platform.python_version(),
            "ortools": ortools.__version__, "highspy": highs, "cpu": cpu, "cores": os.cpu_count() or 1,
            "platform": platform.platform(terse=True), "loadavg": [round(x, 2) for x in os.getloadavg()],
            "code": code_hash()}


def save_json(data: Any, path: Path) -> Path:
    """Write JSON (pretty, sorted) creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True, default=str) + "\n")
    return path


def run_suites(suites: list[str] | None, methods: tuple[str, ...] = METHODS, options: PlanOptions | None = None,
               root: Path = INSTANCES, brute_budget: int = 20_000, brute_suites: tuple[str, ...] = BRUTE_SUITES,
               chosen: list[Spec] | None = None, highs_limit: float | None = None,
               budget_work: float = BUDGET_WORK) -> dict[str, Any]:
    """Every method on every stored instance of the suites; returns {'environment', 'options', 'records'}.
    HiGHS gets `highs_limit` seconds (default: the options' time limit, CP-SAT's wall-clock limit); the opt-in
    method BUDGET is CP-SAT (every stage, same options) with the work limit `budget_work`."""
    options = options or PlanOptions()
    highs_limit = options.time_limit if highs_limit is None else highs_limit
    chosen = chosen if chosen is not None else specs(suites)
    load_start = [round(x, 2) for x in os.getloadavg()]
    records: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    with ExitStack() as stack:
        worker = alone = None
        if "highs" in methods:
            from grantstack.optimizer.highs_worker import GRACE_SECONDS, HighsWorker

            worker = stack.enter_context(HighsWorker())
            alone = stack.enter_context(HighsWorker())  # CP-SAT's stage 1 in a process of its own, like HiGHS
        for spec in bar(chosen, len(chosen), "instances"):
            inst = load_instance(find(spec, root), root)
            built = None
            if "cpsat" in methods:
                rec, built = run_cpsat(inst, options)
                if alone is not None and spec.suite in ALONE_SUITES and rec["optimal"]:
                    rec.update(stage1_alone(alone, built, options.time_limit + GRACE_SECONDS))
                records.append(rec)
                if "repeat" in methods and spec.suite in REPEAT_SUITES:
                    records.append(run_repeat(inst, options, rec))
            if BUDGET in methods:
                rec, built_budget = run_cpsat(inst, options.model_copy(update={"work_limit": budget_work}))
                records.append(rec | {"method": BUDGET, "work_limit": budget_work})
                built = built or built_budget
            if worker is not None:
                records.append(run_highs(inst, options, worker, built, highs_limit))
            if "greedy" in methods:
                records.append(run_greedy(inst, options))
            if "brute" in methods and spec.suite in brute_suites:
                records.append(run_brute(inst, options, brute_budget))
    from grantstack.optimizer.highs import HIGHS_OPTIONS
    from grantstack.optimizer.solve import CONFIGS, solver_parameters

    return {"environment": environment() | {"loadavg_start": load_start},
            "options": options.model_dump(mode="json", warnings=False), "records": records,
            "cpsat_parameters": {k: str(v) for k, v in solver_parameters(options).items()},
            "cpsat_configs": [dict(c) for c in CONFIGS],
            "budget_work": budget_work if BUDGET in methods else None,
            "highs_options": {**HIGHS_OPTIONS, "time_limit": highs_limit,
                              "other options": "HiGHS defaults (tolerances, presolve, heuristics)"},
            "suites": sorted({s.suite for s in chosen}), "methods": list(methods),
            "wall_seconds": time.perf_counter() - t0}


def merge_runs(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """run.json after a run that adds suites to it: the new records replace the old ones of the same instance and
    method, and each run's environment, suites and wall time are kept under 'parts' (the report refuses to
    present parts of different code versions as one run)."""
    if not old:
        return new | {"parts": [_part(new)]}
    fresh = {(r["instance"], r["method"]) for r in new["records"]}
    records = [r for r in old["records"] if (r["instance"], r["method"]) not in fresh] + new["records"]
    parts = old.get("parts") or [_part(old)]
    return new | {"records": records, "parts": [*parts, _part(new)],
                  "wall_seconds": sum(p["wall_seconds"] for p in parts) + new["wall_seconds"]}


def _part(run: dict[str, Any]) -> dict[str, Any]:
    return {"suites": run.get("suites"), "methods": run.get("methods"), "environment": run["environment"],
            "highs_time_limit": run.get("highs_options", {}).get("time_limit"), "wall_seconds": run["wall_seconds"]}
