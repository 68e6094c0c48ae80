"""Where batch work runs: this process or local worker processes (spawned); Dask is in scenarios/dask_pool.py.

Each pool runs `run_chunk` on a list of items and hands back futures; the executor (scenarios/executor.py)
decides what to submit, in what order, and what a failure means. A chunk catches every item's own
exception, so a future fails only when the worker itself died or a result could not be sent back.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import resource
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass
from enum import Enum
from multiprocessing import get_context
from typing import Any, Protocol

from grantstack.models.errors import InputError, one_paragraph

__all__ = [
    "InlinePool",
    "ItemResult",
    "LocalPool",
    "MissingExtraError",
    "Packed",
    "Shared",
    "WorkerPool",
    "peak_hwm_mb",
    "peak_rss_mb",
    "restore_sigint",
    "run_chunk",
]


class MissingExtraError(InputError, ImportError):
    """An optional feature was asked for whose extra is not installed; the message names the extra."""


class Shared(Enum):
    """The marker for a batch without a shared object."""

    NOTHING = "nothing"


@dataclass(frozen=True)
class Packed:
    """A batch's shared object pickled once in the parent; each worker unpickles it once (cached by digest)."""

    digest: str
    data: bytes

    @classmethod
    def of(cls, obj: Any) -> Packed:
        """Pickle obj."""
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        return cls(hashlib.sha256(data).hexdigest(), data)


_UNPACKED: dict[str, Any] = {}


def _unpack(packed: Packed) -> Any:
    """The shared object in this worker (the two most recent are kept)."""
    if packed.digest not in _UNPACKED:
        while len(_UNPACKED) >= 2:
            _UNPACKED.pop(next(iter(_UNPACKED)))
        _UNPACKED[packed.digest] = pickle.loads(packed.data)
    return _UNPACKED[packed.digest]


@dataclass(frozen=True)
class ItemResult:
    """What one item produced in a worker: a value, or an error (one paragraph) with its type and traceback."""

    value: Any = None
    error: str | None = None
    error_type: str | None = None
    traceback: str | None = None
    seconds: float = 0.0


def _error_text(exc: BaseException) -> str:
    """The exception as one paragraph: the message alone for bad input, 'Type: message' otherwise."""
    text = one_paragraph(str(exc))
    if isinstance(exc, InputError):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def peak_hwm_mb() -> float:
    """Peak RSS of this process image from /proc/self/status (VmHWM, reset at exec); getrusage elsewhere."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def peak_rss_mb() -> float:
    """getrusage peak RSS in MB (Linux keeps it across exec, so a spawned worker starts at its parent's)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_READY_AT: list[float] = []
"""When this local worker's setup finished (time.monotonic: the machine's one clock, which every process reads)."""


def run_chunk(fn: Callable[..., Any], items: list[Any], shared: Any
              ) -> tuple[list[ItemResult], int, float, float, float | None]:
    """Call fn on each item (fn(shared, item) when the batch has a shared object), catching each item's error.

    Returns the item results, this worker's pid, its peak RSS (getrusage, and VmHWM) in MB, and when its setup
    finished (time.monotonic; None outside a local worker).
    """
    if isinstance(shared, Packed):
        shared = _unpack(shared)
    out = []
    for item in items:
        t0 = time.perf_counter()
        try:
            value = fn(item) if shared is Shared.NOTHING else fn(shared, item)
            out.append(ItemResult(value=value, seconds=time.perf_counter() - t0))
        except Exception as exc:  # noqa: BLE001 - one bad item never stops the batch
            trace = None if isinstance(exc, InputError) else traceback.format_exc()
            out.append(ItemResult(error=_error_text(exc), error_type=type(exc).__name__, traceback=trace,
                                  seconds=time.perf_counter() - t0))
        finally:
            restore_sigint()
    return out, os.getpid(), peak_rss_mb(), peak_hwm_mb(), _READY_AT[0] if _READY_AT else None


def restore_sigint() -> None:
    """Put Python's Ctrl-C handler back (in the main thread): a CP-SAT solve leaves SIGINT at its default action,
    which would kill this process outright at the next Ctrl-C instead of raising KeyboardInterrupt."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.getsignal(signal.SIGINT))


def _init_worker(setup: Callable[[], Any] | None) -> None:
    """A local worker: out of the terminal's reach (Ctrl-C is the parent's to handle), then the setup.

    A worker in the terminal's process group would get Ctrl-C too, and CP-SAT (catch_sigint_signal) would
    answer it by stopping the current search early: a plan reported FEASIBLE only because of the interrupt.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with suppress(OSError):
        os.setsid()
    atexit.register(_leave_now)
    if setup is not None:
        setup()
    _READY_AT.append(time.monotonic())


def _leave_now() -> None:
    """A local worker's last exit step: skip the interpreter's teardown, which frees every object one by one
    (0.4-1.5 s for a worker that has planned a few hundred firms) while the parent waits for it to end.

    It runs after the worker has sent its last result and joined its threads, and after every exit handler
    registered later (LIFO), such as those of the setup; only the standard streams are left to flush.
    """
    if "logging" in sys.modules:  # its own exit handler may have been registered before this one
        sys.modules["logging"].shutdown()
    for stream in (sys.stdout, sys.stderr):
        with suppress(Exception):
            stream.flush()
    os._exit(0)


