"""The HiGHS worker: no output of a native library can corrupt its channel, and no failure becomes a hang."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from grantstack.optimizer.highs_worker import HighsError, HighsWorker
from tests.optimizer import fake_solvers


@pytest.fixture()
def worker() -> HighsWorker:
    with HighsWorker() as w:
        yield w


def test_prints_to_stdout_do_not_reach_the_channel(worker: HighsWorker) -> None:
    assert worker.call(fake_solvers.noisy_answer, 21, timeout=60) == 42
    assert worker.call(fake_solvers.noisy_answer, 5, timeout=60) == 10  # the next request is not confused


def test_an_exception_in_the_worker_names_highs(worker: HighsWorker) -> None:
    with pytest.raises(HighsError, match=r"HiGHS failed: ValueError: bad model"):
        worker.call(fake_solvers.raise_error, "bad model", timeout=60)
    assert worker.call(fake_solvers.noisy_answer, 1, timeout=60) == 2  # still serving


def test_a_hung_worker_is_stopped_at_its_timeout_and_replaced(worker: HighsWorker) -> None:
    first = worker.call(fake_solvers.pid, timeout=60)
    t0 = time.perf_counter()
    with pytest.raises(HighsError, match=r"HiGHS worker gave no answer within 1 s"):
        worker.call(fake_solvers.sleep, 60, timeout=1)
    assert time.perf_counter() - t0 < 10
    assert worker.pid is None
    assert worker.call(fake_solvers.pid, timeout=60) != first  # a fresh worker serves the next call


def test_a_worker_killed_mid_solve_is_an_error_not_a_hang(worker: HighsWorker) -> None:
    pid = worker.call(fake_solvers.pid, timeout=60)
    threading.Timer(0.5, os.kill, (pid, signal.SIGKILL)).start()
    t0 = time.perf_counter()
    with pytest.raises(HighsError, match=r"HiGHS worker process died \(exit code -9\)"):
        worker.call(fake_solvers.sleep, 60, timeout=50)
    assert time.perf_counter() - t0 < 10


def test_a_worker_that_exits_is_reported(worker: HighsWorker) -> None:
    with pytest.raises(HighsError, match=r"died \(exit code 7\)"):
        worker.call(fake_solvers.crash, timeout=60)
    assert worker.call(fake_solvers.noisy_answer, 3, timeout=60) == 6


def test_the_worker_never_loads_ortools(worker: HighsWorker) -> None:
    assert worker.call(_has_ortools, timeout=60) is False


def _has_ortools() -> bool:
    import sys

    return any(name.startswith("ortools") for name in sys.modules)
