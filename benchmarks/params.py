"""Parameter study: money unit, linearization, workers, presolve, gap limit, one factor at a time."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grantstack.benchmarks.progress import bar
from grantstack.benchmarks.registry import Instance, specs
from grantstack.benchmarks.stats import quantile
from grantstack.benchmarks.storage import INSTANCES, find, load_instance
from grantstack.models.options import PlanOptions

__all__ = ["DEFAULT_SUITES", "VARIANTS", "Variant", "run_params"]

DEFAULT_SUITES = ("typical", "small", "medium", "large", "xl")


@dataclass(frozen=True)
class Variant:
    """A change to the default options and extra CP-SAT parameters."""

    name: str
    options: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


VARIANTS: tuple[Variant, ...] = (
    Variant("default (unit 1000, lin 2, 1 worker, presolve, gap 0)"),
    Variant("money unit 1", {"money_unit": 1}),
    Variant("money unit 100", {"money_unit": 100}),
    Variant("money unit 10000", {"money_unit": 10000}),
    Variant("linearization 0", {"linearization_level": 0}),
    Variant("linearization 1", {"linearization_level": 1}),
    Variant("workers 2", {"workers": 2}),
    Variant("presolve off", extra={"cp_model_presolve": False}),
    Variant("gap limit 0.1%", {"relative_gap": "0.001"}),
    Variant("gap limit 1%", {"relative_gap": "0.01"}),
)


def _solve(inst: Instance, options: PlanOptions, extra: dict[str, Any], builds: dict) -> dict[str, Any]:
    """Build (cached per money unit) and solve one instance; the plan is decoded and checked."""
    from grantstack.optimizer import build_model
    from grantstack.optimizer.solve import result_from, solve_cpsat, solver_parameters

    key = (inst.spec.name, options.money_unit)
    if key not in builds:
        t0 = time.perf_counter()
        builds[key] = (build_model(inst.catalogue, inst.firm, inst.years, options), time.perf_counter() - t0)
    b, build_s = builds[key]
    b.options = options
    params = solver_parameters(options) | extra
    run = solve_cpsat(b.model, params)
    res = result_from(b, run, params, build_s + run.build_seconds)
    return {"instance": inst.spec.name, "optimal": res.proven_optimal, "total": res.total_yuan,
            "solve_s": res.solve_seconds, "build_s": res.build_seconds, "violations": len(res.violations)}


def _summarise(v: Variant, rows: list[dict[str, Any]], reference: dict[str, int]) -> dict[str, Any]:
    loss = [100.0 * (reference[r["instance"]] - r["total"]) / reference[r["instance"]]
            for r in rows if reference.get(r["instance"])]
    solve = [r["solve_s"] for r in rows]
    return {"name": v.name, "options": v.options, "extra": v.extra, "n": len(rows),
            "optimal_share": sum(r["optimal"] for r in rows) / max(1, len(rows)),
            "solve_p50": quantile(solve, 0.5), "solve_p95": quantile(solve, 0.95), "solve_max": max(solve),
            "solve_sum": sum(solve), "build_p50": quantile([r["build_s"] for r in rows], 0.5),
            "loss_p50": quantile(loss, 0.5), "loss_max": max(loss, default=None),
            "violations": sum(r["violations"] for r in rows), "rows": rows}


def run_params(suites: tuple[str, ...] = DEFAULT_SUITES, variants: tuple[Variant, ...] = VARIANTS,
               work_limit: float = 20.0, root: Path = INSTANCES, limit: int | None = None) -> dict[str, Any]:
    """Every variant on every stored instance of the suites (at most `limit` per suite)."""
    chosen = [s for suite in suites for s in specs([suite])[:limit]]
    instances = [load_instance(find(s, root), root) for s in chosen]
    raw: dict[str, list[dict[str, Any]]] = {v.name: [] for v in variants}
    builds: dict = {}
    base = PlanOptions(work_limit=work_limit, time_limit=max(60.0, 30 * work_limit))
    for inst in bar(instances, len(instances), "parameter study"):
        for v in variants:
            opts = base.model_copy(update={k: (type(getattr(base, k))(x)) for k, x in v.options.items()})
            raw[v.name].append(_solve(inst, PlanOptions.model_validate(opts.model_dump()), v.extra, builds))
        builds.clear()
    exact = raw.get("money unit 1", [])
    reference = {r["instance"]: r["total"] for r in exact if r["optimal"]}
    return {"suites": list(suites), "work_limit": work_limit,
            "variants": [_summarise(v, raw[v.name], reference) for v in variants]}
