"""python -m grantstack.benchmarks {generate,run,portfolio,book,params,report,smoke,ablation,scale,shell,versus,
dask,tie-work,floor}: the benchmark entry point."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from grantstack.benchmarks.cli_more import add_commands
from grantstack.benchmarks.progress import console
from grantstack.benchmarks.run import BUDGET, BUDGET_WORK, METHODS, RESULTS, merge_runs, save_json
from grantstack.benchmarks.storage import INSTANCES
from grantstack.models.options import PlanOptions

__all__ = ["main"]


def _suites(text: str | None) -> list[str] | None:
    return [s for s in text.split(",") if s] if text else None


def cmd_generate(a: argparse.Namespace) -> int:
    """Write the catalogue snapshot, the instance files and MANIFEST.json; --check verifies regeneration."""
    from grantstack.benchmarks.manifest import generate_all, regeneration_diffs
    from grantstack.benchmarks.registry import specs

    if a.check:
        bad = regeneration_diffs(specs(_suites(a.suites)), a.root)
        console.print(f"regeneration differs for {len(bad)} instance(s): {', '.join(bad) or 'none'}")
        return 1 if bad else 0
    path = generate_all(_suites(a.suites), a.root, refresh_catalogue=not a.keep_catalogue)
    total = json.loads(path.read_text())["total_bytes"]
    console.print(f"wrote {path} ({total / 1e6:.2f} MB stored)")
    return 0


def cmd_run(a: argparse.Namespace) -> int:
    """All methods on the stored instances; run.json and results.md."""
    from grantstack.benchmarks.calibration import calibrate
    from grantstack.benchmarks.report import write_report
    from grantstack.benchmarks.run import run_suites
    from grantstack.models.options import PlanOptions

    options = PlanOptions(money_unit=a.money_unit)  # the defaults users get: work limit and wall-clock limit
    calibration = calibrate()
    out = run_suites(_suites(a.suites), tuple(a.methods.split(",")), options, a.root, a.brute_budget,
                     highs_limit=a.highs_time_limit, budget_work=a.budget_work)
    out["environment"]["calibration"] = calibration
    path = a.results / "run.json"
    old = json.loads(path.read_text()) if a.append and path.exists() else None
    save_json(merge_runs(old, out), path)
    console.print(f"wrote {write_report(a.results)}")
    return 0


def _merge(path: Path, entry: dict, keys: tuple[str, ...]) -> list[dict]:
    old = json.loads(path.read_text()) if path.exists() else []
    keep = [e for e in old if any(e.get(k) != entry.get(k) for k in keys)]
    return [*keep, entry]


def cmd_portfolio(a: argparse.Namespace) -> int:
    """Plan N typical firms in a pool; append to portfolio.json."""
    import os

    from grantstack.benchmarks.portfolio import portfolio
    from grantstack.benchmarks.report import write_report
    from grantstack.benchmarks.run import environment
    from grantstack.models.options import PlanOptions

    before = [round(x, 2) for x in os.getloadavg()]
    options = PlanOptions(money_unit=a.money_unit)
    res = portfolio(a.firms, a.processes, a.scheduler, options, a.chunk, a.root)
    env = environment()
    entry = res.summary | {"loadavg_before": before, "loadavg_after": env["loadavg"], "code": env["code"]}
    console.print(entry)
    path = a.results / "portfolio.json"
    save_json(_merge(path, entry, ("firms", "executor", "workers", "money_unit")), path)
    console.print(f"wrote {write_report(a.results)}")
    return 0 if entry["violations"] == 0 else 1


def cmd_book(a: argparse.Namespace) -> int:
    """plan-many against the portfolio on the same firms (interleaved rounds) and on Dask; book.json."""
    from grantstack.benchmarks.book import book_benchmark
    from grantstack.benchmarks.report import write_report
    from grantstack.benchmarks.run import environment

    record = book_benchmark(a.firms, a.jobs, a.rounds, dask=not a.no_dask) | {"code": environment()["code"]}
    console.print(record["verdict"])
    save_json(record, a.results / "book.json")
    console.print(f"wrote {write_report(a.results)}")
    return 0 if all(record["verdict"].values()) else 1


def cmd_params(a: argparse.Namespace) -> int:
    """The parameter study; params.json and results.md."""
    from grantstack.benchmarks.params import DEFAULT_SUITES, run_params
    from grantstack.benchmarks.report import write_report
    from grantstack.benchmarks.run import environment

    out = run_params(tuple(_suites(a.suites) or DEFAULT_SUITES), work_limit=a.work_limit, root=a.root,
                     limit=a.limit)
    out["environment"] = environment()
    if a.drop_rows:
        for v in out["variants"]:
            v.pop("rows")
    save_json(out, a.results / "params.json")
    console.print(f"wrote {write_report(a.results)}")
    return 0


def cmd_report(a: argparse.Namespace) -> int:
    """Rewrite results.md and the plots from the stored JSON."""
    from grantstack.benchmarks.report import write_report

    console.print(f"wrote {write_report(a.results)}")
    return 0


def cmd_smoke(a: argparse.Namespace) -> int:
    """Everything at a tiny size in a scratch folder (seconds)."""
    from grantstack.benchmarks.smoke import smoke

    out = smoke(a.dir)
    console.print(f"smoke ok: {out}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser."""
    p = argparse.ArgumentParser(prog="python -m grantstack.benchmarks", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--root", type=Path, default=INSTANCES, help="instance folder")
        sp.add_argument("--results", type=Path, default=RESULTS, help="results folder")

    g = sub.add_parser("generate", help="write the stored instances")
    g.add_argument("--suites", help="comma-separated suites (default: all)")
    g.add_argument("--keep-catalogue", action="store_true", help="reuse the stored real-catalogue snapshot")
    g.add_argument("--check", action="store_true", help="verify regeneration is byte-identical")
    common(g)
    g.set_defaults(fn=cmd_generate)
    r = sub.add_parser("run", help="CP-SAT, HiGHS, greedy and brute force on the stored instances")
    r.add_argument("--suites", help="comma-separated suites (default: all)")
    r.add_argument("--methods", default=",".join(METHODS))
    r.add_argument("--money-unit", type=int, default=PlanOptions().money_unit)
    r.add_argument("--brute-budget", type=int, default=20_000, help="checker calls per instance")
    r.add_argument("--highs-time-limit", type=float, help="seconds per HiGHS solve (default: CP-SAT's time_limit); "
                   "an instance HiGHS does not prove counts at its limit, so a speed ratio is then a lower bound")
    r.add_argument("--budget-work", type=float, default=BUDGET_WORK,
                   help=f"work limit of the opt-in method '{BUDGET}' (CP-SAT with a lower deterministic budget)")
    r.add_argument("--append", action="store_true", help="add these suites' records to run.json (same code only)")
    common(r)
    r.set_defaults(fn=cmd_run)
    f = sub.add_parser("portfolio", help="plan many typical firms in parallel")
    f.add_argument("--firms", type=int, default=1000)
    f.add_argument("--processes", type=int, default=2)
    f.add_argument("--scheduler", help="Dask scheduler address (default: local processes)")
    f.add_argument("--chunk", type=int, default=25)
    f.add_argument("--money-unit", type=int, default=PlanOptions().money_unit)
    common(f)
    f.set_defaults(fn=cmd_portfolio)
    b = sub.add_parser("book", help="plan-many vs the portfolio on the same typical firms, and on Dask")
    b.add_argument("--firms", type=int, default=1000)
    b.add_argument("--jobs", type=int, default=2)
    b.add_argument("--rounds", type=int, default=3)
    b.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    common(b)
    b.set_defaults(fn=cmd_book)
    s = sub.add_parser("params", help="parameter study on the stored instances")
    s.add_argument("--suites", help="comma-separated suites")
    s.add_argument("--limit", type=int, help="instances per suite")
    s.add_argument("--work-limit", type=float, default=20.0, help="CP-SAT deterministic time per solve")
    s.add_argument("--drop-rows", action="store_true", help="keep only summaries in params.json")
    common(s)
    s.set_defaults(fn=cmd_params)
    rp = sub.add_parser("report", help="rewrite results.md from the stored JSON")
    common(rp)
    rp.set_defaults(fn=cmd_report)
    add_commands(sub, common)
    sm = sub.add_parser("smoke", help="tiny end-to-end run in a scratch folder")
    sm.add_argument("--dir", type=Path, help="scratch folder (default: a temporary one)")
    sm.set_defaults(fn=cmd_smoke)
    return p


def main(argv: list[str] | None = None) -> int:
    """Parse and dispatch."""
    a = parser().parse_args(argv)
    return int(a.fn(a))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
