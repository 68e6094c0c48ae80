"""The benchmark commands behind issue 12's targets: ablation, scale, shell, versus and dask (each writes its
record file in the results folder and rewrites results.md), tie-work (prints the tie-breaking stages'
deterministic work per suite), tie-proof (the tie stages that run out of budget, solved to the end:
tie_proof.json) and floor (each solver's bare solve: floor.json and floor.md)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from grantstack.benchmarks.progress import console

__all__ = ["add_commands", "recorded"]


def recorded(a: argparse.Namespace, name: str, data: dict[str, Any], calibrate: bool = True) -> int:
    """Save a record file with the environment (and a calibration figure) and rewrite results.md."""
    from grantstack.benchmarks.calibration import calibrate as calibration
    from grantstack.benchmarks.report import write_report
    from grantstack.benchmarks.run import environment, save_json

    env = environment() | ({"calibration": calibration()} if calibrate else {})
    save_json({**data, "environment": {**env, **data.get("environment", {})}}, a.results / name)
    console.print(f"wrote {a.results / name} and {write_report(a.results)}")
    return 0


def cmd_ablation(a: argparse.Namespace) -> int:
    """Each lean encoding switched off in turn, on the stored suites."""
    import os

    from grantstack.benchmarks.ablation import run_ablation
    from grantstack.models.options import PlanOptions

    start = [round(x, 2) for x in os.getloadavg()]
    recs = run_ablation(a.suites.split(","), PlanOptions(), a.root, limit=a.limit)
    return recorded(a, "ablation.json", {"records": recs, "environment": {"loadavg_start": start}})


def cmd_scale(a: argparse.Namespace) -> int:
    """Model size and build time against events and projects."""
    from grantstack.benchmarks.scale import scale

    events = tuple(int(x) for x in a.events.split(","))
    projects = tuple(int(x) for x in a.projects.split(","))
    return recorded(a, "scale.json", scale(events, projects))


def cmd_shell(a: argparse.Namespace) -> int:
    """Whole-process timings of the command line, interleaved."""
    from grantstack.benchmarks.shell import shell_timings

    return recorded(a, "shell.json", shell_timings(a.rounds))


def cmd_versus(a: argparse.Namespace) -> int:
    """Typical firm in-process against an earlier checkout, side by side."""
    import subprocess

    from grantstack.benchmarks.versus import versus

    data = versus(a.baseline, a.suite, a.rounds, a.root, a.pairs)
    data["baseline_commit"] = subprocess.run(["git", "-C", str(a.baseline), "rev-parse", "--short", "HEAD"],
                                             capture_output=True, text=True).stdout.strip()
    return recorded(a, "versus.json", data)


def cmd_dask(a: argparse.Namespace) -> int:
    """Dask and local pools on 1 and 2 workers, the per-task overhead, and the 2M-firm extrapolation."""
    import json

    from grantstack.benchmarks.dask_scaling import dask_scaling, extrapolate

    data = dask_scaling(a.firms, a.chunk, a.tasks)
    ten = [p for p in json.loads((a.results / "portfolio.json").read_text())
           if p["firms"] == 10_000 and p["executor"] == "local" and p.get("cpu_floor_s")] \
        if (a.results / "portfolio.json").exists() else []
    basis = ten[-1] if ten else max((r for r in data["rows"] if r["scheduler"] == "dask"), key=lambda r: r["workers"])
    cpu = basis["cpu_floor_s"] * basis["workers"] / basis["firms"]
    rows = extrapolate(cpu, data["task_overhead_dask_s"], a.chunk)
    data["extrapolation"] = {
        "rows": rows, "firm_cpu_s": cpu, "basis": f"{basis['firms']:,} firms, {basis['executor']}",
        "assumptions": (f"each firm costs the mean CPU time per firm measured in the {basis['firms']:,}-firm run "
                        f"({cpu * 1000:.2f} ms: build, every stage of the canonical plan, check); every worker is a "
                        "dedicated core as fast as this machine's (scale by the calibration figure otherwise); firms "
                        f"go out {a.chunk} to a task, and each task costs the scheduler the per-task overhead "
                        "measured here on a LocalCluster, one task after another (a single scheduler); start-up 10 "
                        "s; reading the firms and writing the results are not counted (they stream beside the "
                        "planning); memory per worker stays flat (one model at a time).")}
    return recorded(a, "dask.json", data)


def cmd_all(a: argparse.Namespace) -> int:
    """Every benchmark behind the targets, one after the other in one session (the final results): the same
    steps as README's Benchmarks section, each meant to take a few minutes on a quiet 2-core machine."""
    from grantstack.benchmarks.cli import main
    from grantstack.benchmarks.report import NotesError

    root, results = ["--root", str(a.root)], ["--results", str(a.results)]
    steps = [["run", "--suites", "tiny,typical,small,medium,large", "--brute-budget", "2000"],
             ["run", "--append", "--suites", "random", "--methods", "cpsat,highs,repeat"],
             ["run", "--append", "--suites", "xl", "--highs-time-limit", "10"], ["tie-proof"],
             ["run", "--append", "--suites", "xxl", "--methods", "cpsat,highs,greedy,budget", "--budget-work", "4"],
             ["shell", "--rounds", str(a.shell_rounds)], ["versus", "--baseline", str(a.baseline)],
             ["scale"], ["portfolio", "--firms", "10000", "--processes", "2"], ["dask", "--firms", "2000"],
             ["ablation", "--suites", a.ablation_suites, "--limit", "10"], ["floor"], ["book"]]
    failed = 0
    for step in steps:
        console.print(f"[bold]benchmarks {' '.join(step)}[/]")
        try:
            code = main([*step, *root, *results])
        except NotesError as exc:  # results.md refused: notes.md cites a fact of a record a later step writes
            console.print(f"step {step[0]}: its record is written, results.md is not yet: {exc}")
            code = 0
        if code:
            console.print(f"step {step[0]} exited {code}")
            failed += 1
    return 1 if failed else 0


