"""A HiGHS worker process: highspy and OR-Tools cannot share a process, so HiGHS runs here."""

from __future__ import annotations

import pickle
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any, BinaryIO

__all__ = ["HighsWorker", "main"]


def _send(stream: BinaryIO, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("<Q", len(data)) + data)
    stream.flush()


def _receive(stream: BinaryIO) -> Any:
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError
    (n,) = struct.unpack("<Q", head)
    return pickle.loads(stream.read(n))


class HighsWorker:
    """A long-lived HiGHS process: `solve(model, time_limit)` sends a LinearModel and returns a HighsSolution."""

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parent.parent)
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "optimizer.highs_worker"], cwd=root,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )

    def solve(self, model: Any, time_limit: float = 60.0) -> Any:
        """Solve one model in the worker."""
        assert self._proc.stdin is not None and self._proc.stdout is not None
        _send(self._proc.stdin, (model, time_limit))
        result = _receive(self._proc.stdout)
        if isinstance(result, BaseException):
            raise result
        return result

    def close(self) -> None:
        """Stop the worker."""
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        self._proc.wait(timeout=30)

    def __enter__(self) -> HighsWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def main() -> None:
    """Serve (model, time_limit) requests on stdin until it closes."""
    from optimizer.linear import solve_in_process

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            model, limit = _receive(stdin)
        except EOFError:
            return
        try:
            _send(stdout, solve_in_process(model, limit))
        except Exception as exc:  # report to the caller rather than die
            _send(stdout, RuntimeError(f"HiGHS worker: {exc!r}"))


if __name__ == "__main__":
    main()
