"""Portfolio mode: plan N typical firms in a process pool (or on Dask) from plain JSON, one model per firm."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from grantstack.benchmarks.gen_typical import typical_firm
from grantstack.benchmarks.progress import bar, quiet
from grantstack.benchmarks.registry import TYPICAL_YEARS
from grantstack.benchmarks.stats import quantile
from grantstack.benchmarks.storage import INSTANCES, REAL_SNAPSHOT, load_snapshot
from grantstack.models.options import PlanOptions
from grantstack.models.vocabulary import vocabulary
from grantstack.scenarios.executor import Executor
from grantstack.scenarios.pools import peak_hwm_mb, peak_rss_mb

__all__ = ["dask_executor", "firm_lines", "local_executor", "plan_line", "run_portfolio"]

CACHE = Path(__file__).parent / ".cache"
_CATALOGUES: dict[str, Any] = {}


def _catalogue(path: str) -> Any:
    """The catalogue snapshot, loaded once per worker process (or thread-shared in a Dask worker)."""
    if path not in _CATALOGUES:
        _CATALOGUES[path] = load_snapshot(Path(path).parent)[0]
    return _CATALOGUES[path]


def warm(path: str) -> int:
    """Load the catalogue and the solver in this worker; returns its pid."""
    _catalogue(path)
    import grantstack.optimizer.solve  # noqa: F401

    return os.getpid()


def plan_line(shared: tuple[str, str, tuple[int, int]], line: str) -> tuple[str, str, int, int, float, float]:
    """Plan one firm (JSON text) with its own model: (id, status, total, violations, seconds, CPU seconds)."""
    from grantstack.models.firm import Firm
    from grantstack.optimizer.solve import plan

    catalogue_path, options_json, years = shared
    catalogue = _catalogue(catalogue_path)
    options = _options(options_json)
    t0, c0 = time.perf_counter(), time.process_time()
    firm = Firm.model_validate_json(line)
    res = plan(catalogue, firm, years, options)
    return (firm.id, str(res.status), res.total_yuan, len(res.violations), time.perf_counter() - t0,
            time.process_time() - c0)


@lru_cache(maxsize=8)
def _options(text: str) -> PlanOptions:
    return PlanOptions.model_validate_json(text)


def firm_file(n: int, root: Path = INSTANCES, seed0: int = 1_000_000, cache: Path = CACHE) -> Path:
    """A JSONL file of n typical firms (generated once per catalogue snapshot, then reused)."""
    catalogue, sha = load_snapshot(root)
    path = cache / f"firms-{seed0}-{n}-{sha[:12]}.jsonl"
    if not path.exists():
        vocab = vocabulary(catalogue)
        cache.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("w") as f:
            for i in bar(range(n), n, "generating firms"):
                f.write(json.dumps(typical_firm(seed0 + i, catalogue, vocab, TYPICAL_YEARS), separators=(",", ":")))
                f.write("\n")
        tmp.replace(path)
    return path


def firm_lines(n: int, root: Path = INSTANCES, seed0: int = 1_000_000, cache: Path = CACHE) -> list[str]:
    """n typical firms as compact JSON lines."""
    return firm_file(n, root, seed0, cache).read_text().splitlines()


def local_executor(workers: int, catalogue_path: str) -> Executor:
    """Local worker processes (spawned, so each has its own CP-SAT and catalogue)."""
    return Executor(jobs=workers, setup=partial(warm, catalogue_path))


def dask_executor(scheduler: Any, catalogue_path: str) -> Executor:
    """A Dask cluster: an address, or an existing Client (e.g. on a LocalCluster)."""
    return Executor(scheduler=scheduler, setup=partial(warm, catalogue_path))


@dataclass
class PortfolioResult:
    """Per-firm rows and the run's summary."""

    rows: list[tuple[str, str, int, int, float, float]]
    summary: dict[str, Any]

    def totals(self) -> dict[str, int]:
        """Total yuan per firm id."""
        return {r[0]: r[2] for r in self.rows}


def run_portfolio(lines: Iterable[str], executor: Executor, catalogue_path: str, options: PlanOptions | None = None,
                  chunk: int = 25, n: int | None = None) -> PortfolioResult:
    """Plan every firm on the executor (scenarios/executor.py; its workers are started first and timed apart)."""
    options = (options or PlanOptions()).model_copy(update={"workers": 1})
    shared = (catalogue_path, options.model_dump_json(warnings=False), TYPICAL_YEARS)
    startup = executor.start()
    batch = executor.map(plan_line, (line.rstrip("\n") for line in lines), total=n if n is not None else len(lines),  # type: ignore[arg-type]
                         chunk=chunk, label=f"portfolio ({executor.pool.name})", progress=not quiet(),
                         shared=shared)
    failed = batch.failed
    if failed:
        raise RuntimeError(f"{len(failed)} firm(s) failed, first: {failed[0].error}")
    rows = [o.value for o in batch if o.value is not None]
    per_firm = [r[4] for r in rows]
    floor = sum(r[5] for r in rows) / max(1, batch.workers)  # per-firm CPU x N / processes
    peaks = batch.worker_peak_mb.values()
    summary = {"firms": len(rows), "executor": batch.executor, "workers": batch.workers, "chunk": chunk,
               "startup_s": startup, "plan_s": batch.seconds, "wall_s": startup + batch.seconds,
               "optimal_share": sum(1 for r in rows if r[1] == "OPTIMAL") / max(1, len(rows)),
               "violations": sum(r[3] for r in rows), "firm_p50_s": quantile(per_firm, 0.5),
               "firm_p95_s": quantile(per_firm, 0.95), "firm_max_s": max(per_firm, default=None),
               "total_yuan": sum(r[2] for r in rows), "cpu_floor_s": floor,
               "plan_over_floor": batch.seconds / floor if floor else None,
               "wall_over_floor": (startup + batch.seconds) / floor if floor else None,
               "firm_cpu_p50_s": quantile([r[5] for r in rows], 0.5), "peak_rss_parent_mb": peak_rss_mb(),
               "peak_rss_worker_mb": max((p[0] for p in peaks), default=0.0),
               "peak_hwm_parent_mb": peak_hwm_mb(), "peak_hwm_worker_mb": max((p[1] for p in peaks), default=0.0),
               "worker_processes": len(batch.worker_peak_mb),
               "money_unit": options.money_unit, "time_limit": options.time_limit,
               "date": time.strftime("%Y-%m-%d")}
    return PortfolioResult(rows, summary)  # type: ignore[arg-type]


def snapshot_path(root: Path = INSTANCES) -> str:
    """Path of the catalogue snapshot the workers load."""
    return str(root / REAL_SNAPSHOT)


def portfolio(n: int, processes: int = 2, scheduler: str | None = None, options: PlanOptions | None = None,
              chunk: int = 25, root: Path = INSTANCES) -> PortfolioResult:
    """Generate (or reuse) n firms and plan them locally or on a Dask scheduler, streaming the firm file."""
    firms = firm_file(n, root)
    path = snapshot_path(root)
    with dask_executor(scheduler, path) if scheduler else local_executor(processes, path) as executor, \
            firms.open() as lines:
        return run_portfolio(lines, executor, path, options, chunk, n=n)
