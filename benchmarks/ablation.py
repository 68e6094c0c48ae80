"""Each lean encoding measured against the plain one it replaced, on the stored suites, interleaved.

For every instance the model is built once per variant (all lean encodings on; each one switched off in
turn), and stage 1 is solved the way plan() solves it (parts, budget, configurations). A record holds the
model size, build and solve times, the status and the objective; every proven objective must be the same
across variants (an encoding changes the model, never the law), which the report checks.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from grantstack.benchmarks.progress import bar
from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.storage import INSTANCES, find, load_instance
from grantstack.models.options import PlanOptions
from grantstack.optimizer.encoding import Encoding

__all__ = ["VARIANTS", "run_ablation"]

VARIANTS: dict[str, Encoding] = {"lean": Encoding()} | {
    f"without {name}": replace(Encoding(), **{name: False}) for name in Encoding.names()
}


def _one(inst: Any, name: str, encoding: Encoding, options: PlanOptions) -> dict[str, Any]:
    from grantstack.optimizer import build_model
    from grantstack.optimizer.solve import solve_model

    t0 = time.perf_counter()
    b = build_model(inst.catalogue, inst.firm, inst.years, options, encoding)
    built = time.perf_counter() - t0
    run = solve_model(b, stages=False)
    size = b.model.size()
    return {"instance": inst.spec.name, "suite": inst.spec.suite, "variant": name, "build_s": built,
            "solve_s": run.seconds, "work": run.work, "status": str(run.status),
            "optimal": str(run.status) == "OPTIMAL",
            "objective": None if run.objective is None else float(run.objective * b.yuan_per_point),
            "variables": size["variables"], "constraints": size["constraints"], "nonzeros": size["nonzeros"],
            "enforced": size["enforced_constraints"], "candidates": len(b.cands)}


def run_ablation(suites: list[str], options: PlanOptions, root: Path = INSTANCES,
                 variants: dict[str, Encoding] | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Records of every variant on every instance of the suites (variants interleaved per instance)."""
    variants = variants or VARIANTS
    chosen = [s for suite in suites for s in specs([suite])[:limit]]
    records = []
    for spec in bar(chosen, len(chosen), "ablation"):
        inst = load_instance(find(spec, root), root)
        for name, enc in variants.items():
            records.append(_one(inst, name, enc, options))
    return records
