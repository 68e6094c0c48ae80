"""A rich progress bar that stays quiet when asked (tests) and degrades gracefully off a terminal."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["bar", "console", "quiet"]

T = TypeVar("T")
console = Console(stderr=True)


def quiet() -> bool:
    """True when GRANTSTACK_BENCH_QUIET asks for no progress bars (tests)."""
    return os.environ.get("GRANTSTACK_BENCH_QUIET", "") not in ("", "0")


def bar(items: Iterable[T], total: int | None = None, label: str = "") -> Iterator[T]:
    """Yield items while a progress bar on stderr counts them."""
    if quiet():
        yield from items
        return
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(label, total=total)
        for item in items:
            yield item
            progress.advance(task)
