"""Module-level functions for the executor tests (spawned workers import them by name)."""

from __future__ import annotations

import os
import time

from grantstack.models.input_errors import InputError


def square(x: int) -> int:
    """x squared; 3 is refused as bad input, 4 raises a bug."""
    if x == 3:
        raise InputError("firm3.yaml: projects[0].costs: write a whole number.")
    if x == 4:
        raise ZeroDivisionError("division by zero")
    return x * x


def crash_on_five(x: int) -> int:
    """x squared; 5 kills its worker process outright."""
    if x == 5:
        os._exit(7)
    return x * x


def plus(shared: dict[str, int], x: int) -> int:
    """x plus the shared offset."""
    return x + shared["offset"]


def slow(x: int) -> int:
    """x, after a fifth of a second."""
    time.sleep(0.2)
    return x


def interrupt_at_four(x: int) -> int:
    """x; 4 is Ctrl-C (only meaningful in this process)."""
    if x == 4:
        raise KeyboardInterrupt
    return x


def session(x: int) -> tuple[int, int]:
    """This worker's pid and session id."""
    return os.getpid(), os.getsid(0)


def uneven_setup(folder: str) -> None:
    """A worker's setup: the first worker to start is ready at once; any other waits until a task has written
    `go` into the folder (at most 20 s), so it can be ready only after the batch has begun on the first."""
    try:
        os.mkdir(os.path.join(folder, "first"))
    except FileExistsError:
        deadline = time.monotonic() + 20
        while not os.path.exists(os.path.join(folder, "go")) and time.monotonic() < deadline:
            time.sleep(0.01)


def release(folder: str, x: int) -> tuple[int, float]:
    """Write `go` (see uneven_setup); this worker's pid and the time, after a fiftieth of a second."""
    with open(os.path.join(folder, "go"), "a"):
        pass
    time.sleep(0.02)
    return os.getpid(), time.monotonic()
