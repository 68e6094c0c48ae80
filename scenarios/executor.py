"""Run one function over many inputs on local processes or Dask: results in input order, per-item errors kept.

One code path for batch planning (`grantstack plan-many`), what-if sweeps and the benchmarks' portfolio:

    with Executor(jobs=2) as ex:                        # or Executor(scheduler="tcp://host:8786")
        batch = ex.map(plan_one, firms, shared=catalogue, label="planning")
    for outcome in batch:                               # input order
        print(outcome.index, outcome.value if outcome.ok else outcome.error)

- `jobs=N` local worker processes (spawned; default: the CPUs this process may use); `jobs=0` runs in this
  process (for debugging: no start-up cost, but no isolation from crashes or Ctrl-C). `scheduler=ADDRESS`
  (or a distributed Client or cluster, or "local" for a LocalCluster of `jobs` processes) runs on Dask
  instead, which is the optional extra `grantstack[dask]`.
- `fn` must be a module-level function (it is sent to the workers by name). With `shared=OBJ` it is called
  as `fn(OBJ, item)`, OBJ being pickled once and unpickled once per worker (a catalogue, a base firm);
  otherwise `fn(item)`. `setup` runs once in each worker as it starts (imports, caches). A map begins as soon as
  one local worker is ready, each other worker joining when its setup is done (`start()` waits for all of them).
- An item whose `fn` raises gets an Outcome with the error (one paragraph) and the batch goes on. A worker
  that dies (a crash, out of memory) is replaced; the items it held are run again one at a time, so that
  only the item that kills a worker is reported failed.
- Ctrl-C stops the batch: what finished is returned (`Batch.interrupted` is True), nothing else.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Generic, TypeVar

from grantstack.scenarios.dask_pool import DaskPool
from grantstack.scenarios.pools import (
    InlinePool,
    ItemResult,
    LocalPool,
    MissingExtraError,
    Shared,
    WorkerPool,
    run_chunk,
)
from grantstack.scenarios.progress import batch_progress

__all__ = ["Batch", "Executor", "MissingExtraError", "Outcome", "default_jobs", "run_many"]

R = TypeVar("R")
IN_FLIGHT_PER_WORKER = 4
"""Chunks queued per worker: enough to keep every worker busy, few enough to stream a long input."""


def default_jobs() -> int:
    """The CPUs this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """One item's result: its position in the input, its value or its error, and the seconds it took."""

    index: int
    value: R | None = None
    error: str | None = None
    error_type: str | None = None
    traceback: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when fn returned (False: see error)."""
        return self.error is None


@dataclass
class Batch(Generic[R]):
    """The outcomes of the items that finished, in input order, and how the run went."""

    outcomes: list[Outcome[R]]
    submitted: int
    interrupted: bool
    executor: str
    workers: int
    chunk: int
    seconds: float
    startup_seconds: float = 0.0
    worker_peak_mb: dict[int, tuple[float, float]] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Outcome[R]]:
        return iter(self.outcomes)

    def __len__(self) -> int:
        return len(self.outcomes)

    @property
    def complete(self) -> bool:
        """Every item of the input finished (with a value or an error)."""
        return not self.interrupted and len(self.outcomes) == self.submitted

    @property
    def failed(self) -> list[Outcome[R]]:
        """Outcomes with an error."""
        return [o for o in self.outcomes if not o.ok]

    def values(self) -> list[R | None]:
        """Each finished item's value (None where it failed), in input order."""
        return [o.value for o in self.outcomes]


@dataclass
class _Chunk:
    start: int
    items: list[Any]
    alone: bool = False  # run with nothing else in flight: a worker that dies is then known to be its fault


def _chunks(items: Iterable[Any], size: int) -> Iterator[_Chunk]:
    it = iter(items)
    start = 0
    while part := list(islice(it, size)):
        yield _Chunk(start, part)
        start += len(part)


