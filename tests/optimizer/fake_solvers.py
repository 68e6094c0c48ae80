"""Functions the HiGHS worker runs in tests: they misbehave the way native libraries and solvers can."""

from __future__ import annotations

import os
import sys
import time

__all__ = ["crash", "noisy_answer", "pid", "raise_error", "sleep"]


def noisy_answer(value: int) -> int:
    """Print to standard output, from Python and at the file-descriptor level (as C code does), then answer."""
    print("Running HiGHS 1.16.0 (git hash: fake): Copyright (c) 2025 HiGHS under MIT licence terms")
    sys.stdout.flush()
    os.write(1, b"\x00\x01\x02\x03 banner bytes that look like a length prefix\n" * 100)
    return value * 2


def pid() -> int:
    """The worker's process id."""
    return os.getpid()


def sleep(seconds: float) -> str:
    """Hang for a while, as a solver past its limit does."""
    time.sleep(seconds)
    return "woke"


def raise_error(message: str) -> None:
    """Fail inside the worker."""
    raise ValueError(message)


def crash() -> None:
    """Die without a word, as a segfaulting native library does."""
    os._exit(7)
