"""One instance through each method (CP-SAT, HiGHS on the same MILP, greedy, brute force) as flat records."""

from __future__ import annotations

import time
from typing import Any

from grantstack.benchmarks.brute import brute_force
from grantstack.benchmarks.greedy import greedy
from grantstack.benchmarks.registry import Instance
from grantstack.models.checker import check_plan
from grantstack.models.firm import Firm
from grantstack.models.options import PlanOptions

__all__ = ["HIGHS_STATUS", "base_record", "plan_sha", "run_brute", "run_cpsat", "run_greedy", "run_highs", "run_repeat"]

HIGHS_STATUS = {"Optimal": "OPTIMAL", "Infeasible": "INFEASIBLE", "Time limit reached": "FEASIBLE"}


def base_record(inst: Instance, method: str) -> dict[str, Any]:
    """Fields every record has: instance, suite, size and method."""
    s = inst.spec
    return {"instance": s.name, "suite": s.suite, "kind": s.kind, "size": s.size, "method": method,
            "measures": len(inst.catalogue.monetary()), "projects": len(inst.firm.projects),
            "events": len(inst.firm.events), "years": inst.years[1] - inst.years[0] + 1,
            "firm_shape": inst.firm.id.split("-")[1] if s.kind == "random" else ""}


def _gap(obj: float | None, bound: float | None) -> float | None:
    if obj is None or bound is None:
        return None
    return max(0.0, bound - obj) / max(1.0, abs(bound))


def plan_sha(plan: Any) -> str | None:
    """A fingerprint of a plan (its JSON): equal fingerprints mean the same plan, line by line."""
    import hashlib

    return hashlib.sha256(plan.model_dump_json().encode()).hexdigest()[:16] if plan is not None else None


def run_cpsat(inst: Instance, options: PlanOptions) -> tuple[dict[str, Any], Any]:
    """optimizer.plan as a user calls it (every stage of the canonical plan, decode, check), timed from the firm's
    JSON; then the same model built again for HiGHS (returned). Stage times are recorded apart."""
    from grantstack.optimizer import build_model
    from grantstack.optimizer.result import WallClockExceeded
    from grantstack.optimizer.solve import plan

    firm_json = inst.firm.model_dump_json(warnings=False)
    t0 = time.perf_counter()
    firm = Firm.model_validate_json(firm_json)
    t1 = time.perf_counter()
    rec = base_record(inst, "cpsat")
    try:
        res = plan(inst.catalogue, firm, inst.years, options)
    except WallClockExceeded as exc:  # recorded as not proved, with the wall time it ran (the run goes on)
        rec.update(status="WALL_CLOCK", optimal=False, objective=None, bound=None, gap=None, total=0, load_s=t1 - t0,
                   build_s=0.0, solve_s=time.perf_counter() - t1, stage1_s=time.perf_counter() - t1,
                   stages23_s=0.0, plan_s=time.perf_counter() - t1, pipeline_s=time.perf_counter() - t0,
                   check_s=0.0, work=0.0, violations=0, money_unit=options.money_unit, variables=0, constraints=0,
                   nonzeros=0, candidates=0, notes=[str(exc)], plan_sha=None)
        return rec, build_model(inst.catalogue, firm, inst.years, options)
    t2 = time.perf_counter()
    stages = res.stage_seconds
    rec.update(status=str(res.status), optimal=res.proven_optimal, objective=res.objective, bound=res.best_bound,
               gap=res.gap, total=res.total_yuan, load_s=t1 - t0, build_s=res.build_seconds,
               solve_s=stages.get("stage1", 0.0), stage1_s=stages.get("stage1", 0.0),
               stage1_cpu_s=stages.get("stage1_cpu", 0.0), stages23_cpu_s=stages.get("stages23_cpu", 0.0),
               stages23_s=stages.get("stages23", 0.0), all_stages_s=res.solve_seconds, plan_s=t2 - t1,
               pipeline_s=t2 - t0, check_s=max(0.0, (t2 - t1) - res.build_seconds - res.solve_seconds),
               work=res.work, violations=len(res.violations), money_unit=res.money_unit,
               variables=res.model_size.get("variables", 0), constraints=res.model_size.get("constraints", 0),
               nonzeros=res.model_size.get("nonzeros", 0), candidates=res.model_size.get("candidates", 0),
               notes=list(res.notes), plan_sha=plan_sha(res.plan))
    b = build_model(inst.catalogue, firm, inst.years, options)
    return rec, b


