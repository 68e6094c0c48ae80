"""Dask LocalCluster against the local process pool: the speed-up from 1 to 2 workers, the per-task overhead
(a task that does nothing), and the written extrapolation to re-planning 2 million typical firms."""

from __future__ import annotations

import os
import time
from functools import partial
from typing import Any

from grantstack.benchmarks.portfolio import firm_lines, run_portfolio, snapshot_path, warm
from grantstack.scenarios.executor import Executor

__all__ = ["dask_scaling", "extrapolate", "noop"]


def noop(_: Any) -> None:
    """A task that does nothing: what it costs is the executor's overhead."""


def _overhead(scheduler: Any, tasks: int) -> float:
    """Seconds per one-item task on a 1-worker pool (submit, run, collect)."""
    with Executor(jobs=1, scheduler=scheduler) as ex:
        ex.start()
        batch = ex.map(noop, range(tasks), chunk=1, progress=False)
        return batch.seconds / tasks


def dask_scaling(firms: int = 2_000, chunk: int = 25, tasks: int = 500) -> dict[str, Any]:
    """Planning `firms` typical firms on 1 and 2 workers, on Dask (LocalCluster) and on local processes."""
    path = snapshot_path()
    lines = firm_lines(firms)
    rows = []
    for scheduler in ("local", None):
        for workers in (1, 2):
            with Executor(jobs=workers, scheduler=scheduler, setup=partial(warm, path)) as ex:
                t0 = time.perf_counter()
                port = run_portfolio(lines, ex, path, chunk=chunk)
                rows.append(port.summary | {"scheduler": "dask" if scheduler else "local",
                                            "elapsed_s": time.perf_counter() - t0,
                                            "loadavg": [round(x, 2) for x in os.getloadavg()]})
    by = {(r["scheduler"], r["workers"]): r for r in rows}
    return {"firms": firms, "chunk": chunk, "rows": rows,
            "speedup_dask": by[("dask", 1)]["plan_s"] / by[("dask", 2)]["plan_s"],
            "speedup_local": by[("local", 1)]["plan_s"] / by[("local", 2)]["plan_s"],
            "task_overhead_dask_s": _overhead("local", tasks), "task_overhead_local_s": _overhead(None, tasks),
            "overhead_tasks": tasks}


def extrapolate(firm_cpu_s: float, task_overhead_s: float, chunk: int, firms: int = 2_000_000,
                workers: tuple[int, ...] = (16, 64), startup_s: float = 10.0) -> list[dict[str, Any]]:
    """Hours to re-plan `firms` typical firms on W workers, assuming: every worker a core as fast as this one
    (per-firm CPU as measured here), firms spread evenly, one task per `chunk` firms whose scheduler overhead
    is the measured per-task overhead (serialised in the scheduler, so it adds N/chunk x overhead in total,
    not per worker), and a fixed start-up."""
    out = []
    for w in workers:
        compute = firms * firm_cpu_s / w
        scheduling = firms / chunk * task_overhead_s
        out.append({"workers": w, "firms": firms, "compute_h": compute / 3600, "scheduling_h": scheduling / 3600,
                    "total_h": (compute + scheduling + startup_s) / 3600})
    return out
