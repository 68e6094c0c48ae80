"""Portfolio mode: plan N typical firms in a process pool (or on Dask) from plain JSON, one model per firm."""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Protocol

from grantstack.benchmarks.gen_typical import typical_firm
from grantstack.benchmarks.progress import bar
from grantstack.benchmarks.registry import TYPICAL_YEARS
from grantstack.benchmarks.stats import quantile
from grantstack.benchmarks.storage import INSTANCES, REAL_SNAPSHOT, load_snapshot
from grantstack.benchmarks.vocab import vocabulary
from grantstack.models.options import PlanOptions

__all__ = ["DaskPool", "LocalPool", "firm_lines", "plan_chunk", "run_portfolio"]

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


def _maxrss_mb() -> float:
    """getrusage peak RSS in MB (Linux keeps it across exec, so a spawned worker starts at its parent's)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _hwm_mb() -> float:
    """Peak RSS of this process image from /proc/self/status (VmHWM, reset at exec); getrusage elsewhere."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _maxrss_mb()


def plan_chunk(lines: list[str], catalogue_path: str, options_json: str, years: tuple[int, int]) -> dict[str, Any]:
    """Plan each firm (JSON text) with its own model; rows of (id, status, total, violations, seconds)."""
    from grantstack.models.firm import Firm
    from grantstack.optimizer.solve import plan

    catalogue = _catalogue(catalogue_path)
    options = PlanOptions.model_validate_json(options_json)
    rows = []
    for line in lines:
        t0 = time.perf_counter()
        firm = Firm.model_validate_json(line)
        res = plan(catalogue, firm, years, options)
        rows.append((firm.id, str(res.status), res.total_yuan, len(res.violations), time.perf_counter() - t0))
    return {"rows": rows, "pid": os.getpid(), "maxrss_mb": _maxrss_mb(), "hwm_mb": _hwm_mb()}


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


class Pool(Protocol):
    """What the portfolio needs from an executor."""

    name: str
    workers: int

    def submit(self, fn: Any, *args: Any) -> Any: ...
    def wait_any(self, futures: set[Any]) -> tuple[set[Any], set[Any]]: ...
    def close(self) -> None: ...


class LocalPool:
    """Local worker processes (spawned, so each has its own CP-SAT and catalogue)."""

    name = "local"

    def __init__(self, workers: int, catalogue_path: str) -> None:
        self.workers = workers
        self._ex = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=warm,
                                       initargs=(catalogue_path,))

    def submit(self, fn: Any, *args: Any) -> Any:
        """Submit one task."""
        return self._ex.submit(fn, *args)

    def wait_any(self, futures: set[Any]) -> tuple[set[Any], set[Any]]:
        """Block until at least one future is done."""
        done, rest = wait(futures, return_when=FIRST_COMPLETED)
        return set(done), set(rest)

    def close(self) -> None:
        """Shut the processes down."""
        self._ex.shutdown(wait=True)


class DaskPool:
    """A Dask distributed cluster: an address, or an existing Client (e.g. on a LocalCluster)."""

    name = "dask"

    def __init__(self, scheduler: Any) -> None:
        from distributed import Client

        self._own = not isinstance(scheduler, Client)
        self.client = Client(scheduler) if self._own else scheduler
        self.workers = sum(w["nthreads"] for w in self.client.scheduler_info()["workers"].values())

    def submit(self, fn: Any, *args: Any) -> Any:
        """Submit one task (never cached: pure=False)."""
        return self.client.submit(fn, *args, pure=False)

    def wait_any(self, futures: set[Any]) -> tuple[set[Any], set[Any]]:
        """Block until at least one future is done."""
        from distributed import wait as dwait

        done, rest = dwait(list(futures), return_when="FIRST_COMPLETED")
        return set(done), set(rest)

    def close(self) -> None:
        """Close the client if this pool opened it."""
        if self._own:
            self.client.close()


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    part: list[str] = []
    for line in lines:
        part.append(line.rstrip("\n"))
        if len(part) == size:
            yield part
            part = []
    if part:
        yield part


def warm_pool(pool: Pool, catalogue_path: str) -> float:
    """Start every worker (catalogue and solver loaded); returns the seconds it took."""
    t0 = time.perf_counter()
    for f in [pool.submit(warm, catalogue_path) for _ in range(pool.workers)]:
        f.result()
    return time.perf_counter() - t0


