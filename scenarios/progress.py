"""The batch progress bar: items done of total, failures, rate and time left, on stderr (rich).

Rich is imported only when a bar may be shown: a quiet batch (plan-many --quiet, the benchmarks) never loads it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

__all__ = ["BatchProgress", "RateColumn", "batch_progress", "progress_wanted"]  # noqa: F822 - RateColumn: __getattr__


@cache
def _rate_column() -> type:
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Items per second (per minute when slower than one a second)."""

        def render(self, task: Task) -> Text:
            """The rate over rich's recent window, blank until known."""
            speed = task.finished_speed or task.speed
            if not speed:
                return Text("", style="progress.data.speed")
            text = f"{speed:.1f}/s" if speed >= 1 else f"{speed * 60:.1f}/min"
            return Text(text, style="progress.data.speed")

    return RateColumn


def __getattr__(name: str) -> Any:
    if name == "RateColumn":  # a rich column class, made on first use
        return _rate_column()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class BatchProgress:
    """Counts finished items (and failures) on a rich Progress, or does nothing when disabled."""

    def __init__(self, progress: Progress | None, label: str, total: int | None) -> None:
        self._progress = progress
        self._label = label
        self.failed = 0
        self._task = progress.add_task(label, total=total) if progress is not None else None

    def advance(self, done: int, failed: int = 0) -> None:
        """Count `done` more finished items, `failed` of them with an error."""
        if self._progress is None or self._task is None:
            return
        self.failed += failed
        label = f"{self._label} [red]({self.failed} failed)[/]" if self.failed else self._label
        self._progress.update(self._task, advance=done, description=label)


def progress_wanted(console: Console) -> bool:
    """Show a bar on a terminal unless GRANTSTACK_QUIET is set (non-empty, not 0)."""
    return console.is_terminal and os.environ.get("GRANTSTACK_QUIET", "") in ("", "0")


@contextmanager
def batch_progress(total: int | None, label: str, enabled: bool | None = None) -> Iterator[BatchProgress]:
    """A progress bar on stderr for `total` items (None: unknown); enabled=None shows it on a terminal only."""
    if enabled is False:
        yield BatchProgress(None, label, total)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    if not (enabled or progress_wanted(console)):
        yield BatchProgress(None, label, total)
        return
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _rate_column()(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        yield BatchProgress(progress, label, total)
