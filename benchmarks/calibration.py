"""A machine calibration figure, timed in every run: a fixed pure-Python workload and a fixed CP-SAT solve.

Runs on different machines (or under different load) are compared through these two figures: a result that
took t seconds on a machine whose calibration is c took about t x c_ref / c on the reference machine."""

from __future__ import annotations

import os
import time
from typing import Any

__all__ = ["calibrate"]

CPSAT_INSTANCE = "medium-20x8x5-s00"


def _python_workload() -> int:
    """A fixed pure-Python workload: dict and integer work much like the model builder's."""
    acc: dict[int, int] = {}
    total = 0
    for i in range(400_000):
        key = (i * 2654435761) % 10_007
        acc[key] = acc.get(key, 0) + i
        total ^= key * 31 + (i & 255)
    return total + len(acc)


def _cpsat_workload() -> float:
    """Stage 1 of one stored medium instance, single-threaded with a fixed seed (CPU-heavy, no I/O)."""
    from grantstack.benchmarks.registry import spec_by_name
    from grantstack.benchmarks.storage import find, load_instance
    from grantstack.models.options import PlanOptions
    from grantstack.optimizer import build_model
    from grantstack.optimizer.solve import solve_model

    inst = load_instance(find(spec_by_name(CPSAT_INSTANCE)))
    b = build_model(inst.catalogue, inst.firm, inst.years, PlanOptions())
    t0 = time.perf_counter()
    solve_model(b, stages=False)
    return time.perf_counter() - t0


def calibrate(rounds: int = 3) -> dict[str, Any]:
    """Best-of-`rounds` seconds of each workload, with the load average around it."""
    before = [round(x, 2) for x in os.getloadavg()]
    py = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        _python_workload()
        py.append(time.perf_counter() - t0)
    _cpsat_workload()  # warm (imports, first-call costs)
    cp = [_cpsat_workload() for _ in range(rounds)]
    return {"python_s": min(py), "cpsat_s": min(cp), "cpsat_instance": CPSAT_INSTANCE, "rounds": rounds,
            "loadavg_before": before, "loadavg_after": [round(x, 2) for x in os.getloadavg()]}
