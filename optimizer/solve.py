"""Plan one firm: build the model, solve it with CP-SAT (deterministically), decode, and check the plan."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from grantstack.models.catalogue import Catalogue
from grantstack.models.checker import check_plan
from grantstack.models.firm import Firm
from grantstack.models.options import PlanOptions
from grantstack.models.plan import Plan, Violation
from grantstack.optimizer.assemble import build_model
from grantstack.optimizer.context import Build
from grantstack.optimizer.decode import decode_plan
from grantstack.optimizer.linear import LinearModel, Row, cpsat_proto
from grantstack.optimizer.result import PlanResult, SolveStatus

__all__ = ["CpSatRun", "check", "plan", "solve_cpsat", "solver_parameters"]


def solver_parameters(options: PlanOptions, time_limit: float | None = None) -> dict[str, object]:
    """CP-SAT parameters from the options (fixed seed; several workers get a canonical second pass)."""
    params: dict[str, object] = {
        "num_workers": options.workers,
        "random_seed": options.seed,
        "linearization_level": options.linearization_level,
        "max_time_in_seconds": float(time_limit if time_limit is not None else options.time_limit),
        "relative_gap_limit": float(options.relative_gap),
        "cp_model_presolve": options.presolve,
    }
    if options.workers > 1 and options.linearization_level >= 2:
        # The parallel portfolio runs its own LP levels; the full-LP worker is what proves these models fast.
        params["extra_subsolvers"] = ["max_lp"]
    return params


@dataclass(frozen=True)
class CpSatRun:
    """One CP-SAT solve of a LinearModel: status, values (in variable order), objective points, times."""

    status: SolveStatus
    values: list[int]
    objective: int | None
    bound: float | None
    seconds: float
    build_seconds: float


def _run(model: LinearModel, params: dict[str, object]) -> CpSatRun:
    from ortools.sat.python import cp_model, cp_model_helper

    t0 = time.perf_counter()
    proto = cpsat_proto(model)
    parameters = cp_model.CpSolver().parameters
    for k, v in params.items():
        if isinstance(v, list):
            getattr(parameters, k).extend(v)
        else:
            setattr(parameters, k, v)
    t1 = time.perf_counter()
    wrapper = cp_model_helper.SolveWrapper()
    wrapper.set_parameters(parameters)
    response = wrapper.solve(proto)
    seconds = time.perf_counter() - t1
    name = response.status.name
    status = SolveStatus(name) if name in SolveStatus.__members__ else SolveStatus.UNKNOWN
    if status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return CpSatRun(status, [], None, None, seconds, t1 - t0)
    values = list(response.solution)
    obj = sum(c * values[v] for v, c in model.objective.items()) + model.offset
    bound = max(math.floor(response.best_objective_bound + 1e-6), obj)  # objective values are integers
    if status == SolveStatus.OPTIMAL and bound > obj:
        status = SolveStatus.FEASIBLE  # stopped at relative_gap: not proven optimal
    return CpSatRun(status, values, obj, float(bound), seconds, t1 - t0)


def solve_cpsat(model: LinearModel, params: dict[str, object]) -> CpSatRun:
    """Solve the IR with CP-SAT. Parallel search is not reproducible, so after a proven optimum found by
    several workers, one single-worker pass with the objective fixed at that optimum picks the canonical plan
    (the same input always gives the same plan); if that pass runs out of time the parallel plan is kept."""
    first = _run(model, params)
    if int(params.get("num_workers", 1)) <= 1 or first.status != SolveStatus.OPTIMAL or first.objective is None:  # type: ignore[call-overload]
        return first
    fixed = model.copy()
    fixed.rows.append(Row(tuple(model.objective), tuple(model.objective.values()),
                          first.objective - model.offset, first.objective - model.offset, (), "canonical"))
    limit = max(1.0, float(params["max_time_in_seconds"]) - first.seconds)  # type: ignore[arg-type]
    second = _run(fixed, {**params, "num_workers": 1, "max_time_in_seconds": limit})
    if second.status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return first
    return CpSatRun(first.status, second.values, first.objective, first.bound,
                    first.seconds + second.seconds, first.build_seconds + second.build_seconds)


def check(catalogue: Catalogue, firm: Firm, plan_: Plan, options: PlanOptions) -> tuple[Violation, ...]:
    """The independent checker's findings on a decoded plan (must be empty)."""
    return tuple(check_plan(catalogue, firm, plan_, options))


def result_from(b: Build, run: CpSatRun, params: dict[str, object], build_seconds: float,
                run_checker: bool = True) -> PlanResult:
    """A PlanResult from a built model and its CP-SAT run."""
    scale = b.yuan_per_point
    plan_ = decode_plan(b, run.values) if run.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE) else None
    objective = float(run.objective * scale) if run.objective is not None else None
    bound = float(run.bound * scale) if run.bound is not None else None
    gap = None
    if objective is not None and bound is not None:
        gap = max(0.0, bound - objective) / max(1.0, abs(bound))
    violations = check(b.catalogue, b.firm, plan_, b.options) if plan_ is not None and run_checker else ()
    size = b.model.size() | {"candidates": len(b.cands)}
    return PlanResult(
        status=run.status, firm=b.firm.id, years=b.years, plan=plan_,
        total_yuan=plan_.total if plan_ else 0, objective=objective, best_bound=bound, gap=gap,
        build_seconds=build_seconds, solve_seconds=run.seconds, money_unit=b.unit,
        solver_parameters={k: str(v) for k, v in params.items()}, options=b.options,
        violations=violations, model_size=size, notes=tuple(b.notes),
    )


def plan(
    catalogue: Catalogue, firm: Firm, years: tuple[int, int] = (2025, 2029), options: PlanOptions | None = None
) -> PlanResult:
    """The best plan for the firm over the horizon; OPTIMAL only if CP-SAT proved it."""
    options = options or PlanOptions()
    t0 = time.perf_counter()
    b = build_model(catalogue, firm, years, options)
    built = time.perf_counter() - t0
    params = solver_parameters(options)
    run = solve_cpsat(b.model, params)
    return result_from(b, run, params, built + run.build_seconds)
