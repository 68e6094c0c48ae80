"""What-if targets, measured: sensitivity of the Tongzhou example (every probe, each kind of reuse, interleaved) and a
1,000-point sweep over the Shijingshan example on 2 local processes and on a Dask LocalCluster.

    python -m grantstack.benchmarks.whatif [--repeats 5] [--no-sweep] [--no-dask] [--out benchmarks/results]

writes whatif.json (every record, with the machine and its load beside each figure) and whatif.md (generated from
the records). Comparisons are ratios of configurations run interleaved in one process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from grantstack.models.loading import load_catalogue
from grantstack.scenarios.scenario import Scenario
from grantstack.scenarios.sensitivity_analysis import Reuse, Sensitivity, sensitivity

__all__ = ["main", "measure_sensitivity", "measure_sweep", "write_markdown"]

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
TONGZHOU = ROOT / "scenarios/firms/tongzhou_manufacturer.yaml"
SWEEP = ROOT / "scenarios/examples/shijingshan_sweep.yaml"
CONFIGS: dict[str, Reuse] = {
    "no reuse (rebuild every probe)": Reuse(edit_base_model=False, skip_unchanged=False, hints=False, parts=False),
    "edit the base model only": Reuse(edit_base_model=True, skip_unchanged=False, hints=False, parts=False),
    "skip unchanged models only": Reuse(edit_base_model=False, skip_unchanged=True, hints=False, parts=False),
    "hints only": Reuse(edit_base_model=False, skip_unchanged=False, hints=True, parts=False),
    "proven parts only": Reuse(edit_base_model=False, skip_unchanged=False, hints=False, parts=True),
    "all reuse but parts (before)": Reuse(parts=False),
    "all reuse": Reuse(),
}
POOLED = "all reuse, 2 processes (warm pool)"


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def environment() -> dict[str, Any]:
    """The machine, the code version and the time of the run."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for folder in ("models", "optimizer", "scenarios"):
        for p in sorted((ROOT / folder).rglob("*.py")):
            digest.update(p.read_bytes())
    return {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": platform.machine(), "cpus": os.cpu_count(),
            "python": platform.python_version(), "ortools": version("ortools"), "platform": platform.platform(),
            "code_sha256": digest.hexdigest()[:12], "load_at_start": _load()}


def _summary(s: Sensitivity, cpu: float | None = None) -> dict[str, Any]:
    return {"seconds": round(s.seconds, 4), "cpu_seconds": None if cpu is None else round(cpu, 4),
            "probes": len(s.results), "proven": s.proven,
            "probes_per_second": round(s.probes_per_second, 1), "build_seconds": round(s.build_seconds, 4),
            "solve_seconds": round(s.solve_seconds, 4),
            "solved": sum(1 for r in s.results if r.how != "unchanged model" and ", 0 of " not in r.how),
            "how": {h: sum(1 for r in s.results if r.how == h) for h in sorted({r.how for r in s.results})}}


def measure_sensitivity(repeats: int = 5) -> dict[str, Any]:
    """Every configuration of reuse, and all reuse on 2 warm worker processes, run interleaved `repeats` times."""
    from grantstack.scenarios.executor import Executor

    catalogue = load_catalogue()
    scenario = Scenario.from_firm(TONGZHOU, catalogue=catalogue)
    sensitivity(scenario)  # warm-up: imports, caches
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in [*CONFIGS, POOLED]}
    values: dict[str, dict[str, tuple[Any, ...]]] = {}
    with Executor(jobs=2) as ex:
        startup = ex.start()
        sensitivity(scenario, executor=ex)  # warm-up of the workers
        for _ in range(repeats):
            for name, reuse in CONFIGS.items():
                load, cpu = _load(), time.process_time()
                s = sensitivity(scenario, reuse=reuse)
                runs[name].append({**_summary(s, time.process_time() - cpu), "load": load})
                values[name] = {r.probe.label: (r.status, r.objective, r.total, r.delta) for r in s.results}
            load = _load()
            s = sensitivity(scenario, executor=ex)
            runs[POOLED].append({**_summary(s), "load": load})
            values[POOLED] = {r.probe.label: (r.status, r.objective, r.total, r.delta) for r in s.results}
    base = "no reuse (rebuild every probe)"
    median = {name: statistics.median(r["seconds"] for r in rs) for name, rs in runs.items()}
    before = "all reuse but parts (before)"
    return {
        "same_results_in_every_configuration": all(v == values[base] for v in values.values()),
        "speedup_over_before": {k: round(median[before] / v, 2) for k, v in median.items()},
        "median_cpu_seconds": {k: round(statistics.median(r["cpu_seconds"] for r in rs), 4)
                               for k, rs in runs.items() if rs and rs[0]["cpu_seconds"] is not None},
        "firm": str(TONGZHOU.relative_to(ROOT)), "repeats": repeats, "pool_startup_seconds": round(startup, 3),
        "median_seconds": {k: round(v, 4) for k, v in median.items()},
        "speedup_over_no_reuse": {k: round(median[base] / v, 2) for k, v in median.items()},
        "runs": runs,
    }