def run_repeat(inst: Instance, options: PlanOptions, first: dict[str, Any]) -> dict[str, Any]:
    """The same firm planned again with one worker and with two: the same plan each time (determinism)."""
    from grantstack.optimizer.solve import plan

    again = plan(inst.catalogue, inst.firm, inst.years, options)
    two = plan(inst.catalogue, inst.firm, inst.years, options.model_copy(update={"workers": 2}))
    rec = base_record(inst, "repeat")
    rec.update(same_repeat=plan_sha(again.plan) == first["plan_sha"],
               same_workers=plan_sha(two.plan) == first["plan_sha"], status=str(two.status),
               optimal=two.proven_optimal, solve_s=two.stage_seconds.get("stage1", 0.0),
               plan_s_workers2=two.build_seconds + two.solve_seconds,
               violations=len(again.violations) + len(two.violations))
    return rec


def run_highs(inst: Instance, options: PlanOptions, worker: Any, built: Any = None,
              time_limit: float | None = None) -> dict[str, Any]:
    """The optimizer's IR (the Build CP-SAT solved, if given) solved by HiGHS in its worker (`time_limit` seconds,
    default the options' time limit); plan decoded, checked."""
    from grantstack.optimizer import build_model
    from grantstack.optimizer.decode import decode_plan

    t0 = time.perf_counter()
    b = built if built is not None else build_model(inst.catalogue, inst.firm, inst.years, options)
    build_s = time.perf_counter() - t0
    limit = options.time_limit if time_limit is None else time_limit
    sol = worker.solve(b.model, limit)
    scale = float(b.yuan_per_point)
    obj = sol.objective * scale if sol.objective is not None else None
    bound = sol.bound * scale if sol.bound is not None else None
    rec = base_record(inst, "highs")
    total, violations = 0, 0
    if sol.values:
        p = decode_plan(b, list(sol.values))
        total, violations = p.total, len(check_plan(inst.catalogue, inst.firm, p, options))
    status = HIGHS_STATUS.get(sol.status, "UNKNOWN") if obj is not None or sol.status == "Infeasible" else "UNKNOWN"
    rec.update(status=status, highs_status=sol.status, optimal=status == "OPTIMAL", exact=sol.exact, objective=obj,
               bound=bound,
               gap=_gap(obj, bound), total=total, solve_s=sol.seconds, solve_cpu_s=sol.cpu_seconds, time_limit_s=limit,
               violations=violations,
               money_unit=options.money_unit, **{k: v for k, v in b.model.size().items()
                                                  if k in ("variables", "constraints")})
    if built is None:
        rec["build_s"] = build_s
    return rec


def run_greedy(inst: Instance, options: PlanOptions) -> dict[str, Any]:
    """The greedy baseline on the optimizer's money grid; its plan checked once more in full."""
    g = greedy(inst.catalogue, inst.firm, inst.years, options.interpretation, unit=options.money_unit)
    rec = base_record(inst, "greedy")
    rec.update(status="HEURISTIC", optimal=False, objective=float(g.total), total=g.total, solve_s=g.seconds,
               violations=len(check_plan(inst.catalogue, inst.firm, g.plan, options)), checks=g.checks,
               candidates=g.candidates, money_unit=options.money_unit)
    return rec


def run_brute(inst: Instance, options: PlanOptions, budget: int) -> dict[str, Any]:
    """Exhaustive search over schedules and subsets (complete=False if the node budget ran out)."""
    b = brute_force(inst.catalogue, inst.firm, inst.years, options.interpretation, options.money_unit, budget)
    rec = base_record(inst, "brute")
    violations = len(check_plan(inst.catalogue, inst.firm, b.plan, options)) if b.plan else 0
    rec.update(status="EXHAUSTIVE" if b.complete else "BUDGET", optimal=False, objective=float(b.total),
               total=b.total, solve_s=b.seconds, nodes=b.nodes, complete=b.complete, violations=violations,
               money_unit=options.money_unit)
    return rec
