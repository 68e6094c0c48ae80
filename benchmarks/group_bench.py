"""Group benchmark: the decomposition against one merged CP-SAT model on seeded groups over the real catalogue.

    python -m grantstack.benchmarks.group_bench [--quick] [--out DIR] [--merged-limit SECONDS]

Target (issue 15): 10 entities, 20 placeable projects and one open location proven optimal under 5 s; the
scaling to 50 entities reported. For each group, interleaved in one run: `decompose` (plan_group with its
default options: the placement search, then every entity's canonical plan, then one re-solve per placement
with the choice forbidden, timed apart) and `merged` (the same group as one CP-SAT model, stage 1 only, with a
fair budget: every worker setting the same, a deterministic budget that does not bind and a wall-clock limit;
`decompose` keeps its deterministic budget per CP-SAT call and gets that limit + 30 s for the whole run, its
re-solves included). A run stopped by its wall-clock limit is recorded (status WALL_CLOCK), not fatal.
Like for like, the placement search of each method is compared (both prove the group's optimum; neither
includes the canonical plans). Records go to DIR/groups.json, the report (every figure from a record) to
DIR/groups.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path
from typing import Any

from grantstack.benchmarks.group_gen import group_instance
from grantstack.benchmarks.run import RESULTS, environment, save_json
from grantstack.models.catalogue import Catalogue
from grantstack.models.group_options import GroupOptions
from grantstack.models.loading import load_catalogue
from grantstack.models.options import PlanOptions
from grantstack.models.vocabulary import vocabulary
from grantstack.optimizer.group import plan_group
from grantstack.optimizer.group.merged import MergedProblem
from grantstack.optimizer.result import WallClockExceeded

__all__ = ["SIZES", "main", "render", "run"]

YEARS = (2025, 2029)
TARGET = (10, 20)
SIZES = ((10, 20), (20, 40), (30, 60), (50, 100))
TARGET_SECONDS = 5.0


def _decompose(cat: Catalogue, g: Any, limit: float) -> dict[str, Any]:
    t0 = time.perf_counter()
    try:
        r = plan_group(cat, g, YEARS, PlanOptions(time_limit=limit), alternatives=True, readings=False)
    except WallClockExceeded:  # recorded as unproven, never a crash of the whole run
        wall = round(time.perf_counter() - t0, 4)
        return {"status": "WALL_CLOCK", "objective": None, "bound": None, "total_yuan": None, "search_seconds": wall,
                "plan_seconds": wall, "alternatives_seconds": 0.0, "wall_seconds": wall, "iterations": 0,
                "entity_solves": 0, "entity_builds": 0, "placements": 0, "re_solves": 0, "violations": 0}
    total = time.perf_counter() - t0
    s = r.stats
    return {"status": str(r.status), "objective": r.objective, "bound": r.best_bound, "total_yuan": r.total_yuan,
            "search_seconds": s["placement_seconds"], "plan_seconds": s["placement_seconds"] + s["plans_seconds"],
            "alternatives_seconds": s["alternatives_seconds"], "wall_seconds": round(total, 4),
            "iterations": s["iterations"], "entity_solves": s["entity_solves"], "entity_builds": s["entity_builds"],
            "placements": len(r.placements), "re_solves": sum(1 for p in r.placements if p.status is not None),
            "violations": len(r.violations)}


def _merged(cat: Catalogue, g: Any, limit: float) -> dict[str, Any]:
    t0 = time.perf_counter()
    m = MergedProblem.build(cat, g, YEARS, PlanOptions(time_limit=limit + 30), GroupOptions())
    m.overrides = {"max_deterministic_time": 1e9, "relative_gap_limit": 1e-12, "max_time_in_seconds": limit}
    size = m.model.size()
    try:
        o = m.solve([], None)
    except WallClockExceeded:
        return {"status": "WALL_CLOCK", "objective": None, "bound": None, "search_seconds": round(
            time.perf_counter() - t0, 4), "gap": 1.0, "variables": size["variables"], "rows": size["constraints"]}
    seconds = time.perf_counter() - t0
    value, bound = float(o.value), float(o.bound)
    return {"status": str(o.status), "objective": value, "bound": bound, "search_seconds": round(seconds, 4),
            "gap": (bound - value) / max(1.0, bound), "variables": size["variables"], "rows": size["constraints"]}


def run(sizes: tuple[tuple[int, int], ...], seeds: int, target_seeds: int, merged_limit: float,
        progress: bool = True) -> dict[str, Any]:
    """Every group of every size through both methods, interleaved; the records."""
    cat = load_catalogue()
    vocab = vocabulary(cat)
    plan_group(cat, group_instance(999, cat, vocab, 2, 2), YEARS, readings=False)  # imports and first solve
    env = environment()
    rows = []
    for entities, placeable in sizes:
        n = target_seeds if (entities, placeable) == TARGET else seeds
        for seed in range(n):
            g = group_instance(seed, cat, vocab, entities, placeable)
            load = os.getloadavg()[0]
            row = {"group": g.id, "entities": entities, "placeable": placeable, "seed": seed, "load1": round(load, 2),
                   "decompose": _decompose(cat, g, merged_limit + 30), "merged": _merged(cat, g, merged_limit)}
            rows.append(row)
            if progress:
                d, m = row["decompose"], row["merged"]
                print(f"{g.id}: decompose {d['status']} {d['plan_seconds']:.2f} s (search {d['search_seconds']:.2f}), "
                      f"merged {m['status']} {m['search_seconds']:.2f} s, load {load:.1f}", flush=True)
    env["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    return {"environment": env, "merged_limit_seconds": merged_limit, "target": {"entities": TARGET[0],
            "placeable": TARGET[1], "seconds": TARGET_SECONDS}, "rows": rows}


def _q(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _fmt(x: float) -> str:
    return f"{x:.2f}"


def render(data: dict[str, Any]) -> str:
    """The Markdown report; every figure is computed from the records in `data`."""
    env, rows = data["environment"], data["rows"]
    target = data["target"]
    out = ["# Groups: decomposition against one merged model", "",
           f"Machine: {env['cpu']}, {env['cores']} cores, Python {env['python']}, OR-Tools {env['ortools']}; "
           f"code {env['code']}; {env['date']}; load average at start {env['loadavg'][0]}, at end "
           f"{env['loadavg_end'][0]} (the machine is shared: absolute times are upper bounds).", "",
           "Groups from `benchmarks/group_gen.py` (typical entities in three home districts, placeable projects "
           "with 2-3 carriers, 15% started, a new entity with 2-3 districts), real catalogue, horizon "
           f"{YEARS[0]}-{YEARS[1]}, default options. `decompose`: plan time = placement search + every entity's "
           "canonical plan; search = the placement search alone. `merged`: one CP-SAT model, stage 1, limit "
           f"{data['merged_limit_seconds']:.0f} s. Both run on each group in turn (interleaved).", ""]
    sizes = sorted({(r["entities"], r["placeable"]) for r in rows})
    out += ["| entities x placeable | groups | decompose proven | plan time median / max (s) | search median / max (s) "
            "| merged proven | merged search median / max (s) | search time ratio merged/decompose median (min-max) "
            "| same objective (both proven) |", "|---|---|---|---|---|---|---|---|---|"]
    for e, p in sizes:
        rs = [r for r in rows if (r["entities"], r["placeable"]) == (e, p)]
        d = [r["decompose"] for r in rs]
        m = [r["merged"] for r in rs]
        ratios = [r["merged"]["search_seconds"] / max(1e-9, r["decompose"]["search_seconds"]) for r in rs]
        same = sum(1 for r in rs if r["merged"]["status"] == "OPTIMAL" and r["decompose"]["status"] == "OPTIMAL"
                   and abs(r["merged"]["objective"] - r["decompose"]["objective"]) < 0.5)
        both = sum(1 for r in rs if r["merged"]["status"] == "OPTIMAL" and r["decompose"]["status"] == "OPTIMAL")
        proven_m = sum(1 for x in m if x["status"] == "OPTIMAL")
        out.append(
            f"| {e} x {p} | {len(rs)} | {sum(1 for x in d if x['status'] == 'OPTIMAL')}/{len(rs)} | "
            f"{_fmt(statistics.median(x['plan_seconds'] for x in d))} / {_fmt(max(x['plan_seconds'] for x in d))} | "
            f"{_fmt(statistics.median(x['search_seconds'] for x in d))} / "
            f"{_fmt(max(x['search_seconds'] for x in d))} | {proven_m}/{len(rs)} | "
            f"{_fmt(statistics.median(x['search_seconds'] for x in m))} / {_fmt(max(x['search_seconds'] for x in m))}"
            f" | {statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f}) | {same}/{both} |")
    tr = [r for r in rows if (r["entities"], r["placeable"]) == (target["entities"], target["placeable"])]
    if tr:
        worst = max(r["decompose"]["plan_seconds"] for r in tr)
        proven = all(r["decompose"]["status"] == "OPTIMAL" for r in tr)
        verdict = "met" if proven and worst < target["seconds"] else "missed"
        alt = [r["decompose"]["alternatives_seconds"] for r in tr]
        resolves = [r["decompose"]["re_solves"] for r in tr]
        out += ["", f"**Target** ({target['entities']} entities, {target['placeable']} placeable projects, one open "
                f"location, proven optimal under {target['seconds']:.0f} s): **{verdict}**: {len(tr)} groups, all "
                f"proven: {proven}; plan time max {_fmt(worst)} s, median "
                f"{_fmt(statistics.median(r['decompose']['plan_seconds'] for r in tr))} s (load "
                f"{min(r['load1'] for r in tr)}-{max(r['load1'] for r in tr)}). Placement values (one re-solve per "
                f"placement with a choice, {min(resolves)}-{max(resolves)} re-solves a group, not in the target): "
                f"median {_fmt(statistics.median(alt))} s, max {_fmt(max(alt))} s."]
    undecided = [r for r in rows if r["decompose"]["status"] != "OPTIMAL"]
    if undecided:
        out += ["", "Decomposition not proven: " + "; ".join(
            f"{r['group']} ({r['decompose']['status']} after {_fmt(r['decompose']['wall_seconds'])} s)"
            for r in undecided) + "."]
    unproven = [r for r in rows if r["merged"]["status"] != "OPTIMAL"]
    if unproven:
        out += ["", "Merged model not proven within the limit: " + "; ".join(
            f"{r['group']} ({r['merged']['status']}, gap {r['merged']['gap']:.2%})" for r in unproven) + "."]
    out += ["", "Per group (seconds; load is the 1-minute load average before the group):", "",
            "| group | load | decompose status | plan | search | iterations | entity solves | alternatives | "
            "merged status | merged search | merged vars | merged rows |", "|---" * 12 + "|"]
    for r in rows:
        d, m = r["decompose"], r["merged"]
        out.append(f"| {r['group']} | {r['load1']} | {d['status']} | {_fmt(d['plan_seconds'])} | "
                   f"{_fmt(d['search_seconds'])} | {d['iterations']:.0f} | {d['entity_solves']:.0f} | "
                   f"{_fmt(d['alternatives_seconds'])} | {m['status']} | {_fmt(m['search_seconds'])} | "
                   f"{m['variables']} | {m['rows']} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run, save the records and the report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="Two small sizes, two groups each (a smoke run).")
    ap.add_argument("--out", type=Path, default=RESULTS, help="Folder for groups.json and groups.md.")
    ap.add_argument("--merged-limit", type=float, default=60.0, help="Wall-clock limit of the merged model (s).")
    ap.add_argument("--seeds", type=int, default=3, help="Groups per size (the target size gets --target-seeds).")
    ap.add_argument("--target-seeds", type=int, default=10)
    args = ap.parse_args(argv)
    if args.quick:
        data = run(((2, 3), (3, 4)), 2, 2, min(args.merged_limit, 20.0), progress=False)
        data["target"] = {"entities": 2, "placeable": 3, "seconds": TARGET_SECONDS}
    else:
        data = run(SIZES, args.seeds, args.target_seeds, args.merged_limit)
    args.out.mkdir(parents=True, exist_ok=True)
    save_json(data, args.out / "groups.json")
    (args.out / "groups.md").write_text(render(data), encoding="utf-8")
    print(f"wrote {args.out / 'groups.json'} and {args.out / 'groups.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
