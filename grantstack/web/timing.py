"""Where a request's time goes, as a Server-Timing header (read by browsers' developer tools and the benchmark)."""

from __future__ import annotations

import time

__all__ = ["Timings", "parse_server_timing"]


class Timings:
    """Laps of one request in milliseconds: each `lap(name)` closes the part that ran since the previous lap."""

    def __init__(self) -> None:
        self.parts: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        """Record the time since the previous lap (or the start) under `name`."""
        now = time.perf_counter()
        self.parts[name] = self.parts.get(name, 0.0) + (now - self._last) * 1000
        self._last = now

    def add(self, name: str, ms: float) -> None:
        """Record a duration measured elsewhere (e.g. inside a worker process)."""
        self.parts[name] = ms

    def header(self) -> str:
        """'name;dur=12.3, ...' (RFC Server-Timing)."""
        return ", ".join(f"{name};dur={ms:.1f}" for name, ms in self.parts.items())


def parse_server_timing(value: str) -> dict[str, float]:
    """{name: milliseconds} from a Server-Timing header (entries without a duration are left out)."""
    out: dict[str, float] = {}
    for entry in value.split(","):
        name, *params = (p.strip() for p in entry.split(";"))
        for p in params:
            if p.startswith("dur="):
                out[name] = float(p[4:])
    return out
