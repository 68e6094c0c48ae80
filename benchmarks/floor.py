"""Each solver's floor on a suite: the bare solve of a prebuilt model, with no Python of ours around it.

CP-SAT solves the stage-1 protos plan() writes (the same parts, the planner's first configuration), HiGHS the
whole model the baseline gives it (optimizer/highs.py, HIGHS_OPTIONS), each in a worker process of the same kind
(optimizer/highs_worker.py) that does nothing else, one instance after the other, the order alternating. Only the
solver's call is timed (CPU): `SolveWrapper.solve` for CP-SAT, `Highs.run` for HiGHS. Each is timed warm (the same
solve repeated at once: the solver's code and data in the caches) and cold (right after a pass of Python work over
a few megabytes, as in a plan, where the solve follows the model's build). An empty model (one boolean, maximised)
gives each solver's fixed cost per call. `plan_stage1_cpu_s` is plan()'s own stage-1 CPU time in this process,
the figure the targets are judged on: what lies between it and the floor is ours; what lies in the floor is the
solver's.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Any

from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.storage import INSTANCES, find, load_instance
from grantstack.models.options import PlanOptions

__all__ = ["cpsat_floor", "empty_model", "floor", "floor_facts", "highs_floor", "section_floor", "summary"]

_JUNK: list[dict[str, int]] = []


def _evict() -> int:
    """A pass of Python work over ~150,000 objects (a few MB): what a plan's build does to the caches."""
    if not _JUNK:
        _JUNK.extend({str(i * 7 + j): j for j in range(50)} for i in range(3000))
    return sum(v for d in _JUNK for v in d.values())


def cpsat_floor(texts: list[str], reps: int, time_limit: float) -> dict[str, float]:
    """Worker: CPU seconds of the C++ solve of these protos (text format) with the planner's first stage-1
    configuration for each part's size, summed over the parts, median over `reps`, warm and cold."""
    from ortools.sat.python import cp_model_helper

    from grantstack.optimizer.solve import _configs, _Runner, solver_parameters

    runner = _Runner(solver_parameters(PlanOptions()), time.perf_counter() + time_limit)
    protos, params = [], []
    for text in texts:
        proto = cp_model_helper.CpModelProto()
        proto.parse_text_format(text)
        protos.append(proto)
        params.append(runner._parameters(_configs(len(proto.variables))[0][0])[0])

    def once(cold: bool) -> float:
        spent = 0.0
        for proto, p in zip(protos, params, strict=True):
            wrapper = cp_model_helper.SolveWrapper()
            p.max_time_in_seconds = time_limit
            wrapper.set_parameters(p)
            if cold:
                _evict()
            c0 = time.process_time()
            response = wrapper.solve(proto)
            spent += time.process_time() - c0
            if response.status.name != "OPTIMAL":
                raise RuntimeError(f"CP-SAT did not prove a part: {response.status.name}")
        return spent

    return _both(once, reps)


def highs_floor(model: Any, reps: int, time_limit: float) -> dict[str, float]:
    """Worker: CPU seconds of `Highs.run` on the model (built afresh before each run), median over `reps`, warm and
    cold."""
    from grantstack.optimizer.highs import HIGHS_OPTIONS, to_highs

    def once(cold: bool) -> float:
        h = to_highs(model)
        h.setOptionValue("time_limit", float(time_limit))
        for name, value in HIGHS_OPTIONS.items():
            h.setOptionValue(name, value)
        if cold:
            _evict()
        c0 = time.process_time()
        h.run()
        spent = time.process_time() - c0
        if h.modelStatusToString(h.getModelStatus()) != "Optimal":
            raise RuntimeError("HiGHS did not prove the model")
        return spent

    return _both(once, reps)


def _both(once: Any, reps: int) -> dict[str, float]:
    once(False)  # warm-up
    cold = [once(True) for _ in range(reps)]
    once(False)
    warm = [once(False) for _ in range(reps)]
    return {"cold_s": statistics.median(cold), "warm_s": statistics.median(warm)}


def empty_model() -> Any:
    """One boolean, maximised: a solver's fixed cost per call."""
    from grantstack.optimizer.linear import LinearModel

    m = LinearModel()
    m.maximize({m.new_bool("x"): 1})
    return m