@dataclass
class PortfolioResult:
    """Per-firm rows and the run's summary."""

    rows: list[tuple[str, str, int, int, float]]
    summary: dict[str, Any]

    def totals(self) -> dict[str, int]:
        """Total yuan per firm id."""
        return {r[0]: r[2] for r in self.rows}


def run_portfolio(lines: Iterable[str], pool: Pool, catalogue_path: str, options: PlanOptions | None = None,
                  chunk: int = 25, startup_s: float | None = None, n: int | None = None) -> PortfolioResult:
    """Plan every firm on the pool (warmed here unless startup_s is given); at most 4 chunks per worker in flight."""
    options = (options or PlanOptions()).model_copy(update={"workers": 1})
    opts = options.model_dump_json(warnings=False)
    startup = warm_pool(pool, catalogue_path) if startup_s is None else startup_s
    t1 = time.perf_counter()
    pending: set[Any] = set()
    rows: list[tuple[str, str, int, int, float]] = []
    worker_rss: dict[int, float] = {}
    worker_hwm: dict[int, float] = {}
    todo = _chunks(lines, chunk)
    total = n if n is not None else len(lines)  # type: ignore[arg-type]
    n_chunks = (total + chunk - 1) // chunk
    progress = iter(bar(range(n_chunks), n_chunks, f"portfolio ({pool.name})"))
    while True:
        while len(pending) < 4 * pool.workers:
            part = next(todo, None)
            if part is None:
                break
            pending.add(pool.submit(plan_chunk, part, catalogue_path, opts, TYPICAL_YEARS))
        if not pending:
            break
        done, pending = pool.wait_any(pending)
        for f in done:
            out = f.result()
            rows.extend(tuple(r) for r in out["rows"])  # type: ignore[misc]
            worker_rss[out["pid"]] = max(worker_rss.get(out["pid"], 0.0), out["maxrss_mb"])
            worker_hwm[out["pid"]] = max(worker_hwm.get(out["pid"], 0.0), out["hwm_mb"])
            next(progress, None)
    for _ in progress:
        pass
    t2 = time.perf_counter()
    per_firm = [r[4] for r in rows]
    summary = {"firms": len(rows), "executor": pool.name, "workers": pool.workers, "chunk": chunk,
               "startup_s": startup, "plan_s": t2 - t1, "wall_s": startup + t2 - t1,
               "optimal_share": sum(1 for r in rows if r[1] == "OPTIMAL") / max(1, len(rows)),
               "violations": sum(r[3] for r in rows), "firm_p50_s": quantile(per_firm, 0.5),
               "firm_p95_s": quantile(per_firm, 0.95), "firm_max_s": max(per_firm, default=None),
               "total_yuan": sum(r[2] for r in rows), "peak_rss_parent_mb": _maxrss_mb(),
               "peak_rss_worker_mb": max(worker_rss.values(), default=0.0),
               "peak_hwm_parent_mb": _hwm_mb(), "peak_hwm_worker_mb": max(worker_hwm.values(), default=0.0),
               "worker_processes": len(worker_rss),
               "money_unit": options.money_unit, "time_limit": options.time_limit,
               "date": time.strftime("%Y-%m-%d")}
    return PortfolioResult(rows, summary)


def snapshot_path(root: Path = INSTANCES) -> str:
    """Path of the catalogue snapshot the workers load."""
    return str(root / REAL_SNAPSHOT)


def portfolio(n: int, processes: int = 2, scheduler: str | None = None, options: PlanOptions | None = None,
              chunk: int = 25, root: Path = INSTANCES) -> PortfolioResult:
    """Generate (or reuse) n firms and plan them locally or on a Dask scheduler, streaming the firm file."""
    firms = firm_file(n, root)
    path = snapshot_path(root)
    pool: Pool = DaskPool(scheduler) if scheduler else LocalPool(processes, path)
    try:
        startup = warm_pool(pool, path)
        with firms.open() as lines:
            return run_portfolio(lines, pool, path, options, chunk, startup_s=startup, n=n)
    finally:
        pool.close()
