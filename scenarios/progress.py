"""The batch progress bar: items done of total, failures, rate and time left, on stderr (rich)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

__all__ = ["BatchProgress", "RateColumn", "batch_progress", "progress_wanted"]


class RateColumn(ProgressColumn):
    """Items per second (per minute when slower than one a second)."""

    def render(self, task: Task) -> Text:
        """The rate over rich's recent window, blank until known."""
        speed = task.finished_speed or task.speed
        if not speed:
            return Text("", style="progress.data.speed")
        text = f"{speed:.1f}/s" if speed >= 1 else f"{speed * 60:.1f}/min"
        return Text(text, style="progress.data.speed")


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
    console = Console(stderr=True)
    show = progress_wanted(console) if enabled is None else enabled
    if not show:
        yield BatchProgress(None, label, total)
        return
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        yield BatchProgress(progress, label, total)
