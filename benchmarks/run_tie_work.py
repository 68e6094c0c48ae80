"""The tie-breaking stages' deterministic work against stage 1's, part by part, on the stored suites: whether each
CP-SAT tie call finished in its budget and whether the plan it returned differs from stage 1's. CP-SAT's
deterministic time does not depend on the machine or its load, so these figures decide what a budget rule would
change (issue 12: the xl plan)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.storage import INSTANCES, find, load_instance
from grantstack.models.options import PlanOptions

__all__ = ["summary", "tie_work"]


def tie_work(suites: list[str], options: PlanOptions | None = None, root: Path = INSTANCES) -> list[dict[str, Any]]:
    """One record per part not enumerated (the parts and stages plan() solves, in its order): variables, stage 1's
    work (0 where optimizer/stage1_bound.py proves it without CP-SAT: `stage1_certified`), whether the exact
    certificate made the tie call unneeded, the tie call's budget, work, status and best tie value found, and the tie
    value (optimizer.canonical._tie) of stage 1's plan and of the part's final plan. An instance that reaches the
    wall-clock safety limit gets one record with `wall_clock` and no more parts. A large merged part whose tie stage is
    solved per component (optimizer/tie_split.py) has `components` and the sums of its calls' budgets and work,
    OPTIMAL only if every call finished, and no best value found (each call has its own objective)."""
    from grantstack.optimizer.assemble import build_model
    from grantstack.optimizer.canonical import _restrict, _tie, solve_part
    from grantstack.optimizer.result import WallClockExceeded
    from grantstack.optimizer.solve import _groups, _parts, _Runner, _small, objectives, solver_parameters
    from grantstack.optimizer.stage1_bound import MAX_VARS, proven_optimum

    options = options or PlanOptions()
    out: list[dict[str, Any]] = []
    for spec in specs(suites):
        inst = load_instance(find(spec, root))
        b = build_model(inst.catalogue, inst.firm, inst.years, options)
        obj = objectives(b)
        runner = _Runner(solver_parameters(options), time.perf_counter() + options.time_limit)
        for variables, rows, groups in ((p[0], p[1], _groups(p)) for p in _parts(b)[0]):
            calls: list[dict[str, Any]] = []
            try:
                part = solve_part(b.model, variables, rows, obj, _logged(runner, calls), groups)
            except WallClockExceeded:  # plan() returns no plan either (xxl at the default work limit)
                out.append({"suite": spec.suite, "instance": spec.name, "wall_clock": True})
                break
            if _small(b.model, variables):  # enumerated in full: no solver
                continue
            local = {v: i for i, v in enumerate(variables)}
            tie = _tie(obj, local)
            ties = [c for c in calls if c["stage"] != "stage 1"]
            first = next((c for c in calls if c["stage"] == "stage 1"), None)
            if first is None:  # proven by the stage-1 certificate, which gives the same plan again
                first = {"status": "OPTIMAL", "work": 0.0, "values": proven_optimum(
                    b.model, variables, rows, _restrict(obj.total, local)) if len(variables) <= MAX_VARS else None}
            rec: dict[str, Any] = {"suite": spec.suite, "instance": spec.name, "variables": len(variables),
                                   "stage1_status": first["status"], "stage1_work": first["work"],
                                   "stage1_certified": first not in calls, "tie_call": bool(ties), "certified": False}
            if first["status"] == "OPTIMAL" and tie:
                rec["certified"] = not ties
                first = first["values"]
                rec["tie_stage1"] = sum(k * first[i] for i, k in tie.items())
                rec["tie_final"] = sum(k * part.values[variables[i]] for i, k in tie.items())
                if ties and groups is not None:
                    rec |= {"components": len(groups), "tie_budget": sum(t["budget"] for t in ties),
                            "tie_work": sum(t["work"] for t in ties), "tie_found": None,
                            "tie_status": next((t["status"] for t in ties if t["status"] != "OPTIMAL"), "OPTIMAL")}
                elif ties:
                    rec |= {"tie_budget": ties[0]["budget"], "tie_work": ties[0]["work"],
                            "tie_status": ties[0]["status"], "tie_found": ties[0]["objective"]}
            out.append(rec)
    return out


def _logged(runner: Any, calls: list[dict[str, Any]]) -> Any:
    """The runner, recording each call's stage, budget, status, objective and work (and stage 1's values)."""
    def run(proto: Any, hint: Any, name: str, budget: float | None) -> Any:
        got = runner(proto, hint, name, budget)
        calls.append({"stage": name, "budget": budget, "status": str(got[0]), "objective": got[2], "work": got[4],
                      "values": got[1] if name == "stage 1" else None})
        return got
    return run


def summary(records: list[dict[str, Any]]) -> str:
    """A markdown table per suite: tie calls, finished, work against stage 1's, unfinished."""
    head = ["suite", "parts (not enumerated)", "certified (no tie call)", "tie calls", "finished (plan moved)",
            "tie work / stage-1 work p50 / max (finished)", "largest tie work finished",
            "unfinished (better plan kept)",
            "tie work sum / stage-1 work sum", "stage 1 by certificate (no CP-SAT call)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for suite in dict.fromkeys(r["suite"] for r in records):
        rs = [r for r in records if r["suite"] == suite and not r.get("wall_clock")]
        calls = [r for r in rs if "tie_work" in r]
        done = [r for r in calls if r["tie_status"] == "OPTIMAL"]
        moved = sum(1 for r in done if r["tie_final"] != r["tie_stage1"])
        better = sum(1 for r in calls if r["tie_status"] != "OPTIMAL" and r["tie_final"] < r["tie_stage1"])
        ratios = sorted(r["tie_work"] / r["stage1_work"] for r in done if r["stage1_work"] > 0)
        mid = f"{ratios[len(ratios) // 2]:.2f} / {ratios[-1]:.2f}" if ratios else "–"
        most = f"{max(r['tie_work'] for r in done):.4f}" if done else "–"
        sums = f"{sum(r['tie_work'] for r in calls):.3f} / {sum(r['stage1_work'] for r in rs):.3f}"
        certified = sum(r["certified"] for r in rs)
        lines.append(f"| {suite} | {len(rs)} | {certified} | {len(calls)} | {len(done)} ({moved}) | {mid} | {most} "
                     f"| {len(calls) - len(done)} ({better}) | {sums} | {sum(r['stage1_certified'] for r in rs)} |")
    return "\n".join(lines)