def floor(suite: str = "typical", reps: int = 5, limit: int | None = None, root: Path = INSTANCES,
          options: PlanOptions | None = None) -> dict[str, Any]:
    """Per instance: plan()'s stage-1 CPU, CP-SAT's and HiGHS's floors (warm, cold); the empty model's; the load."""
    from grantstack.optimizer.assemble import build_model
    from grantstack.optimizer.highs_worker import HighsWorker
    from grantstack.optimizer.linear import cpsat_proto
    from grantstack.optimizer.solve import _parts, _small, plan

    options = options or PlanOptions()
    timeout = options.time_limit + 60.0
    load = [os.getloadavg()[0]]
    records: list[dict[str, Any]] = []
    with HighsWorker() as cp_worker, HighsWorker() as highs_worker:
        empty = empty_model()
        proto = str(cpsat_proto(empty))
        records.append({"instance": "(empty model)", "variables": 1,
                        **_prefixed("cpsat_", cp_worker.call(cpsat_floor, [proto], reps * 3,
                                                             options.time_limit, timeout=timeout)),
                        **_prefixed("highs_", highs_worker.call(highs_floor, empty, reps * 3, options.time_limit,
                                                                timeout=timeout))})
        for n, spec in enumerate(specs([suite])[:limit]):
            inst = load_instance(find(spec, root))
            b = build_model(inst.catalogue, inst.firm, inst.years, options)
            parts = [(vs, rs) for vs, rs in _parts(b)[0] if not _small(b.model, vs)]
            if not parts:  # every part enumerated: no solver call in the plan
                continue
            texts = [str(cpsat_proto(b.model, vs, rs)) for vs, rs in parts]
            rec: dict[str, Any] = {"instance": spec.name, "variables": sum(len(vs) for vs, _ in parts),
                                   "rows": sum(len(rs) for _, rs in parts), "parts": len(parts)}
            calls = [("cpsat_", cp_worker, (cpsat_floor, texts)),
                     ("highs_", highs_worker, (highs_floor, b.model))]
            for prefix, worker, (fn, *args) in calls if n % 2 == 0 else calls[::-1]:
                rec |= _prefixed(prefix, worker.call(fn, *args, reps, options.time_limit, timeout=timeout))
            stage1 = []
            for _ in range(reps):
                r = plan(inst.catalogue, inst.firm, inst.years, options)
                stage1.append(r.stage_seconds.get("stage1_cpu", 0.0))
            rec["plan_stage1_cpu_s"] = statistics.median(stage1)
            records.append(rec)
            if n % 10 == 0:
                load.append(os.getloadavg()[0])
    load.append(os.getloadavg()[0])
    return {"suite": suite, "reps": reps, "load": load, "records": records,
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def _prefixed(prefix: str, d: dict[str, float]) -> dict[str, float]:
    return {prefix + k: v for k, v in d.items()}


def _q(xs: list[float]) -> tuple[float, float]:
    """Median and p95."""
    xs = sorted(xs)
    return statistics.median(xs), xs[min(len(xs) - 1, int(0.95 * len(xs)))]


def floor_facts(result: dict[str, Any]) -> dict[str, str]:
    """Named figures for notes.md: p50 (ms) of each column, the empty model's, HiGHS/CP-SAT at p50 cold and warm,
    and the median per-instance share of plan()'s stage 1 above CP-SAT's cold solve (ours)."""
    from grantstack.benchmarks.report_fmt import ms, num, pct

    empty, recs = result["records"][0], result["records"][1:]
    cols = ["plan_stage1_cpu_s", "cpsat_cold_s", "cpsat_warm_s", "highs_cold_s", "highs_warm_s"]
    out = {"floor.n": str(len(recs)), "floor.load": ", ".join(f"{x:.2f}" for x in result["load"])}
    out |= {f"floor.{c.removesuffix('_s')}_p50_ms": ms(_q([r[c] for r in recs])[0]) for c in cols}
    out |= {f"floor.empty_{c.removesuffix('_s')}_ms": ms(empty[c]) for c in cols[1:]}
    for state in ("cold", "warm"):
        hi, cp = _q([r[f"highs_{state}_s"] for r in recs])[0], _q([r[f"cpsat_{state}_s"] for r in recs])[0]
        out[f"floor.{state}_speed_p50"] = f"{num(hi / cp)}x"
    above = [r["plan_stage1_cpu_s"] / r["cpsat_cold_s"] - 1 for r in recs if r["cpsat_cold_s"] > 0]
    out["floor.ours_over_cold"] = pct(statistics.median(above), 0)
    return out


def summary(result: dict[str, Any]) -> str:
    """A markdown table: p50 / p95 (ms) of each column over the instances, the empty model, and the ratios."""
    empty, recs = result["records"][0], result["records"][1:]
    cols = ["plan_stage1_cpu_s", "cpsat_cold_s", "cpsat_warm_s", "highs_cold_s", "highs_warm_s"]

    code = result.get("environment", {}).get("code", "?")
    lines = [f"floor, suite {result['suite']}: {len(recs)} instances with a CP-SAT part, {result['reps']} reps, "
             f"{result['when']}, code {code}, load {', '.join(f'{x:.2f}' for x in result['load'])}", "",
             "| CPU ms | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for name, i in (("p50", 0), ("p95", 1)):
        lines.append(f"| {name} | " + " | ".join(f"{_q([r[c] for r in recs])[i] * 1e3:.3f}" for c in cols) + " |")
    lines.append("| empty model | – | " + " | ".join(f"{empty[c] * 1e3:.3f}" for c in cols[1:]) + " |")
    for a, b in (("highs_cold_s", "cpsat_cold_s"), ("highs_warm_s", "cpsat_warm_s"),
                 ("highs_warm_s", "plan_stage1_cpu_s"), ("highs_cold_s", "plan_stage1_cpu_s")):
        pa, pb = _q([r[a] for r in recs]), _q([r[b] for r in recs])
        per = statistics.median(r[a] / r[b] for r in recs if r[b] > 0)
        lines.append(f"- {a} / {b}: p50 {pa[0] / pb[0]:.2f}x, p95 {pa[1] / pb[1]:.2f}x, per-instance median "
                     f"{per:.2f}x")
    return "\n".join(lines)


def section_floor(result: dict[str, Any] | None) -> str:
    """The report's section from floor.json, or how to make it."""
    if result is None:
        return "not run (`python -m grantstack.benchmarks floor`)."
    return ("CPU time of each solver's call alone on a prebuilt model, in a worker process of its own, warm (the "
            "same solve repeated at once) and cold (after a pass of Python work over a few MB, as after a build), "
            "beside plan()'s stage 1 (benchmarks/floor.py); the empty model is one boolean.\n\n" + summary(result))