def measure_stage1(repeats: int = 9) -> dict[str, Any]:
    """Stage 1 of the example firms: the whole model in one CP-SAT call against one call per independent part
    (optimizer.solve.solve_model with stages=False), interleaved; medians in milliseconds."""
    from grantstack.models.loading import load_firm
    from grantstack.models.options import PlanOptions
    from grantstack.optimizer.assemble import build_model
    from grantstack.optimizer.solve import solve_model
    from grantstack.scenarios.sensitivity_analysis import stage1

    catalogue = load_catalogue()
    out: dict[str, Any] = {"repeats": repeats, "load": _load(), "firms": {}}
    for path in sorted((ROOT / "scenarios/firms").glob("*.yaml")):
        b = build_model(catalogue, load_firm(path, catalogue), (2025, 2029), PlanOptions())
        whole, parts = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            a = stage1(b.model, b.options)
            whole.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            z = solve_model(b, stages=False)
            parts.append(time.perf_counter() - t0)
        assert a.objective == z.objective
        out["firms"][path.stem] = {"whole_ms": round(statistics.median(whole) * 1000, 2),
                                   "parts_ms": round(statistics.median(parts) * 1000, 2)}
    return out


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers, once shut down)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure_sweep(dask: bool = True) -> dict[str, Any]:
    """The 1,000-point sweep on 2 fresh local processes (start-up included), then on a Dask LocalCluster."""
    from grantstack.scenarios.sweeps import load_sweep, run_sweep

    sweep = load_sweep(SWEEP)
    out: dict[str, Any] = {"sweep": str(SWEEP.relative_to(ROOT)), "points": sweep.size}
    load, cpu = _load(), _cpu()
    t0 = time.perf_counter()
    local = run_sweep(sweep, processes=2, progress=False)
    wall = time.perf_counter() - t0
    reused = local.columns.index("reused")
    out["local"] = {"wall_seconds": round(wall, 3), "seconds": round(local.seconds, 3), "workers": local.workers,
                    "cpu_seconds": round(_cpu() - cpu, 3),
                    "startup_seconds": round(local.startup_seconds, 3), "proven": local.proven, "load": load,
                    "points_per_second": round(len(local.rows) / wall, 1),
                    "solved": sum(1 for r in local.rows if not r[reused]),
                    "reused": sum(1 for r in local.rows if r[reused])}
    if dask:
        load = _load()
        t0 = time.perf_counter()
        remote = run_sweep(sweep, processes=2, scheduler="local", progress=False)
        wall = time.perf_counter() - t0
        keep = [i for i, c in enumerate(local.columns) if c not in ("seconds", "reused")]
        same = [tuple(r[i] for i in keep) for r in local.rows] == [tuple(r[i] for i in keep) for r in remote.rows]
        out["dask"] = {"wall_seconds": round(wall, 3), "seconds": round(remote.seconds, 3), "workers": remote.workers,
                       "startup_seconds": round(remote.startup_seconds, 3), "proven": remote.proven, "load": load,
                       "identical_to_local": same}
    return out


