"""plan-many's local workers started before the command line is parsed, so that their start-up overlaps it.

`grantstack plan-many` spends about a quarter of a second in its own process (Typer building the command tree and
checking the arguments, the options, finding the firm files) before it can start its workers, which then take about
half a second each to start (imports, the catalogue, a warm-up plan). `launch_early` reads only what decides the
pool, the command's name, --jobs, --scheduler and --reports, from the raw arguments and starts the workers at once;
the command then takes that pool (`take`) if the arguments it parsed ask for the same one, and starts its own
otherwise. A guess that does not match costs only time: the command line's own parse decides everything, and
`discard` ends a pool nobody took (a bad argument, --help, Ctrl-C). Kept lean: it imports no model.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grantstack.scenarios.executor import Executor

__all__ = ["discard", "launch_early", "pool_asked", "take"]

COMMAND = "plan-many"
_EARLY: dict[tuple[int, bool], Executor] = {}


def pool_asked(args: Sequence[str]) -> tuple[int, bool] | None:
    """(local workers, reports asked) when `args` (after the program's name) run plan-many on local workers; None
    when they do not, or when this quick reading cannot be sure (help, a scheduler, an unusual --jobs)."""
    if not args or args[0] != COMMAND:
        return None
    jobs: str | None = None
    reports = False
    rest = list(args[1:])
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            break
        name, eq, value = arg.partition("=")
        if arg in ("-h", "--help") or name == "--scheduler":
            return None
        if name == "--reports":
            reports = True
        elif name == "--jobs" or arg.startswith("-j"):
            if eq and name == "--jobs":
                jobs = value
            elif arg not in ("--jobs", "-j"):
                jobs = arg[2:]  # -j2
            elif rest:
                jobs = rest.pop(0)
            else:
                return None
    if jobs is None:
        from grantstack.scenarios.executor import default_jobs

        return default_jobs(), reports
    return (int(jobs), reports) if jobs.isdigit() and int(jobs) > 0 else None


def launch_early(args: Sequence[str] | None = None) -> None:
    """Start plan-many's local workers now if `args` (default: this program's) ask for them; nothing otherwise."""
    asked = pool_asked(sys.argv[1:] if args is None else args)
    if asked is None or _EARLY:
        return
    from grantstack.batch_worker import warm
    from grantstack.scenarios.executor import Executor

    with suppress(Exception):  # no early start (e.g. no process can be started now): the command starts its own
        executor = Executor(jobs=asked[0], setup=partial(warm, asked[1]))
        executor.launch()
        _EARLY[asked] = executor


def take(jobs: int, reports: bool) -> Executor | None:
    """The pool started early if it is the one the command asks for (the caller closes it); else None, and an
    early pool that is not the one asked for is ended."""
    executor = _EARLY.pop((jobs, reports), None)
    discard()
    return executor


def discard() -> None:
    """End every early pool nobody took, at once."""
    while _EARLY:
        _, executor = _EARLY.popitem()
        with suppress(Exception):
            executor.close(now=True)
