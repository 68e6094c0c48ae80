"""CP-SAT's stage 1 timed the way HiGHS is: in a worker process that does nothing but receive a model and solve it.

HiGHS runs in its own process (optimizer/highs_worker.py), which unpickles the model, hands it to HiGHS and times
only `Highs.run`. CP-SAT's stage 1 in `plan()` runs in the planning process, right after the model was built in
Python, so its CPU caches hold the build's data rather than the solver's. To compare like for like, the same
built model is sent to a second worker process of the same kind, which runs exactly the planner's stage 1
(`solve_model(..., stages=False)`: the same parts, configurations and runner) and reports the same stage-1 CPU
time. The in-plan figure stays the one the targets are judged on; this one shows how much of it is the process
around the solver rather than the solver.
"""

from __future__ import annotations

from typing import Any

__all__ = ["stage1_alone", "stage1_in_worker"]


def stage1_in_worker(built: Any) -> tuple[str, float]:
    """Run in the worker: the planner's stage 1 on a built model; (status, stage-1 CPU seconds)."""
    from grantstack.optimizer.solve import solve_model

    run = solve_model(built, stages=False)
    return str(run.status), run.stage_seconds.get("stage1_cpu", 0.0)


def stage1_alone(worker: Any, built: Any, timeout: float) -> dict[str, Any]:
    """The record fields of stage 1 solved alone in `worker` (a HighsWorker used only for this)."""
    status, cpu = worker.call(stage1_in_worker, built, timeout=timeout)
    return {"stage1_alone_cpu_s": cpu, "stage1_alone_status": status}