def write_markdown(doc: dict[str, Any], path: Path) -> None:
    """whatif.md: the figures of whatif.json, each with the load it was measured at."""
    env = doc["environment"]
    lines = ["# What-if targets (generated by `python -m grantstack.benchmarks.whatif` from whatif.json)", "",
             f"Run {env['date']} on {env['cpus']} CPUs ({env['platform']}), Python {env['python']}, OR-Tools "
             f"{env['ortools']}, code {env['code_sha256']}; load average at start {env['load_at_start']}.", ""]
    s = doc.get("sensitivity")
    if s:
        lines += ["## Sensitivity of the Tongzhou example (every default probe, stage-1 proven optimum)", "",
                  f"Median of {s['repeats']} interleaved runs per configuration, in-process after import "
                  f"(the 2-process pool started beforehand: {s['pool_startup_seconds']} s). Same status, objective, "
                  f"total and value of every probe in every configuration: "
                  f"{s['same_results_in_every_configuration']}. 'before' is the reuse of the previous version "
                  "(no proven parts); CPU s is this process's CPU time (the share of the machine the run needed, "
                  "which the load does not inflate as much as the wall time).", "",
                  "| configuration | median s | vs no reuse | vs before | CPU s | probes | probes/s | build s | "
                  "solve s | all proven | load (1 min) |", "|---|---|---|---|---|---|---|---|---|---|---|"]
        for name, median in s["median_seconds"].items():
            last = s["runs"][name][-1]
            before = s.get("speedup_over_before", {}).get(name)
            cpu = s.get("median_cpu_seconds", {}).get(name)
            lines.append(f"| {name} | {median:.3f} | {s['speedup_over_no_reuse'][name]:.2f}x | "
                         f"{'' if before is None else f'{before:.2f}x'} | {'' if cpu is None else f'{cpu:.3f}'} | "
                         f"{last['probes']} | {last['probes'] / median:.1f} | {last['build_seconds']:.3f} | "
                         f"{last['solve_seconds']:.3f} | {last['proven']} | "
                         f"{statistics.median(r['load'][0] for r in s['runs'][name]):.2f} |")
        lines.append("")
    st = doc.get("stage1")
    if st:
        lines += ["## Stage 1 of a what-if model: one CP-SAT call, or one per independent part", "",
                  f"Median of {st['repeats']} interleaved solves of each example firm's model (load {st['load']}). "
                  "Sweep points use the whole model in one call; probes solve only the parts not proven before "
                  "(scenarios/part_reuse.py) when the objective is the plain total.", "",
                  "| firm | whole model, ms | by parts, ms |", "|---|---|---|"]
        lines += [f"| {k} | {v['whole_ms']} | {v['parts_ms']} |" for k, v in st["firms"].items()]
        lines.append("")
    w = doc.get("sweep")
    if w:
        loc = w["local"]
        lines += ["## 1,000-point sweep over the Shijingshan example", "",
                  f"{w['points']} points ({w['sweep']}). 2 local processes, worker start-up included: "
                  f"{loc['wall_seconds']} s ({loc['points_per_second']} points/s; start-up {loc['startup_seconds']} s;"
                  f" CPU {loc.get('cpu_seconds', '?')} s in all processes;"
                  f" {loc['solved']} models solved, {loc['reused']} identical models met again and reused; all "
                  f"proven: {loc['proven']}; load {loc['load']}).", ""]
        if "dask" in w:
            d = w["dask"]
            lines += [f"Dask LocalCluster (2 workers): {d['wall_seconds']} s (start-up {d['startup_seconds']} s; "
                      f"load {d['load']}); results identical to the local run: {d['identical_to_local']}.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Measure, write whatif.json and whatif.md."""
    parser = argparse.ArgumentParser(prog="python -m grantstack.benchmarks.whatif", description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-sweep", action="store_true")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    doc: dict[str, Any] = {"environment": environment()}
    doc["stage1"] = measure_stage1()
    doc["sensitivity"] = measure_sensitivity(args.repeats)
    if not args.no_sweep:
        doc["sweep"] = measure_sweep(dask=not args.no_dask)
    doc["environment"]["load_at_end"] = _load()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "whatif.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    write_markdown(doc, args.out / "whatif.md")
    print((args.out / "whatif.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
