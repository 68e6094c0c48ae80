"""HiGHS runs in its own process: highspy and OR-Tools ship clashing libhighs builds and cannot share one.

The worker is a `multiprocessing` process started with the spawn context. Requests and results travel on
their own pipe (a `multiprocessing` Connection), never on standard output, and the worker points its file
descriptor 1 at standard error before anything else is imported, so no banner or print of a native library
can reach the caller. Every call has a timeout: a worker that hangs is killed, one that dies is reported,
both as a `HighsError` naming HiGHS, never as a hang. The next call starts a fresh worker.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any

__all__ = ["GRACE_SECONDS", "HighsError", "HighsWorker", "solve_highs"]

GRACE_SECONDS = 30.0  # beyond the solver's own time limit: start-up, model transfer, presolve overshoot


class HighsError(RuntimeError):
    """The HiGHS worker failed, hung past its timeout or died; the message says which."""


def _serve(conn: Connection) -> None:
    """Worker loop: fd 1 goes to stderr first, then (function, args) requests are answered on the pipe."""
    sys.stdout.flush()
    os.dup2(2, 1)  # native libraries (HiGHS's banner) print to fd 1: send it to stderr
    sys.stdout = sys.stderr
    while True:
        try:
            fn, args = conn.recv()
        except EOFError:
            return
        try:
            conn.send((True, fn(*args)))
        except BaseException as exc:  # report to the caller rather than die
            conn.send((False, f"{type(exc).__name__}: {exc}"))


class HighsWorker:
    """A HiGHS worker process: `solve(model, time_limit)` returns a HighsSolution, `call(fn, ...)` runs any
    picklable function there. Use as a context manager, or call `close()`."""

    def __init__(self) -> None:
        self._proc: Any = None
        self._conn: Connection | None = None

    @property
    def pid(self) -> int | None:
        """The worker's process id (None before the first call or after a failure)."""
        return self._proc.pid if self._proc is not None else None

    def _start(self) -> Connection:
        if self._conn is None:
            ctx = multiprocessing.get_context("spawn")
            parent, child = ctx.Pipe()
            self._proc = ctx.Process(target=_serve, args=(child,), name="grantstack-highs", daemon=True)
            self._proc.start()
            child.close()
            self._conn = parent
        return self._conn

    def _stop(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            self._proc.kill()
        if self._proc is not None:
            self._proc.join(5)
        if self._conn is not None:
            self._conn.close()
        self._proc, self._conn = None, None

    def call(self, fn: Callable[..., Any], *args: Any, timeout: float) -> Any:
        """fn(*args) in the worker; HighsError if it raises, runs past `timeout` seconds, or the worker dies."""
        conn = self._start()
        try:
            conn.send((fn, args))
        except (BrokenPipeError, OSError) as exc:
            self._stop()
            raise HighsError(f"HiGHS worker could not be reached ({exc}); it was restarted") from None
        ready = wait([conn, self._proc.sentinel], timeout)
        if conn in ready:
            try:
                ok, value = conn.recv()
            except (EOFError, OSError):
                ok, value = None, None
            if ok is True:
                return value
            if ok is False:
                raise HighsError(f"HiGHS failed: {value}")
        if not ready:
            self._stop()
            raise HighsError(f"HiGHS worker gave no answer within {timeout:g} s; it was stopped")
        self._proc.join(5)  # the pipe can report the end before the process is reaped: wait for its exit code
        code = self._proc.exitcode
        self._stop()
        raise HighsError(f"HiGHS worker process died (exit code {code}) before answering")

    def solve(self, model: Any, time_limit: float = 60.0) -> Any:
        """Solve a LinearModel with HiGHS in the worker; times out after time_limit + GRACE_SECONDS."""
        from grantstack.optimizer.highs import solve_in_process

        return self.call(solve_in_process, model, time_limit, timeout=time_limit + GRACE_SECONDS)

    def close(self) -> None:
        """Stop the worker: close its pipe, let it exit, kill it if it does not."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._proc is not None:
            self._proc.join(5)
        self._stop()

    def __enter__(self) -> HighsWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def solve_highs(model: Any, time_limit: float = 60.0) -> Any:
    """Solve a LinearModel with HiGHS in a fresh worker process (see HighsWorker for a long-lived one)."""
    with HighsWorker() as worker:
        return worker.solve(model, time_limit)
