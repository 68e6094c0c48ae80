"""The LinearModel as a HiGHS MIP (enforced rows as big-M rows) and its in-process solve.

highspy and OR-Tools ship incompatible libhighs builds, so this module runs only in a process that has not
imported ortools: `optimizer.highs_worker` calls it in a separate worker process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from grantstack.optimizer.linear import LinearModel, Row, satisfies

__all__ = ["HIGHS_OPTIONS", "HighsSolution", "big_m_rows", "solve_in_process", "to_highs"]


@dataclass(frozen=True)
class HighsSolution:
    """HiGHS's verdict on a LinearModel: status text, objective, dual bound, and variable values."""

    status: str
    objective: int | None
    bound: float | None
    values: tuple[int, ...] = ()
    seconds: float = 0.0
    exact: bool = False  # the rounded values satisfy every row in integer arithmetic
    cpu_seconds: float = 0.0  # CPU time of the solve (unlike wall time, not stretched by other processes)


def big_m_rows(model: LinearModel, r: Row) -> list[tuple[list[int], list[float], float, float]]:
    """Rows without enforcement: each enforced side relaxed by the tightest M the bounds allow."""
    if not r.enforce:
        lb = -math.inf if r.lb is None else r.lb
        ub = math.inf if r.ub is None else r.ub
        return [(list(r.vars), [float(c) for c in r.coefs], lb, ub)]
    lo, hi = model.activity_range(r.vars, r.coefs)
    pos = [e for e in r.enforce if e >= 0]
    neg = [~e for e in r.enforce if e < 0]
    out = []
    for side, bound in (("ub", r.ub), ("lb", r.lb)):
        if bound is None:
            continue
        big = hi - bound if side == "ub" else bound - lo
        if big <= 0:
            continue
        sign = 1 if side == "ub" else -1
        # sum <= ub + M * (sum_pos (1 - v) + sum_neg v); mirrored for lb.
        vs = list(r.vars) + pos + neg
        cs = [float(c) for c in r.coefs] + [sign * big] * len(pos) + [-sign * big] * len(neg)
        rhs = bound + sign * big * len(pos)
        out.append((vs, cs, -math.inf, rhs) if side == "ub" else (vs, cs, rhs, math.inf))
    return out


def to_highs(model: LinearModel) -> Any:
    """The same model as a highspy.Highs MIP (enforced rows as big-M rows with M from the bounds).

    highspy and OR-Tools ship incompatible libhighs builds: call this only in a process that has not
    imported ortools (optimizer.highs_worker runs it in a worker process for that reason).
    """
    import highspy
    import numpy as np

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    n = model.num_vars
    cost = np.zeros(n)
    for v, c in model.objective.items():
        cost[v] = -c  # HiGHS minimises
    h.addCols(n, cost, np.array(model.lbs, dtype=float), np.array(model.ubs, dtype=float), 0,
              np.array([], dtype=np.int32), np.array([], dtype=np.int32), np.array([], dtype=float))
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                            np.array([highspy.HighsVarType.kInteger] * n))
    for r in model.rows:
        for vs, cs, lb, ub in big_m_rows(model, r):
            h.addRow(lb, ub, len(vs), np.array(vs, dtype=np.int32), np.array(cs, dtype=float))
    h.changeObjectiveOffset(-float(model.offset))
    return h


HIGHS_OPTIONS: dict[str, object] = {"mip_rel_gap": 0.0, "threads": 1, "random_seed": 0}
"""The fair baseline: HiGHS's own default tolerances (tightening them on a model in yuan made HiGHS slower and
no more exact), gap 0 like CP-SAT, one thread like each CP-SAT solve; the time limit is the run's."""


def solve_in_process(model: LinearModel, time_limit: float = 60.0) -> HighsSolution:
    """Solve with HiGHS in this process (only where ortools is not loaded); optimal means gap 0.

    Only the solve (`Highs.run`) is timed. HiGHS works in floating point: check `exact` (the rounded values
    satisfy every row in integers) and compare the objective with CP-SAT's.
    """
    import time

    h = to_highs(model)
    h.setOptionValue("time_limit", float(time_limit))
    for name, value in HIGHS_OPTIONS.items():
        h.setOptionValue(name, value)
    t, c = time.perf_counter(), time.process_time()
    h.run()
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    if info.primal_solution_status != 2:  # no feasible solution
        return HighsSolution(status, None, None, (), seconds, cpu_seconds=cpu)
    values = tuple(round(x) for x in h.getSolution().col_value)
    obj = sum(c * values[v] for v, c in model.objective.items()) + model.offset
    return HighsSolution(status, obj, -info.mip_dual_bound, values, seconds, satisfies(model, values), cpu)