def _ready(pause: float) -> int:
    """A warm-up task: hold this worker a moment so that the others take the next ones; its pid."""
    time.sleep(pause)
    return os.getpid()


class WorkerPool(Protocol):
    """What the executor needs from a place to run chunks."""

    name: str
    workers: int

    def share(self, shared: Any) -> Any: ...
    def submit(self, fn: Callable[..., Any], *args: Any) -> Any: ...
    def wait_any(self, futures: Iterable[Any]) -> set[Any]: ...
    def broken(self, exc: BaseException) -> bool: ...
    def restart(self) -> None: ...
    def launch(self) -> None: ...
    def begin(self) -> None: ...
    def warm(self) -> None: ...
    def cancel(self, futures: Iterable[Any]) -> None: ...
    def close(self, now: bool = False) -> None: ...


class InlinePool:
    """No pool: each chunk runs here, at once (jobs=0: no start-up cost; no isolation from crashes, and a
    Ctrl-C during a solve only stops that search early, so use it to debug, not for batches that matter)."""

    name = "inline"
    workers = 1

    def __init__(self, setup: Callable[[], Any] | None) -> None:
        if setup is not None:
            setup()

    def share(self, shared: Any) -> Any:
        """The object itself."""
        return shared

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run now; a finished future."""
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:  # noqa: BLE001 - reported through the future, like the other pools
            future.set_exception(exc)
        return future

    def wait_any(self, futures: Iterable[Any]) -> set[Any]:
        """Every future is already done."""
        return set(futures)

    def broken(self, exc: BaseException) -> bool:
        """Nothing to break."""
        return False

    def restart(self) -> None:
        """Nothing to restart."""

    def launch(self) -> None:
        """Already warm."""

    def begin(self) -> None:
        """Already warm."""

    def warm(self) -> None:
        """Already warm."""

    def cancel(self, futures: Iterable[Any]) -> None:
        """Nothing runs in the background."""

    def close(self, now: bool = False) -> None:
        """Nothing to close."""


class LocalPool:
    """Spawned worker processes (each with its own solver and shared object); Ctrl-C is left to the parent."""

    name = "local"

    def __init__(self, jobs: int, setup: Callable[[], Any] | None) -> None:
        self.workers = jobs
        self._setup = setup
        self._ex = self._new()
        self._launched: list[Future[int]] = []

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"), initializer=_init_worker,
                                   initargs=(self._setup,))

    def share(self, shared: Any) -> Any:
        """Pickled once here; sent with each chunk, unpickled once per worker."""
        return shared if shared is Shared.NOTHING else Packed.of(shared)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Queue one chunk."""
        return self._ex.submit(fn, *args)

    def wait_any(self, futures: Iterable[Any]) -> set[Any]:
        """Block until at least one future is done."""
        return set(wait(list(futures), return_when=FIRST_COMPLETED).done)

    def broken(self, exc: BaseException) -> bool:
        """A worker process died (crash, out of memory, killed): every chunk in flight is lost."""
        return isinstance(exc, BrokenProcessPool)

    def restart(self) -> None:
        """Replace a broken pool with fresh processes."""
        self.close(now=True)
        self._ex = self._new()
        self._launched = []

    def launch(self, hold: float = 0.0) -> None:
        """Start the worker processes (each runs its setup) without waiting for them; begin and warm wait."""
        if not self._launched:
            self._launched = [self._ex.submit(_ready, hold) for _ in range(self.workers)]

    def begin(self) -> None:
        """Return as soon as one worker is ready (its setup done): a batch starts on it, and each other worker
        takes its first chunk when it is ready, instead of every worker waiting for the slowest to start. A
        worker that died in its setup raises here (BrokenProcessPool), as in warm."""
        self.launch()
        for f in wait(self._launched, return_when=FIRST_COMPLETED).done:
            f.result()
        self._launched = []

    def warm(self) -> None:
        """Start every worker process and run its setup; returns when all of them are ready."""
        self.launch(hold=0.05)
        pending, self._launched = self._launched, []
        seen: set[int] = set()
        deadline = time.monotonic() + 120
        while True:
            seen.update(f.result() for f in pending)
            if len(seen) >= self.workers or time.monotonic() >= deadline:
                return
            pending = [self._ex.submit(_ready, 0.05) for _ in range(self.workers)]

    def cancel(self, futures: Iterable[Any]) -> None:
        """Cancel what has not started."""
        for f in futures:
            f.cancel()

    def close(self, now: bool = False) -> None:
        """Shut the processes down: wait for them, or (now) drop queued work and terminate them."""
        if not now:
            self._ex.shutdown(wait=True)
            return
        processes = list(getattr(self._ex, "_processes", {}).values())
        self._ex.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            if p.is_alive():
                p.terminate()
        for p in processes:
            p.join(timeout=5)
