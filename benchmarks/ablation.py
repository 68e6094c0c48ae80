"""Each lean encoding and each solve setting measured against what it replaced, on the stored suites.

For every instance the model is built once per variant (all lean encodings on; each switched off in turn; and
the solve settings changed one at a time) and solved twice the way plan() solves it: stage 1 alone, then the
canonical plan (every stage). A record holds the model size, build and solve times, status and objective;
every proven objective must be the same across variants (an encoding changes the model, never the law), which
the report checks. Variants run interleaved per instance, so all see the same machine load.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from grantstack.benchmarks.progress import bar
from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.storage import INSTANCES, find, load_instance
from grantstack.models.options import PlanOptions
from grantstack.optimizer.encoding import Encoding

__all__ = ["VARIANTS", "Variant", "run_ablation"]


@dataclass(frozen=True)
class Variant:
    """An encoding, and solve settings (module constants of optimizer.solve / optimizer.canonical) to change."""

    encoding: Encoding = field(default_factory=Encoding)
    settings: dict[str, Any] = field(default_factory=dict)


VARIANTS: dict[str, Variant] = {"lean": Variant()} | {
    f"without {name}": Variant(replace(Encoding(), **{name: False})) for name in Encoding.names()
} | {
    "every part alone (SPLIT_AT 1)": Variant(settings={"solve.SPLIT_AT": 1}),
    "small parts presolved": Variant(settings={"solve.SMALL_CONFIGS": ({},), "solve.SMALL_TIE_CONFIG": {}}),
}


@contextmanager
def _settings(changes: dict[str, Any]) -> Iterator[None]:
    from grantstack.optimizer import canonical, solve

    modules = {"solve": solve, "canonical": canonical}
    old = {}
    for key, value in changes.items():
        mod, name = key.split(".")
        old[key] = getattr(modules[mod], name)
        setattr(modules[mod], name, value)
    try:
        yield
    finally:
        for key, value in old.items():
            mod, name = key.split(".")
            setattr(modules[mod], name, value)


def _one(inst: Any, name: str, variant: Variant, options: PlanOptions) -> dict[str, Any]:
    from grantstack.optimizer import build_model
    from grantstack.optimizer.solve import solve_model

    with _settings(variant.settings):
        t0 = time.perf_counter()
        b = build_model(inst.catalogue, inst.firm, inst.years, options, variant.encoding)
        built = time.perf_counter() - t0
        run = solve_model(b, stages=False)
        size = b.model.size()
        canon = solve_model(build_model(inst.catalogue, inst.firm, inst.years, options, variant.encoding))
    cpu = sum(v for k, v in canon.stage_seconds.items() if k.endswith("_cpu"))
    return {"instance": inst.spec.name, "suite": inst.spec.suite, "variant": name, "build_s": built,
            "solve_s": run.seconds, "canonical_s": canon.seconds,
            "stage1_cpu_s": run.stage_seconds.get("stage1_cpu", 0.0), "canonical_cpu_s": cpu, "work": run.work,
            "status": str(run.status),
            "optimal": str(run.status) == "OPTIMAL", "canonical_optimal": str(canon.status) == "OPTIMAL",
            "objective": None if run.objective is None else float(run.objective * b.yuan_per_point),
            "variables": size["variables"], "constraints": size["constraints"], "nonzeros": size["nonzeros"],
            "enforced": size["enforced_constraints"], "candidates": len(b.cands)}


def run_ablation(suites: list[str], options: PlanOptions, root: Path = INSTANCES,
                 variants: dict[str, Variant] | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Records of every variant on every instance of the suites (variants interleaved per instance)."""
    variants = variants or VARIANTS
    chosen = [s for suite in suites for s in specs([suite])[:limit]]
    records: list[dict[str, Any]] = []
    if chosen:  # warm-up, not recorded: imports and first-call costs would otherwise fall on the first variant
        _one(load_instance(find(chosen[0], root), root), "warm-up", Variant(), options)
    for spec in bar(chosen, len(chosen), "ablation"):
        inst = load_instance(find(spec, root), root)
        for name, variant in variants.items():
            records.append(_one(inst, name, variant, options))
    return records