def auto_chunk(n: int | None, workers: int) -> int:
    """Items per task: about 16 tasks per worker (smooth progress, balanced load), between 1 and 25 items."""
    if n is None:
        return 10
    return max(1, min(25, -(-n // (workers * 16))))


class Executor:
    """A pool of workers (local processes, this process, or Dask) that maps functions over inputs."""

    def __init__(self, jobs: int | None = None, scheduler: Any = None, *,
                 setup: Callable[[], Any] | None = None) -> None:
        if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0):
            raise ValueError(f"jobs must be a whole number (0: in this process), not {jobs!r}")
        jobs = default_jobs() if jobs is None else jobs
        self.pool: WorkerPool
        if scheduler is not None:
            self.pool = DaskPool(scheduler, max(1, jobs), setup)
        elif jobs == 0:
            self.pool = InlinePool(setup)
        else:
            self.pool = LocalPool(jobs, setup)
        self.startup_seconds: float | None = None
        self._launched_at: float | None = None

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(now=exc[0] is not None)

    @property
    def workers(self) -> int:
        """Worker processes (threads, on Dask)."""
        return self.pool.workers

    def launch(self) -> None:
        """Start the workers in the background and return at once (start and map wait for them), so that
        their start-up overlaps the caller's own preparation (e.g. loading the catalogue they will need)."""
        if self.startup_seconds is None and self._launched_at is None:
            self._launched_at = time.monotonic()
            self.pool.launch()

    def start(self) -> float:
        """Start every worker and run its setup now, waiting for all of them (map waits only for the first); the
        seconds from starting (or launching) them to all of them being ready."""
        if self.startup_seconds is None:
            t0 = self._launched_at if self._launched_at is not None else time.monotonic()
            self.pool.warm()
            self.startup_seconds = time.monotonic() - t0
            self._launched_at = None
        return self.startup_seconds

    def _begin(self) -> float:
        """Launch the workers if need be and wait for the first one ready; the seconds that took."""
        self.launch()
        t0 = self._launched_at if self._launched_at is not None else time.monotonic()
        self.pool.begin()
        return time.monotonic() - t0

    def _started(self, first: float, ready: dict[int, float]) -> float:
        """The start-up seconds of a batch that began on its first worker: from the launch until the last worker
        that took part had run its setup (as the workers recorded it), at least until the first was ready."""
        t0, self._launched_at = self._launched_at, None
        self.startup_seconds = max([first, *(at - t0 for at in ready.values())]) if t0 is not None else first
        return self.startup_seconds

    def close(self, now: bool = False) -> None:
        """Stop the workers (now: without waiting for queued work)."""
        self.pool.close(now=now)

    def map(self, fn: Callable[..., R], items: Iterable[Any], *, shared: Any = Shared.NOTHING,
            total: int | None = None, chunk: int | None = None, label: str = "", progress: bool | None = None,
            on_result: Callable[[Outcome[R]], None] | None = None) -> Batch[R]:
        """Run fn over items (streamed; at most a few chunks per worker in flight) and collect the outcomes.

        shared: an object fn needs for every item (fn(shared, item)), sent to each worker once. total: the
        number of items when `items` has no len (for the progress bar). progress: None shows the
        bar on a terminal only. on_result is called here, in this process, as each item finishes (in
        completion order), e.g. to write its report; an error it raises stops the batch.
        """
        n = total if total is not None else (len(items) if hasattr(items, "__len__") else None)  # type: ignore[arg-type]
        size = chunk or auto_chunk(n, self.workers)
        first = self._begin() if self.startup_seconds is None else None  # start() waits for all, this for one
        run = _Run(self.pool, fn, self.pool.share(shared), _chunks(items, size), on_result)
        t0 = time.perf_counter()
        with batch_progress(n, label or "running", progress) as bar:
            run.bar = bar
            try:
                run.loop()
            except KeyboardInterrupt:
                run.interrupted = True
                self.pool.cancel(list(run.inflight))
                self.pool.restart()  # local workers are terminated (fresh ones start only if used again)
        startup = self.startup_seconds if first is None else self._started(first, run.ready)
        if run.interrupted:
            self.startup_seconds = None
        outcomes = sorted(run.done.values(), key=lambda o: o.index)
        return Batch(outcomes, run.submitted, run.interrupted, self.pool.name, self.workers, size,
                     time.perf_counter() - t0, startup or 0.0, run.peaks)


class _Run:
    """One map: what is queued, in flight and done."""

    def __init__(self, pool: WorkerPool, fn: Callable[..., Any], shared: Any, source: Iterator[_Chunk],
                 on_result: Callable[[Outcome[Any]], None] | None) -> None:
        self.pool, self.fn, self.shared, self.source, self.on_result = pool, fn, shared, source, on_result
        self.retry: deque[_Chunk] = deque()
        self.inflight: dict[Any, _Chunk] = {}
        self.done: dict[int, Outcome[Any]] = {}
        self.peaks: dict[int, tuple[float, float]] = {}
        self.ready: dict[int, float] = {}  # first workers' pid -> when its setup finished (time.monotonic)
        self.restarted = False  # a worker died and the pool was restarted: later setups are no start-up
        self.submitted = 0
        self.interrupted = False
        self.bar: Any = None

    def _next(self) -> _Chunk | None:
        if self.retry:
            if self.retry[0].alone and self.inflight:
                return None
            return self.retry.popleft()
        part = next(self.source, None)
        if part is not None:
            self.submitted += len(part.items)
        return part

    def _fill(self) -> None:
        while len(self.inflight) < IN_FLIGHT_PER_WORKER * self.pool.workers:
            if any(c.alone for c in self.inflight.values()):
                return
            part = self._next()
            if part is None:
                return
            self.inflight[self.pool.submit(run_chunk, self.fn, part.items, self.shared)] = part

    def loop(self) -> None:
        """Submit, wait, record, until the input and the retries are exhausted."""
        while True:
            self._fill()
            if not self.inflight:
                return
            for future in self.pool.wait_any(self.inflight):
                part = self.inflight.pop(future, None)
                if part is None:  # already handled with a broken pool
                    continue
                exc = future.exception()
                if exc is None:
                    self._finished(part, future.result())
                elif self.pool.broken(exc):
                    self._broken(part, exc)
                    break
                else:
                    self._lost([part], exc)

    def _finished(self, part: _Chunk, answer: tuple[list[ItemResult], int, float, float, float | None]) -> None:
        results, pid, maxrss, hwm, ready_at = answer
        if ready_at is not None and not self.restarted:
            self.ready[pid] = ready_at
        old = self.peaks.get(pid, (0.0, 0.0))
        self.peaks[pid] = (max(old[0], maxrss), max(old[1], hwm))
        self._record(part, results)

    def _broken(self, part: _Chunk, exc: BaseException) -> None:
        """A worker died: keep the chunks that finished, retry the others, start a fresh pool."""
        lost = [part]
        for future, other in self.inflight.items():
            if future.done() and not future.cancelled() and future.exception() is None:
                self._finished(other, future.result())
            else:
                lost.append(other)
        self.inflight.clear()
        self._lost(lost, exc)
        self.pool.restart()
        self.restarted = True

    def _lost(self, parts: list[_Chunk], exc: BaseException) -> None:
        """Chunks whose worker died or whose result could not come back: retry each item alone, once."""
        broken = self.pool.broken(exc)
        for part in parts:
            if len(part.items) == 1 and (part.alone or not broken):
                why = "the worker process running this item died" if broken else f"{type(exc).__name__}: {exc}"
                self._record(part, [ItemResult(error=" ".join(why.split()), error_type=type(exc).__name__)])
            else:
                self.retry.extend(_Chunk(part.start + i, [item], alone=broken) for i, item in enumerate(part.items))

    def _record(self, part: _Chunk, results: list[ItemResult]) -> None:
        failed = 0
        for i, r in enumerate(results):
            outcome: Outcome[Any] = Outcome(part.start + i, r.value, r.error, r.error_type, r.traceback, r.seconds)
            self.done[outcome.index] = outcome
            failed += not outcome.ok
            if self.on_result is not None:
                self.on_result(outcome)
        self.bar.advance(len(results), failed)


def run_many(fn: Callable[..., R], items: Iterable[Any], *, jobs: int | None = None, scheduler: Any = None,
             shared: Any = Shared.NOTHING, setup: Callable[[], Any] | None = None, total: int | None = None,
             chunk: int | None = None, label: str = "", progress: bool | None = None,
             on_result: Callable[[Outcome[R]], None] | None = None) -> Batch[R]:
    """Run fn over items on a fresh Executor (see the module docstring) and close it."""
    with Executor(jobs, scheduler, setup=setup) as ex:
        return ex.map(fn, items, shared=shared, total=total, chunk=chunk, label=label, progress=progress,
                      on_result=on_result)
