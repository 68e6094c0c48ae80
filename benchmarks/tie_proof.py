"""The tie-breaking stages that do not finish within their budget, solved to the end.

plan() gives the tie-breaking stages of a part (stages 2-3: earliest money, then fewest applications, with stage 1's
total fixed) a deterministic budget (optimizer/canonical.py); one that runs out keeps the best plan it found and says
so. For each such part of a suite this solves the same tie model to the end: CP-SAT with the plan's own tie-breaking
configuration and no deterministic budget (only a wall-clock limit), stage 2 alone (earliness) and stage 3 alone
(applications, the least earliness fixed), each started from stage 1's plan, and HiGHS (the fair baseline,
optimizer/highs.py) on the same tie model in its worker process. Whether any solver proves the canonical order
there within the xl target is what the records say; the plan's own tie value is set beside the optimum found.
Parts whose tie stages run per component (optimizer/tie_split.py) are counted, not re-solved.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path
from typing import Any

from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.storage import INSTANCES, find, load_instance
from grantstack.models.options import PlanOptions

__all__ = ["section_tie_proof", "tie_proof", "tie_proof_facts", "tie_proof_text"]

LONG_WORK = 1e6  # CP-SAT's deterministic budget when solved to the end: only the wall-clock limit stops it
ROUTES = (("cpsat", "CP-SAT stages 2-3"), ("cpsat_stage2", "CP-SAT stage 2 alone"),
          ("cpsat_stage3", "CP-SAT stage 3 alone"), ("highs", "HiGHS stages 2-3"),
          ("highs_stage3", "HiGHS stage 3 alone"))  # each solve to the end: its record key and its label


def tie_proof(suite: str = "xl", cpsat_limit: float = 120.0, highs_limit: float = 60.0, root: Path = INSTANCES,
              options: PlanOptions | None = None, names: list[str] | None = None) -> dict[str, Any]:
    """One record per part whose tie-breaking call did not finish in plan()'s budget (see the module docstring)."""
    from grantstack.benchmarks.run_tie_work import _logged
    from grantstack.optimizer.assemble import build_model
    from grantstack.optimizer.canonical import solve_part
    from grantstack.optimizer.highs_worker import HighsWorker
    from grantstack.optimizer.solve import _groups, _parts, _Runner, _small, objectives, solver_parameters
    from grantstack.optimizer.stage1_bound import proven_optimum

    options = options or PlanOptions()
    load = [os.getloadavg()[0]]
    records: list[dict[str, Any]] = []
    parts = grouped = 0
    with HighsWorker() as worker:
        for spec in specs([suite]):
            if names and spec.name not in names:
                continue
            inst = load_instance(find(spec, root))
            b = build_model(inst.catalogue, inst.firm, inst.years, options)
            obj = objectives(b)
            for p in _parts(b)[0]:
                if _small(b.model, p[0]):
                    continue
                runner = _Runner(solver_parameters(options), time.perf_counter() + options.time_limit)  # plan()'s
                parts += 1
                calls: list[dict[str, Any]] = []
                groups = _groups(p)
                part = solve_part(b.model, p[0], p[1], obj, _logged(runner, calls), groups)
                ties = [c for c in calls if c["stage"] != "stage 1"]
                if not any(c["status"] != "OPTIMAL" for c in ties):
                    continue
                if groups is not None:
                    grouped += 1
                    continue
                pieces = _pieces(obj, p[0])
                first = next((c for c in calls if c["stage"] == "stage 1"), None)
                if first is None:  # stage 1 proven by the exact certificate (optimizer/stage1_bound.py): its plan
                    first = {"objective": part.objective, "values": proven_optimum(b.model, p[0], p[1], pieces[0])}
                rec = {"instance": spec.name, "variables": len(p[0]), "rows": len(p[1]),
                       "plan_stage1_s": part.seconds["stage1"], "plan_tie_s": part.seconds.get("stages23", 0.0),
                       "tie_budget": ties[0]["budget"], "tie_work": ties[0]["work"]}
                rec |= _solve_to_end(b, p, pieces, runner, first, part, cpsat_limit)
                rec["highs"] = worker.call(_highs_tie, _tie_model(b, p, pieces, first["objective"]), highs_limit,
                                           timeout=highs_limit + 60.0)
                if rec["cpsat_stage2"]["status"] == "OPTIMAL":  # stage 3 alone, the least earliness fixed
                    least = _tie_model(b, p, pieces, first["objective"], rec["cpsat_stage2"]["objective"])
                    rec["highs_stage3"] = worker.call(_highs_tie, least, highs_limit, timeout=highs_limit + 60.0)
                records.append(rec)
                load.append(os.getloadavg()[0])
    load.append(os.getloadavg()[0])
    return {"suite": suite, "cpsat_limit": cpsat_limit, "highs_limit": highs_limit, "parts_solved": parts,
            "grouped_unfinished": grouped, "records": records, "load": load,
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def _pieces(obj: Any, variables: list[int]) -> tuple[dict[int, int], ...]:
    """A part's total, tie, earliness and count objectives in its local variable numbers."""
    from grantstack.optimizer.canonical import _restrict, _tie

    local = {v: i for i, v in enumerate(variables)}
    return (_restrict(obj.total, local), _tie(obj, local), _restrict(obj.earliness, local),
            _restrict(obj.count, local))


def _solve_to_end(b: Any, p: tuple[list[int], list[int]], pieces: tuple[dict[int, int], ...], runner: Any,
                  first: dict[str, Any], part: Any, limit: float) -> dict[str, Any]:
    """CP-SAT on the part's tie model with no deterministic budget: the tie objective, then earliness alone, then
    (if proved) applications alone with the least earliness fixed; and the plan's own tie value beside them."""
    from ortools.sat.python import cp_model_helper

    from grantstack.optimizer.linear import add_row, cpsat_proto, set_objective
    from grantstack.optimizer.solve import _configs

    total, tie, early, count = pieces
    width = len(count) + 1  # canonical._tie: tie = earliness / gcd x width + applications
    gcd = math.gcd(*early.values()) or 1
    proto = cpsat_proto(b.model, p[0], p[1])
    add_row(proto, total, first["objective"], None)
    hint = {"vars": list(range(len(p[0]))), "values": first["values"]}
    params = cp_model_helper.SatParameters()
    params.copy_from(runner._parameters(_configs(len(p[0]))[1])[0])  # the plan's tie parameters (a copy)
    plan_tie = sum(k * part.values[p[0][i]] for i, k in tie.items())
    out: dict[str, Any] = {"tie_width": width, "plan_tie": plan_tie}
    for key, terms in (("cpsat", tie), ("cpsat_stage2", early), ("cpsat_stage3", count)):
        if key == "cpsat_stage3":
            if out["cpsat_stage2"]["status"] != "OPTIMAL":
                break
            least = out["cpsat_stage2"]["objective"]
            add_row(proto, early, least, least)
        set_objective(proto, terms, maximize=False)
        out[key] = _cpsat(proto, hint, params, limit)
    if out.get("cpsat_stage3", {}).get("status") == "OPTIMAL":  # the order's optimum, stage by stage
        out["stages_optimum"] = out["cpsat_stage2"]["objective"] // gcd * width + out["cpsat_stage3"]["objective"]
    return out


def _cpsat(proto: Any, hint: dict[str, list[int]], params: Any, limit: float) -> dict[str, Any]:
    """One CP-SAT solve of `proto` from `hint` with the template `params`, no deterministic budget, `limit` s."""
    from ortools.sat.python import cp_model_helper

    proto.clear_solution_hint()
    proto.solution_hint.vars.extend(hint["vars"])
    proto.solution_hint.values.extend(hint["values"])
    params.max_deterministic_time = LONG_WORK
    params.max_time_in_seconds = limit
    params.relative_gap_limit = 0.0
    t0, c0 = time.perf_counter(), time.process_time()
    r = cp_model_helper.SolveWrapper()
    r.set_parameters(params)
    got = r.solve(proto)
    bound = got.best_objective_bound
    return {"status": got.status.name, "objective": round(got.objective_value),
            "bound": math.ceil(bound - 1e-6) if math.isfinite(bound) else None, "seconds": time.perf_counter() - t0,
            "cpu_s": time.process_time() - c0, "work": got.deterministic_time}


def _tie_model(b: Any, p: tuple[list[int], list[int]], pieces: tuple[dict[int, int], ...], best: int,
               least: int | None = None) -> Any:
    """The part's tie model as a LinearModel of its own (local variables; total >= best; maximise -tie), or with
    `least` its stage 3 (earliness == least; maximise -applications)."""
    from grantstack.optimizer.linear import LinearModel, Row

    local = {v: i for i, v in enumerate(p[0])}
    total, tie, early, count = pieces
    m = b.model
    out = LinearModel([m.names[v] for v in p[0]], [m.lbs[v] for v in p[0]], [m.ubs[v] for v in p[0]])
    for r in map(m.rows.__getitem__, p[1]):
        out.rows.append(Row(tuple(local[v] for v in r.vars), r.coefs, r.lb, r.ub,
                            tuple(local[e] if e >= 0 else ~local[~e] for e in r.enforce), r.tag))
    out.rows.append(Row(tuple(total), tuple(total.values()), best, None))
    if least is not None:
        out.rows.append(Row(tuple(early), tuple(early.values()), least, least))
    out.objective = {j: -k for j, k in (tie if least is None else count).items()}
    return out


def _highs_tie(model: Any, limit: float) -> dict[str, Any]:
    """Worker: HiGHS on a tie model (HIGHS_OPTIONS), its verdict as the tie value (the model maximises -tie)."""
    from grantstack.optimizer.highs import solve_in_process

    s = solve_in_process(model, limit)
    return {"status": s.status, "objective": None if s.objective is None else -s.objective,
            "bound": None if s.bound is None else -s.bound, "seconds": s.seconds, "cpu_s": s.cpu_seconds,
            "exact": s.exact}


def _split(tie: int | None, width: int) -> str:
    """A tie value as 'earliness units, applications'."""
    return "–" if tie is None else f"{tie // width:,} / {tie % width}"


def _optimum(rec: dict[str, Any]) -> int | None:
    """The tie optimum where a solver proved it (in one solve, or stage 2 then stage 3)."""
    for s in (rec["cpsat"], rec["highs"]):
        if s["status"] in ("OPTIMAL", "Optimal"):
            return s["objective"]
    return rec.get("stages_optimum")


def tie_proof_facts(result: dict[str, Any]) -> dict[str, str]:
    """Named figures for notes.md: unfinished parts, and for each instance the solvers' times to the proof."""
    from grantstack.benchmarks.report_fmt import num

    out = {"tieproof.unfinished": str(len(result["records"])), "tieproof.parts": str(result["parts_solved"]),
           "tieproof.cpsat_limit_s": f"{num(result['cpsat_limit'], 0)} s",
           "tieproof.highs_limit_s": f"{num(result['highs_limit'], 0)} s",
           "tieproof.load": ", ".join(f"{x:.2f}" for x in result["load"])}
    for r in result["records"]:
        key, w, opt = f"tieproof.{r['instance'].replace('-', '_')}", r["tie_width"], _optimum(r)  # {{name}}: no -
        for name, _ in ROUTES:
            s = r.get(name)
            if s is not None:
                out[f"{key}.{name}"] = f"{s['status']} in {num(s['seconds'], 2)} s"
        if r["cpsat"]["bound"] is not None:
            out[f"{key}.cpsat_open_applications"] = str(r["cpsat"]["objective"] - r["cpsat"]["bound"])
        out[f"{key}.plan"] = _split(r["plan_tie"], w)
        out[f"{key}.optimum"] = _split(opt, w)
        if opt is not None:
            out[f"{key}.plan_extra_applications"] = str(r["plan_tie"] - opt) if r["plan_tie"] // w == opt // w \
                else "earliness differs"
    return out


def tie_proof_text(result: dict[str, Any] | None, instance: str) -> str:
    """For the targets table: the instance's unfinished tie stage solved to the end, or '' if not recorded."""
    from grantstack.benchmarks.report_fmt import num

    rec = next((r for r in (result or {}).get("records", []) if r["instance"] == instance), None)
    if rec is None:
        return ""
    parts = [f"{label} {rec[key]['status']} in {num(rec[key]['seconds'], 1)} s" for key, label in ROUTES
             if rec.get(key)]
    return (f"; {instance}'s tie stage (stages 2-3) solved to the end (tie_proof.json): {', '.join(parts)}; "
            f"plan's (earliness / applications) {_split(rec['plan_tie'], rec['tie_width'])}, optimum "
            f"{_split(_optimum(rec), rec['tie_width'])}")


def section_tie_proof(result: dict[str, Any] | None) -> str:
    """The report's section from tie_proof.json, or how to make it."""
    if result is None:
        return "not run (`python -m grantstack.benchmarks tie-proof`)."
    from grantstack.benchmarks.report_fmt import num, table

    rows = []
    for r in result["records"]:
        w = r["tie_width"]
        cells = [r["instance"], f"{r['variables']} / {r['rows']}",
                 f"{num(r['plan_stage1_s'], 2)} / {num(r['plan_tie_s'], 2)}", _split(r["plan_tie"], w)]
        for name, _ in ROUTES:
            s = r.get(name)
            cells.append("–" if s is None else f"{s['status']}, {num(s['seconds'], 2)} s")
        cells.append(_split(_optimum(r), w))
        rows.append(cells)
    grouped = result["grouped_unfinished"]
    apart = f" ({grouped} of them per component, not re-solved)" if grouped else ""
    unfinished = len(result["records"]) + grouped
    head = (f"Suite {result['suite']}, {result['when']}: {unfinished} of {result['parts_solved']} parts solved by "
            f"CP-SAT have a tie-breaking call that does not finish within plan()'s budget{apart}; each is "
            f"solved to the end (CP-SAT: the plan's tie configuration, no deterministic budget, "
            f"{num(result['cpsat_limit'], 0)} s; HiGHS: HIGHS_OPTIONS, {num(result['highs_limit'], 0)} s), load "
            f"{', '.join(f'{x:.2f}' for x in result['load'])}. Tie values as earliness (units of the part's gcd) / "
            "applications.")
    return head + "\n\n" + table(["instance", "variables / rows", "plan: stage 1 / tie stage s", "plan's tie value",
                                  *(label for _, label in ROUTES), "optimum"], rows)
