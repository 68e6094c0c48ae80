"""Bounded solver pools: a lane for typical requests and a separate lane for long ones, each with a time limit."""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from grantstack.optimizer.result import WallClockExceeded
from grantstack.web import work

__all__ = ["Busy", "Lane", "SolvePool", "TimedOut"]


class Busy(RuntimeError):
    """The lane's queue is full: the request is refused at once rather than left waiting."""


class TimedOut(RuntimeError):
    """A job ran past its lane's time limit (plus grace)."""


@dataclass(frozen=True)
class Lane:
    """One lane: its worker processes, how many jobs may wait or run, and its time limit in seconds."""

    name: str
    workers: int
    queue: int
    time_limit: float


class _LanePool:
    def __init__(self, lane: Lane, context: Any) -> None:
        self.lane = lane
        self.context = context
        self.slots = threading.BoundedSemaphore(lane.queue)
        self.executor = self._start()
        self.done = 0
        self.busy = 0

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.lane.workers, mp_context=self.context, initializer=work.warm_up)

    def restart(self) -> None:
        """Replace the workers (after a job overran its limit: its worker may still be busy)."""
        old, self.executor = self.executor, self._start()
        for proc in list(getattr(old, "_processes", {}).values()):
            proc.terminate()
        old.shutdown(wait=False, cancel_futures=True)


class SolvePool:
    """Runs solver jobs in worker processes: typical jobs in one lane, long ones in another, never unbounded."""

    def __init__(self, typical: Lane, long: Lane, start_method: str = "spawn") -> None:
        context = multiprocessing.get_context(start_method)
        self.lanes = {lane.name: _LanePool(lane, context) for lane in (typical, long)}
        self.typical, self.long = typical.name, long.name
        self.seconds: dict[str, float] = {}
        """Last solve time (s) per firm fingerprint: a firm that ran long goes to the long lane next time."""

    def warm(self) -> None:
        """Start every worker now (imports, catalogue) so the first request does not pay for it."""
        for pool in self.lanes.values():
            futures = [pool.executor.submit(work.ping) for _ in range(pool.lane.workers)]
            for f in futures:
                f.result(timeout=120)

    def lane_for(self, key: str, size: int, threshold: int, slow_seconds: float) -> str:
        """The long lane for a firm known to run long or whose size (applications x years) is over the threshold."""
        if size > threshold or self.seconds.get(key, 0.0) > slow_seconds:
            return self.long
        return self.typical

    async def run(self, lane: str, fn: Callable[..., Any], *args: Any, key: str = "") -> Any:
        """Run fn(*args) in the lane's workers; Busy when its queue is full, TimedOut past its time limit."""
        pool = self.lanes[lane]
        if not pool.slots.acquire(blocking=False):
            raise Busy(f"the {lane} lane is full ({pool.lane.queue} jobs); try again in a moment")
        start = time.perf_counter()
        pool.busy += 1
        try:
            future = pool.executor.submit(fn, *args)
            try:
                result = await asyncio.wait_for(asyncio.wrap_future(future), pool.lane.time_limit + 5)
            except asyncio.TimeoutError:
                pool.restart()
                raise TimedOut(f"the solver ran past the {pool.lane.time_limit:g} s limit of the {lane} lane") \
                    from None
            except WallClockExceeded as exc:  # the solver's own safety limit: no plan, the same message as the CLI
                raise TimedOut(str(exc)) from None
        finally:
            pool.busy -= 1
            pool.slots.release()
        pool.done += 1
        if key:
            self.seconds[key] = time.perf_counter() - start
            if len(self.seconds) > 10_000:
                self.seconds.pop(next(iter(self.seconds)))
        return result

    def status(self) -> dict[str, dict[str, Any]]:
        """Per lane: workers, queue bound, time limit, jobs running or waiting, jobs done."""
        return {name: {"workers": p.lane.workers, "queue": p.lane.queue, "time_limit": p.lane.time_limit,
                       "in_flight": p.busy, "done": p.done} for name, p in self.lanes.items()}  # fmt: skip

    def close(self) -> None:
        """Stop every worker."""
        for pool in self.lanes.values():
            pool.executor.shutdown(wait=False, cancel_futures=True)
