"""Plan a book of firms (plan-many): firm files or objects on the executor, one summary, optional reports.

Each firm is loaded, planned and (if asked) its report rendered in a worker; this process writes each report
atomically as it arrives (a few writer threads), so a report on disk is always complete. One bad firm is a
row with its error; Ctrl-C keeps the finished reports and returns the summary of what finished, marked
incomplete.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grantstack.batch_files import FIRM_SUFFIXES, discover, report_names
from grantstack.batch_row import ERROR, FirmRow
from grantstack.batch_summary import Book
from grantstack.batch_worker import BatchJob, FirmText, plan_one, warm
from grantstack.reports.atomic import write_atomic
from grantstack.scenarios.executor import Executor, Outcome

if TYPE_CHECKING:
    from grantstack.models.firm import Firm

__all__ = [
    "FIRM_SUFFIXES", "REPORT_SUFFIX", "BatchJob", "discover", "items_of", "plan_book", "plan_one", "report_names",
]

REPORT_SUFFIX = {"html": ".html", "json": ".json", "md": ".md", "csv": ".csv", "xlsx": ".xlsx", "table": ".txt"}


class _Reports:
    """Per-firm reports written atomically by a few threads of this process as the results arrive."""

    def __init__(self, folder: Path | None, fmt: str | None) -> None:
        self.folder, self.fmt = folder, fmt
        self._pool = ThreadPoolExecutor(4, thread_name_prefix="grantstack-report") if folder else None
        self.written: dict[int, Future[str]] = {}

    def submit(self, index: int, name: str, payload: str | bytes | None) -> None:
        if self._pool is None or payload is None or self.fmt is None or self.folder is None:
            return
        path = self.folder / f"{name}{REPORT_SUFFIX[self.fmt]}"
        self.written[index] = self._pool.submit(self._write, path, payload)

    @staticmethod
    def _write(path: Path, payload: str | bytes) -> str:
        write_atomic(path, payload)
        return str(path)

    def finish(self, interrupted: bool) -> dict[int, str | Exception]:
        """Wait for the writes under way (each completes or leaves nothing); queued ones are dropped if interrupted."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=interrupted)
        out: dict[int, str | Exception] = {}
        for index, f in self.written.items():
            if f.cancelled():
                continue
            exc = f.exception()
            out[index] = f.result() if exc is None else exc  # type: ignore[assignment]
        return out


def plan_book(items: Sequence[tuple[str, str | Firm]], job: BatchJob, *, jobs: int | None = None,
              scheduler: Any = None, reports: Path | None = None, progress: bool | None = None,
              executor: Executor | None = None, on_row: Callable[[FirmRow], None] | None = None) -> Book:
    """Plan every (name, firm file or Firm) on the executor; the Book lists them all in input order."""
    if reports is not None:
        job = job if job.report_format else replace(job, report_format="html")
    else:
        job = replace(job, report_format=None)
    writer = _Reports(reports, job.report_format)
    rows: dict[int, FirmRow] = {}

    def arrived(outcome: Outcome[tuple[FirmRow, str | bytes | None]]) -> None:
        name, source = items[outcome.index]
        if outcome.ok and outcome.value is not None:
            row, payload = outcome.value
            writer.submit(outcome.index, name, payload)
        else:
            row = FirmRow(name=name, file=source if isinstance(source, str) else None, status=ERROR,
                          error=outcome.error, seconds=outcome.seconds)
        rows[outcome.index] = row
        if on_row is not None:
            on_row(row)

    own = executor is None
    t0 = time.perf_counter()
    try:
        ex = executor or Executor(jobs=jobs, scheduler=scheduler, setup=partial(warm, job.report_format is not None))
        try:
            # each firm file is read here as its chunk is sent (a worker only parses it): see FirmText
            sent = ((name, FirmText.read(source) if isinstance(source, str) else source) for name, source in items)
            batch = ex.map(plan_one, sent, shared=job, total=len(items), label="planning firms", progress=progress,
                           on_result=arrived)
        finally:
            if own:
                ex.close()
    except BaseException:
        writer.finish(interrupted=True)
        raise
    written = writer.finish(batch.interrupted)
    out: list[FirmRow] = []
    for i, (name, source) in enumerate(items):
        row = rows.get(i) or FirmRow(name=name, file=source if isinstance(source, str) else None)
        done = written.get(i)
        if isinstance(done, str):
            row = replace(row, report=done)
        elif isinstance(done, Exception):
            row = replace(row, error=f"report not written: {done}")
        out.append(row)
    return Book(out, job.years, interrupted=batch.interrupted,
                options=job.options.model_dump(mode="json"),
                executor={"kind": batch.executor, "workers": batch.workers, "chunk": batch.chunk,
                          "startup_seconds": round(batch.startup_seconds, 3)},
                seconds=time.perf_counter() - t0,
                inputs={"catalogue": [f.model_dump(mode="json") for f in job.catalogue_inputs]})


def items_of(sources: Iterable[str | Path | Firm]) -> list[tuple[str, str | Firm]]:
    """(name, source) pairs for firm files and Firm objects; names are distinct file-name stems."""
    listed = list(sources)
    paths = [Path(s) if isinstance(s, (str, os.PathLike)) else None for s in listed]  # else a Firm
    labels = [s.id if p is None else p.stem for s, p in zip(listed, paths, strict=True)]  # type: ignore[union-attr]
    names = report_names(labels, paths)
    return [(n, s if p is None else str(p)) for n, s, p in zip(names, listed, paths, strict=True)]