def cmd_tie_work(a: argparse.Namespace) -> int:
    """The tie-breaking stages' work per part (deterministic: no record file, no load figure needed)."""
    import json

    from grantstack.benchmarks.run_tie_work import summary, tie_work

    recs = tie_work(a.suites.split(","), root=a.root)
    if a.out:
        a.out.write_text(json.dumps(recs, indent=1) + "\n")
    print(summary(recs))
    return 0


def cmd_tie_proof(a: argparse.Namespace) -> int:
    """The tie-breaking calls that run out of budget, solved to the end by CP-SAT and HiGHS
    (benchmarks/tie_proof.py)."""
    from grantstack.benchmarks.tie_proof import tie_proof

    return recorded(a, "tie_proof.json", tie_proof(a.suite, a.cpsat_limit, a.highs_limit, a.root))


def cmd_floor(a: argparse.Namespace) -> int:
    """CP-SAT's and HiGHS's bare solves on a suite, warm and cold, beside plan()'s stage 1 (benchmarks/floor.py)."""
    import json

    from grantstack.benchmarks.floor import floor, summary

    recorded(a, "floor.json", floor(a.suite, reps=a.reps, limit=a.limit, root=a.root))
    text = summary(json.loads((a.results / "floor.json").read_text()))
    (a.results / "floor.md").write_text(text + "\n")
    print(text)
    return 0


def add_commands(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register the commands on the benchmark CLI's subparsers."""
    from grantstack.benchmarks.registry import SUITES

    ab = sub.add_parser("ablation", help="each lean encoding against the one it replaced")
    ab.add_argument("--suites", default="typical,small,medium,large,xl,random")
    ab.add_argument("--limit", type=int, help="instances per suite")
    common(ab)
    ab.set_defaults(fn=cmd_ablation)
    sc = sub.add_parser("scale", help="model size and build time against events and projects")
    sc.add_argument("--events", default="1000,5000,10000,20000,50000")
    sc.add_argument("--projects", default="1000,5000,10000,20000")
    common(sc)
    sc.set_defaults(fn=cmd_scale)
    sh = sub.add_parser("shell", help="whole-process timings of grantstack --help and plan")
    sh.add_argument("--rounds", type=int, default=15)
    common(sh)
    sh.set_defaults(fn=cmd_shell)
    vs = sub.add_parser("versus", help="typical firm in-process against an earlier checkout")
    vs.add_argument("--baseline", type=Path, required=True, help="checkout with its own .venv")
    vs.add_argument("--suite", default="typical", choices=sorted(SUITES))
    vs.add_argument("--rounds", type=int, default=5, help="interleaved rounds per pair of processes")
    vs.add_argument("--pairs", type=int, default=3, help="successive pairs of fresh worker processes")
    common(vs)
    vs.set_defaults(fn=cmd_versus)
    dk = sub.add_parser("dask", help="Dask LocalCluster vs local pool, 1 and 2 workers, overhead, extrapolation")
    dk.add_argument("--firms", type=int, default=2000)
    dk.add_argument("--chunk", type=int, default=25)
    dk.add_argument("--tasks", type=int, default=500)
    common(dk)
    dk.set_defaults(fn=cmd_dask)
    tw = sub.add_parser("tie-work", help="tie-breaking stages' deterministic work against stage 1's, per suite")
    tw.add_argument("--suites", default="tiny,small,typical,medium,large,random,xl")
    tw.add_argument("--out", type=Path, help="also write the per-part records (JSON) here")
    common(tw)
    tw.set_defaults(fn=cmd_tie_work)
    tp = sub.add_parser("tie-proof", help="the tie-breaking stages that run out of budget, solved to the end")
    tp.add_argument("--suite", default="xl", choices=sorted(SUITES))
    tp.add_argument("--cpsat-limit", type=float, default=120.0, help="seconds per CP-SAT solve")
    tp.add_argument("--highs-limit", type=float, default=60.0, help="seconds for HiGHS")
    common(tp)
    tp.set_defaults(fn=cmd_tie_proof)
    fl = sub.add_parser("floor", help="each solver's bare solve (warm, cold) beside plan()'s stage 1")
    fl.add_argument("--suite", default="typical", choices=sorted(SUITES))
    fl.add_argument("--reps", type=int, default=5, help="solves per instance and state (median)")
    fl.add_argument("--limit", type=int, help="instances")
    common(fl)
    fl.set_defaults(fn=cmd_floor)
    al = sub.add_parser("all", help="every benchmark behind the targets, in one session")
    al.add_argument("--baseline", type=Path, required=True, help="earlier checkout with its own .venv (versus)")
    al.add_argument("--ablation-suites", default="typical,small,medium,large,random")
    al.add_argument("--shell-rounds", type=int, default=15)
    common(al)
    al.set_defaults(fn=cmd_all)
