"""Sections of results.md from the other records: encoding ablation, scaling, the shell, the earlier code,
the portfolio and Dask."""

from __future__ import annotations

from typing import Any

from grantstack.benchmarks.report_fmt import ms, num, pct, table
from grantstack.benchmarks.stats import by, quantile, share

__all__ = ["ablation_summary", "linearity", "section_ablation", "section_dask", "section_portfolio", "section_scale",
           "section_shell", "section_versus"]


def ablation_summary(records: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (suite, variant): sizes summed, build and solve quantiles, proved share."""
    out = {}
    for (suite, variant), rs in by(records, lambda r: (r["suite"], r["variant"])).items():
        out[(suite, variant)] = {
            "n": len(rs), "variables": sum(r["variables"] for r in rs),
            "constraints": sum(r["constraints"] for r in rs), "nonzeros": sum(r["nonzeros"] for r in rs),
            "enforced": sum(r["enforced"] for r in rs), "build_p50": quantile([r["build_s"] for r in rs], 0.5),
            "solve_p50": quantile([r["solve_s"] for r in rs], 0.5),
            "solve_p95": quantile([r["solve_s"] for r in rs], 0.95), "solve_sum": sum(r["solve_s"] for r in rs),
            "cpu1_p50": quantile([r.get("stage1_cpu_s", 0.0) for r in rs], 0.5),
            "cpu1_p95": quantile([r.get("stage1_cpu_s", 0.0) for r in rs], 0.95),
            "cpu_canonical_p50": quantile([r.get("canonical_cpu_s", 0.0) for r in rs], 0.5),
            "canonical_p50": quantile([r["canonical_s"] for r in rs], 0.5),
            "canonical_p95": quantile([r["canonical_s"] for r in rs], 0.95),
            "work_sum": sum(r["work"] for r in rs), "proved": share(r["optimal"] for r in rs)}
    return out


def section_ablation(record: dict[str, Any] | None) -> str:
    """Each lean encoding against the plain one it replaced, per suite."""
    if not record:
        return "_not run yet: `python -m grantstack.benchmarks ablation`_"
    summ = ablation_summary(record["records"])
    rows = []
    for (suite, variant), s in summ.items():
        rows.append([suite, variant, str(s["n"]), f"{s['variables']:,}", f"{s['constraints']:,}", f"{s['nonzeros']:,}",
                     f"{s['enforced']:,}", ms(s["build_p50"]), f"{ms(s['cpu1_p50'])} / {ms(s['cpu1_p95'])}",
                     ms(s["cpu_canonical_p50"]), f"{ms(s['solve_p50'])} / {ms(s['solve_p95'])}",
                     f"{ms(s['canonical_p50'])} / {ms(s['canonical_p95'])}", num(s["solve_sum"], 2),
                     num(s["work_sum"], 3), pct(s["proved"])])
    objs: dict[str, set[int]] = {}
    for r in record["records"]:
        if r["optimal"]:
            objs.setdefault(r["instance"], set()).add(round(r["objective"]))
    differ = sorted(k for k, v in objs.items() if len(v) > 1)
    note = ("Every variant proved the same optimum on every instance it proved." if not differ else
            f"VARIANTS DISAGREE on {', '.join(differ)}: an encoding changes the optimum (a bug).")
    return table(["suite", "variant", "n", "variables", "rows", "nonzeros", "enforced rows", "build ms p50",
                  "stage 1 CPU ms p50 / p95", "canonical plan CPU ms p50", "stage 1 ms p50 / p95",
                  "canonical plan (all stages) ms p50 / p95", "stage 1 s summed",
                  "deterministic work summed", "proved"], rows) + \
        "\n\n" + note


def linearity(rows: list[dict[str, Any]], axis: str) -> dict[str, Any]:
    """Nonzeros and build seconds per item at each size: a linear builder keeps both nearly constant."""
    rs = [r for r in rows if r["axis"] == axis]
    nz = [r["nonzeros"] / r["n"] for r in rs]
    bs = [r["build_cpu_s"] / r["n"] for r in rs]
    return {"nonzeros_per_item_spread": max(nz) / min(nz) if nz else None,
            "build_per_item_spread": max(bs) / min(bs) if bs else None, "largest": rs[-1] if rs else None}


def section_scale(record: dict[str, Any] | None) -> str:
    """Model size and build time against the number of events and projects."""
    if not record:
        return "_not run yet: `python -m grantstack.benchmarks scale`_"
    rows = [[r["axis"], f"{r['n']:,}", f"{r['candidates']:,}", f"{r['variables']:,}", f"{r['constraints']:,}",
             f"{r['nonzeros']:,}", num(r["nonzeros"] / r["n"], 1), num(r["build_s"], 2), num(r["build_cpu_s"], 2),
             num(1e6 * r["build_cpu_s"] / r["n"], 0), str(r["loadavg"])] for r in record["rows"]]
    return table(["copies of", "n", "candidates", "variables", "rows", "nonzeros", "nonzeros per item", "build s",
                  "build CPU s", "build CPU us per item", "load avg"], rows)


def section_shell(record: dict[str, Any] | None) -> str:
    """Whole-process timings of the command line."""
    if not record:
        return "_not run yet: `python -m grantstack.benchmarks shell`_"
    med = record["median_s"]
    rows = [[name, ms(s)] for name, s in med.items()]
    return (f"Medians of {record['rounds']} interleaved rounds (after one warm-up round), launch to exit; load "
            f"average {record['loadavg_before']} before, {record['loadavg_after']} after.\n\n" +
            table(["command", "ms median"], rows) +
            f"\n\n`grantstack --help` takes {ms(record['help_over_pass_s'])} ms more than `python -c pass`; "
            f"`grantstack plan ... --format json` {ms(record['plan_over_cp_model_s'])} ms more than "
            "`python -c \"import ortools.sat.python.cp_model\"`.")


def section_versus(record: dict[str, Any] | None) -> str:
    """This code against the earlier checkout, typical firm in-process, side by side."""
    if not record:
        return "_not run yet: `python -m grantstack.benchmarks versus --baseline DIR`_"
    pairs = record.get("pair_ratios") or []
    return (f"{record['firms']} typical firms, {record['rounds']} interleaved rounds (firm by firm, alternating "
            f"which code goes first), each in its own long-lived process with its own environment"
            + (f", in {len(pairs)} successive pairs of fresh processes (each pair's median per-firm ratio: "
               f"{', '.join(num(r) for r in pairs)}; the ratio below is their median, the times are pooled)"
               if len(pairs) > 1 else "") + "; earlier code "
            f"`{record['baseline']}` (commit {record.get('baseline_commit', '?')}). Load average "
            f"{record['loadavg_before']} before, {record['loadavg_after']} after.\n\n" +
            table(["code", "median ms per firm (load + plan: build, solve, check)", "proved optimal"],
                  [["this code (the canonical plan: every stage)", ms(record["median_new_s"]),
                    f"{record['optimal_new']} / {record['firms']}"],
                   ["this code, stage 1 alone", ms(record.get("median_new_stage1_s")), "–"],
                   ["earlier code", ms(record["median_old_s"]), f"{record['optimal_old']} / {record['firms']}"]]) +
            f"\n\nMedian per-firm ratio this/earlier: {num(record['median_ratio_new_over_old'])} "
            f"({pct(1 - record['median_ratio_new_over_old'], 0)} less time); stage 1 alone/earlier: "
            f"{num(record.get('median_ratio_stage1_over_old'))}.")


def section_portfolio(portfolio: list[dict[str, Any]] | None) -> str:
    """Throughput runs, with the per-firm CPU floor measured in the same run."""
    if not portfolio:
        return "_not run yet: `python -m grantstack.benchmarks portfolio --firms 10000`_"
    rows = []
    for p in sorted(portfolio, key=lambda p: (p["firms"], p["executor"], p["workers"])):
        rows.append([f"{p['firms']:,}", p["executor"], str(p["workers"]), str(p["money_unit"]), num(p["wall_s"], 1),
                     num(p.get("startup_s"), 1), num(p.get("cpu_floor_s"), 1), num(p.get("plan_over_floor"), 2),
                     num(p["firms"] / p["wall_s"], 0), pct(p["optimal_share"], 2), str(p["violations"]),
                     f"{ms(p['firm_p50_s'])} / {ms(p['firm_p95_s'])}",
                     f"{p['peak_rss_parent_mb']:.0f} / {p['peak_rss_worker_mb']:.0f}",
                     str(p.get("loadavg_before", "")), p.get("code", "")])
    head = ["firms", "executor", "processes", "money unit", "wall s", "start-up s", "CPU floor s", "planning / floor",
            "firms/s", "proved optimal", "violations", "per firm ms p50 / p95", "peak RSS MB parent / worker",
            "load avg before", "code"]
    return ("CPU floor: each firm's build + solve + check CPU time (measured in the worker), summed, divided by the "
            "processes; 'planning / floor' is the planning wall time (workers already started) over it.\n\n" +
            table(head, rows))


def section_dask(record: dict[str, Any] | None) -> str:
    """Dask LocalCluster and local processes, 1 and 2 workers; per-task overhead; the extrapolation."""
    if not record:
        return "_not run yet: `python -m grantstack.benchmarks dask`_"
    rows = [[r["scheduler"], str(r["workers"]), num(r["plan_s"], 2), num(r.get("startup_s"), 2),
             num(r["firms"] / r["plan_s"], 0), pct(r["optimal_share"], 2), str(r["loadavg"])] for r in record["rows"]]
    text = (f"{record['firms']:,} typical firms, {record['chunk']} firms per task.\n\n" +
            table(["executor", "workers", "planning wall s", "start-up s", "firms/s", "proved", "load avg"], rows) +
            f"\n\nSpeed-up from 1 to 2 workers: Dask {num(record['speedup_dask'])}x, local processes "
            f"{num(record['speedup_local'])}x. Per-task overhead ({record['overhead_tasks']} tasks that do nothing, "
            f"one worker): Dask {ms(record['task_overhead_dask_s'])} ms, local processes "
            f"{ms(record['task_overhead_local_s'])} ms.")
    ext = record.get("extrapolation")
    if ext:
        text += "\n\n" + table(["workers", "firms", "compute h", "scheduling h", "total h"],
                               [[str(e["workers"]), f"{e['firms']:,}", num(e["compute_h"], 2),
                                 num(e["scheduling_h"], 3), num(e["total_h"], 2)] for e in ext["rows"]])
        text += "\n\nAssumptions: " + ext["assumptions"]
    return text
