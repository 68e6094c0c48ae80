"""The executor: ordered results, per-item errors, dead workers, shared objects, Dask, Ctrl-C."""

from __future__ import annotations

import os
import signal
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from grantstack.scenarios.executor import Batch, Executor, MissingExtraError, auto_chunk, run_many
from tests.scenarios import executor_tasks as tasks


def _summary(batch: Batch[Any]) -> list[tuple[int, Any, str | None]]:
    return [(o.index, o.value, o.error_type) for o in batch]


EXPECTED = [(0, 0, None), (1, 1, None), (2, 4, None), (3, None, "InputError"), (4, None, "ZeroDivisionError"),
            (5, 25, None), (6, 36, None)]


@pytest.mark.parametrize("jobs", [0, 2])
def test_results_in_input_order_and_one_bad_item_never_stops_the_batch(jobs: int) -> None:
    seen: list[int] = []
    batch = run_many(tasks.square, range(7), jobs=jobs, chunk=2, progress=False,
                     on_result=lambda o: seen.append(o.index))
    assert _summary(batch) == EXPECTED
    assert sorted(seen) == list(range(7)) and batch.complete and not batch.interrupted
    bad = batch.outcomes[3]
    assert bad.error == "firm3.yaml: projects[0].costs: write a whole number." and bad.traceback is None
    bug = batch.outcomes[4]
    assert bug.error == "ZeroDivisionError: division by zero" and "Traceback" in (bug.traceback or "")
    assert [o.index for o in batch.failed] == [3, 4]
    assert batch.executor == ("inline" if jobs == 0 else "local")


def test_a_worker_that_dies_fails_only_its_own_item() -> None:
    batch = run_many(tasks.crash_on_five, range(12), jobs=2, chunk=4, progress=False)
    assert [o.index for o in batch] == list(range(12))
    assert [o.index for o in batch.failed] == [5]
    assert "worker process" in (batch.outcomes[5].error or "") and "died" in (batch.outcomes[5].error or "")
    assert [o.value for o in batch if o.ok] == [i * i for i in range(12) if i != 5]


def test_each_map_has_its_own_shared_object() -> None:
    with Executor(jobs=2) as ex:
        assert ex.start() > 0
        first = ex.map(tasks.plus, range(30), shared={"offset": 100}, progress=False)
        again = ex.map(tasks.plus, [1, 2], shared={"offset": -1}, progress=False)
    assert first.values() == [x + 100 for x in range(30)]
    assert again.values() == [0, 1]
    assert len(first.worker_peak_mb) >= 1 and all(hwm > 0 for _, hwm in first.worker_peak_mb.values())


def test_a_batch_begins_on_the_first_worker_ready(tmp_path: Path) -> None:
    """map does not wait for every worker to start: the second one here can only get ready once the first has
    run an item (on the old code, which waited for both, this took the 20 s of the setup's time-out). The start-up
    seconds still run until the last worker that took part was ready."""
    folder = str(tmp_path)
    t0 = time.monotonic()
    with Executor(jobs=2, setup=partial(tasks.uneven_setup, folder)) as ex:
        batch = ex.map(tasks.release, range(40), shared=folder, chunk=1, progress=False)
    assert time.monotonic() - t0 < 15, "the batch waited for the slow worker's setup"
    assert batch.complete and len(batch) == 40
    pids = {pid for pid, _ in batch.values()}  # type: ignore[misc]
    go = os.stat(os.path.join(folder, "go")).st_mtime - time.time() + time.monotonic()  # on the monotonic clock
    if len(pids) == 2:  # the slow worker took part (it joins within ~10 ms of `go`): its start-up is counted
        assert batch.startup_seconds >= go - t0 - 0.1
    assert ex.startup_seconds == batch.startup_seconds


def test_streamed_input_with_a_total() -> None:
    batch = run_many(tasks.square, (x for x in range(50) if x > 4), total=45, jobs=0, progress=False)
    assert batch.submitted == 45 and batch.values()[:2] == [25, 36]


def test_dask_local_cluster_gives_the_same_outcomes() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        batch = run_many(tasks.square, range(7), scheduler=client, chunk=3, progress=False)
        shared = run_many(tasks.plus, range(5), scheduler=client, shared={"offset": 7}, progress=False)
    assert _summary(batch) == EXPECTED and batch.executor == "dask"
    assert shared.values() == [7, 8, 9, 10, 11]


@pytest.mark.usefixtures("no_dask")
def test_without_dask_the_error_names_the_extra() -> None:
    with pytest.raises(MissingExtraError, match=r"pip install 'grantstack\[dask\]'"):
        Executor(scheduler="tcp://127.0.0.1:1")


def test_ctrl_c_in_this_process_keeps_what_finished() -> None:
    batch = run_many(tasks.interrupt_at_four, range(10), jobs=0, chunk=1, progress=False)
    assert batch.interrupted and not batch.complete
    assert batch.values() == [0, 1, 2, 3]


def test_ctrl_c_stops_the_workers_and_keeps_what_finished() -> None:
    """Ctrl-C arrives while the batch waits on its workers, once two items have finished (a ready marker, not a
    fixed delay: under load the workers' first items can take seconds)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)  # at C level too: an in-process CP-SAT solve resets it
    sent: list[float] = []

    def ctrl_c() -> None:
        sent.append(time.perf_counter())
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Timer(0.3, ctrl_c)
    arrived: list[int] = []

    def on_result(outcome: Any) -> None:
        arrived.append(outcome.index)
        if len(arrived) == 2:
            timer.start()

    with Executor(jobs=2) as ex:
        ex.start()
        batch = ex.map(tasks.slow, range(200), chunk=1, progress=False, on_result=on_result)
        returned = time.perf_counter()
        assert sent, "the batch ended before Ctrl-C was sent"
        assert batch.interrupted and 2 <= len(batch) < 200 and all(o.ok for o in batch)
        assert returned - sent[0] < 5, "the interrupted batch should return at once"
        assert ex.map(tasks.square, [2, 5], progress=False).values() == [4, 25], "the executor is usable again"
    timer.cancel()


def test_bad_jobs_and_chunk_size() -> None:
    with pytest.raises(ValueError, match="jobs must be a whole number"):
        Executor(jobs=-1)
    assert auto_chunk(1000, 2) == 25 and auto_chunk(40, 2) == 2 and auto_chunk(None, 2) == 10


def test_local_workers_are_out_of_the_terminals_reach() -> None:
    """Ctrl-C in a terminal goes to its process group; workers in their own session never see it (the parent
    stops them), so CP-SAT in a worker never cuts a search short because of an interrupt."""
    batch = run_many(tasks.session, range(4), jobs=2, progress=False)
    assert all(pid == sid != os.getsid(0) for pid, sid in batch.values())  # type: ignore[misc]
