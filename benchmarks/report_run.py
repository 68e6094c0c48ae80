"""Sections of results.md from run.json: instances, methods, CP-SAT vs HiGHS, canonical stages, robustness."""

from __future__ import annotations

from typing import Any

from grantstack.benchmarks.report_fmt import gap_text, max_gap, ms, num, pct, table, trio
from grantstack.benchmarks.stats import by, quantile, share
from grantstack.optimizer.stage1_bound import MAX_VARS

__all__ = ["alone_text", "pairs", "section_brute", "section_greedy", "section_instances", "section_large",
           "section_methods", "section_pipeline", "section_random", "section_speed", "section_stages", "speed",
           "stage_ratio"]

EXACT = ("cpsat", "highs")


def pairs(records: list[dict[str, Any]], a: str, b: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(record of method a, record of method b) on the same instance."""
    idx = {(r["instance"], r["method"]): r for r in records}
    return [(r, idx[(r["instance"], b)]) for r in records if r["method"] == a and (r["instance"], b) in idx]


def section_instances(records: list[dict[str, Any]]) -> str:
    """Instance and model sizes per suite (from the CP-SAT records)."""
    rows = []
    for suite, rs in by([r for r in records if r["method"] == "cpsat"], lambda r: r["suite"]).items():
        def mm(key: str, rs: list[dict[str, Any]] = rs) -> str:
            return f"{num(quantile([r[key] for r in rs], 0.5), 0)} / {max(r[key] for r in rs):,}"

        rows.append([suite, rs[0]["size"], str(len(rs)), num(quantile([r["measures"] for r in rs], 0.5), 0),
                     mm("projects"), mm("events"), mm("candidates"), mm("variables"), mm("constraints"),
                     mm("nonzeros")])
    return table(["suite", "size", "n", "monetary measures", "projects p50 / max", "events p50 / max",
                  "candidates p50 / max", "variables p50 / max", "rows p50 / max", "nonzeros p50 / max"], rows)


def section_methods(records: list[dict[str, Any]]) -> str:
    """Per suite and method: proved share, build, stage-1 solve and whole-plan times, gap, violations."""
    rows = []
    for (suite, method), rs in by([r for r in records if r["method"] != "repeat"],
                                  lambda r: (r["suite"], r["method"])).items():
        rows.append([suite, method, str(len(rs)), pct(share(r["optimal"] for r in rs)) if method in EXACT else "n/a",
                     trio([r["build_s"] for r in rs]) if "build_s" in rs[0] else "–",
                     trio([r["solve_s"] for r in rs]),
                     trio([r["plan_s"] for r in rs]) if method == "cpsat" else "–",
                     max_gap(rs) if method in EXACT else "–",
                     str(sum(r["violations"] for r in rs))])
    return table(["suite", "method", "n", "proved optimal", "build ms p50/p95/max",
                  "solve ms p50/p95/max (CP-SAT: stage 1)", "plan ms p50/p95/max (all stages, check)", "max gap",
                  "checker violations"], rows)


def clocks(ps: list[tuple[dict[str, Any], dict[str, Any]]]) -> tuple[str, str, str]:
    """(CP-SAT key, HiGHS key, name): CPU seconds where every pair has them (robust to other processes' load),
    else wall seconds."""
    if ps and all("stage1_cpu_s" in a and "solve_cpu_s" in b for a, b in ps):
        return "stage1_cpu_s", "solve_cpu_s", "CPU"
    return "solve_s", "solve_s", "wall"


def speed(rs: list[dict[str, Any]]) -> dict[str, Any]:
    """CP-SAT stage 1 against HiGHS on the same instances: quantiles and the per-instance ratio HiGHS/CP-SAT
    (CPU time where recorded, else wall time)."""
    ps = pairs(rs, "cpsat", "highs")
    ka, kb, clock = clocks(ps)
    cp, hi = [a[ka] for a, _ in ps], [b[kb] for _, b in ps]
    ratio = [b[kb] / max(a[ka], 1e-6) for a, b in ps]
    both = [(a, b) for a, b in ps if a["optimal"] and b["optimal"]]
    agree = sum(1 for a, b in both if abs((a["objective"] or 0) - (b["objective"] or 0)) < 0.5)
    s = {"n": len(ps), "cp50": quantile(cp, 0.5), "cp95": quantile(cp, 0.95), "hi50": quantile(hi, 0.5),
         "hi95": quantile(hi, 0.95), "r50": quantile(ratio, 0.5), "r05": quantile(ratio, 0.05), "both": len(both),
         "agree": agree, "highs_faster": [(a["instance"], b[kb] / max(a[ka], 1e-6)) for a, b in ps
                                          if b["optimal"] and b[kb] < a[ka]], "clock": clock,
         "wall_p50x": (quantile([b["solve_s"] for _, b in ps], 0.5) or 0) /
         max(quantile([a["solve_s"] for a, _ in ps], 0.5) or 1e-9, 1e-9) if ps else None,
         "wall_p95x": (quantile([b["solve_s"] for _, b in ps], 0.95) or 0) /
         max(quantile([a["solve_s"] for a, _ in ps], 0.95) or 1e-9, 1e-9) if ps else None,
         "highs_unproved": sum(1 for _, b in ps if not b["optimal"]),
         "highs_proved": sum(1 for _, b in ps if b["optimal"]), "cpsat_proved": sum(1 for a, _ in ps if a["optimal"])}
    s["p50x"] = (s["hi50"] or 0) / max(s["cp50"] or 1e-9, 1e-9) if ps else None
    s["p95x"] = (s["hi95"] or 0) / max(s["cp95"] or 1e-9, 1e-9) if ps else None
    alone = [(a["stage1_alone_cpu_s"], b["solve_cpu_s"]) for a, b in ps
             if "stage1_alone_cpu_s" in a and "solve_cpu_s" in b]
    if ps and len(alone) == len(ps):  # like for like: each solver in a worker process of its own
        s["alone50"], s["alone95"] = quantile([a for a, _ in alone], 0.5), quantile([a for a, _ in alone], 0.95)
        s["alone_p50x"] = (s["hi50"] or 0) / max(s["alone50"] or 1e-9, 1e-9)
        s["alone_p95x"] = (s["hi95"] or 0) / max(s["alone95"] or 1e-9, 1e-9)
    return s


def alone_text(s: dict[str, Any]) -> str:
    """CP-SAT's stage 1 in a worker process of its own against HiGHS in its own (empty if not recorded)."""
    if "alone50" not in s:
        return ""
    return (f"; like for like (stage 1 in a worker process of its own, as HiGHS): p50 {ms(s['alone50'])} vs "
            f"{ms(s['hi50'])} ms ({num(s['alone_p50x'])}x), p95 {ms(s['alone95'])} vs {ms(s['hi95'])} ms "
            f"({num(s['alone_p95x'])}x)")


def section_speed(records: list[dict[str, Any]], suites: list[str]) -> str:
    """Per suite: CP-SAT (stage 1, the proof) against HiGHS (the fair baseline) on the same MILP."""
    rows = []
    wins = []
    for suite in suites:
        s = speed([r for r in records if r["suite"] == suite])
        if not s["n"]:
            continue
        rows.append([suite, str(s["n"]), s["clock"], f"{ms(s['cp50'])} / {ms(s['cp95'])}",
                     f"{ms(s['hi50'])} / {ms(s['hi95'])}", num(s["p50x"]), num(s["p95x"]),
                     f"{num(s['wall_p50x'])} / {num(s['wall_p95x'])}", f"{num(s['r50'])} / {num(s['r05'])}",
                     f"{s['cpsat_proved']} / {s['highs_proved']}", f"{s['agree']} / {s['both']}",
                     str(len(s["highs_faster"])),
                     f"{ms(s['alone50'])} / {ms(s['alone95'])} ({num(s['alone_p50x'])} / {num(s['alone_p95x'])})"
                     if "alone50" in s else "–"])
        wins += [f"{name} ({r:.2f})" for name, r in sorted(s["highs_faster"], key=lambda x: x[1])]
    head = ["suite", "n", "clock", "CP-SAT ms p50 / p95", "HiGHS ms p50 / p95", "p50 ratio", "p95 ratio",
            "wall-time ratio p50 / p95",
            "per-instance HiGHS/CP-SAT p50 / p5", "proved CP-SAT / HiGHS", "equal objective (both proved)",
            "HiGHS faster (instances)", "CP-SAT alone ms p50 / p95 (ratios)"]
    text = ("CP-SAT: stage 1 (maximise and prove) of plan(), run again for its CPU time; on a part of at most "
            f"{MAX_VARS} variables plan() first tries an exact LP certificate (optimizer/stage1_bound.py), and a "
            "part it proves makes no CP-SAT call (most typical parts): the figure is plan()'s stage 1 either way. "
            "HiGHS: `Highs.run` in its worker process. Ratios are HiGHS / CP-SAT (above 1: CP-SAT faster), on CPU "
            "time where both were recorded (a solve is single-threaded, so on a quiet machine CPU time is its "
            "wall time; on a loaded one wall time also counts waiting for a core); the wall-time ratios are shown "
            "beside them. An instance HiGHS does not prove counts at its time limit, so its ratio is a lower "
            "bound. \"CP-SAT alone\": the same stage 1 run again in a worker process that does nothing else, as "
            "HiGHS is (benchmarks/solver_alone.py), with the HiGHS/CP-SAT ratios at p50 / p95; the in-plan figure "
            "is the one the targets are judged on.\n\n"
            + table(head, rows))
    if wins:
        shown = ", ".join(wins[:40]) + (f", ... ({len(wins)} in all)" if len(wins) > 40 else "")
        text += f"\n\nWhere HiGHS wins (proved optimal faster than CP-SAT's stage 1; ratio HiGHS/CP-SAT): {shown}."
    else:
        text += "\n\nHiGHS proved no instance faster than CP-SAT's stage 1 in this run."
    return text


def stage_ratio(rs: list[dict[str, Any]]) -> dict[str, Any]:
    """Stages 2-3 against stage 1 over CP-SAT records: medians, their ratio, the median per-instance ratio."""
    cpu = all("stages23_cpu_s" in r for r in rs)
    s1 = [r["stage1_cpu_s" if cpu else "stage1_s"] for r in rs]
    s23 = [r["stages23_cpu_s" if cpu else "stages23_s"] for r in rs]
    m1, m23 = quantile(s1, 0.5), quantile(s23, 0.5)
    per = [b / a for a, b in zip(s1, s23, strict=True) if a > 0]
    unfinished = sum(1 for r in rs if any("did not finish" in n for n in r.get("notes", [])))
    return {"n": len(rs), "stage1_p50": m1, "stages23_p50": m23, "ratio_of_medians": (m23 or 0) / (m1 or 1e-12),
            "median_ratio": quantile(per, 0.5), "plan_p50": quantile([r["plan_s"] for r in rs], 0.5),
            "unfinished": unfinished, "clock": "CPU" if cpu else "wall"}


def section_stages(records: list[dict[str, Any]]) -> str:
    """The canonical plan's cost per suite: stages 2-3 on top of stage 1."""
    rows = []
    for suite, rs in by([r for r in records if r["method"] == "cpsat"], lambda r: r["suite"]).items():
        s = stage_ratio(rs)
        rows.append([suite, str(s["n"]), s["clock"], ms(s["stage1_p50"]), ms(s["stages23_p50"]),
                     pct(s["ratio_of_medians"], 0),
                     pct(s["median_ratio"], 0), ms(s["plan_p50"]), str(s["unfinished"])])
    return table(["suite", "n", "clock", "stage 1 ms p50", "stages 2-3 ms p50", "stages 2-3 / stage 1 (medians)",
                  "median per-instance ratio", "plan ms p50 (all stages, check)",
                  "tie-breaking stage did not finish (plan: the best it found, else the previous stage's)"], rows)


def section_random(records: list[dict[str, Any]]) -> str:
    """The robustness suite: proved share, p99 times, and the same plan again and with two workers."""
    rs = [r for r in records if r["method"] == "cpsat" and r["suite"] == "random"]
    rep = [r for r in records if r["method"] == "repeat" and r["suite"] == "random"]
    if not rs:
        return "_no random-suite records_"
    rows = []
    for shape, group in [("all", rs), *by(rs, lambda r: r["firm_shape"]).items()]:
        rows.append([shape, str(len(group)), pct(share(r["optimal"] for r in group)),
                     f"{ms(quantile([r['solve_s'] for r in group], 0.5))} / "
                     f"{ms(quantile([r['solve_s'] for r in group], 0.99))} / {ms(max(r['solve_s'] for r in group))}",
                     f"{ms(quantile([r['plan_s'] for r in group], 0.5))} / "
                     f"{ms(quantile([r['plan_s'] for r in group], 0.99))} / {ms(max(r['plan_s'] for r in group))}",
                     num(quantile([r["projects"] for r in group], 0.5), 0), num(quantile([r["events"] for r in group],
                                                                                          0.5), 0)])
    text = table(["shape", "n", "proved optimal", "stage 1 ms p50 / p99 / max", "plan ms p50 / p99 / max",
                  "projects p50", "events p50"], rows)
    if rep:
        text += (f"\n\nDeterminism: planned again with 1 worker, the same plan for {sum(r['same_repeat'] for r in rep)}"
                 f" / {len(rep)} firms; with 2 workers, the same plan for {sum(r['same_workers'] for r in rep)} / "
                 f"{len(rep)} (plan JSON compared line by line through its SHA-256).")
    return text


def section_large(records: list[dict[str, Any]], suites: tuple[str, ...] = ("xl", "xxl")) -> str:
    """Each xl and xxl instance: status, gap, stage 1 and whole-plan time, and what the stages noted."""
    rows = []
    for r in [r for r in records if r["method"] in ("cpsat", "budget") and r["suite"] in suites]:
        limit = f"{r['work_limit']:g} (budget)" if r["method"] == "budget" else "default"
        rows.append([r["instance"], limit, r["status"], gap_text(r), ms(r["stage1_s"]), ms(r["stages23_s"]),
                     ms(r["plan_s"]), num(r.get("work"), 3), "; ".join(r.get("notes", [])) or "–"])
    return table(["instance", "work limit", "status", "gap", "stage 1 ms", "stages 2-3 ms",
                  "plan ms (all stages, check)", "deterministic work", "notes"], rows)


def shortfalls(records: list[dict[str, Any]], method: str) -> list[tuple[dict[str, Any], float]]:
    """(record, shortfall in percent of the CP-SAT objective) for a baseline method."""
    out = []
    for base, cp in pairs(records, method, "cpsat"):
        best = cp["objective"] or 0.0
        out.append((base, 100.0 * (best - base["objective"]) / best if best > 0 else 0.0))
    return out


def section_greedy(records: list[dict[str, Any]]) -> str:
    """Greedy's shortfall against CP-SAT per suite."""
    rows = []
    for suite, rs in by(shortfalls(records, "greedy"), lambda p: p[0]["suite"]).items():
        xs = [s for _, s in rs]
        rows.append([suite, str(len(xs)), pct(share(abs(s) < 1e-9 for s in xs)), num(sum(xs) / len(xs)),
                     num(quantile(xs, 0.5)), num(quantile(xs, 0.95)), num(max(xs)), str(sum(r["violations"]
                                                                                             for r, _ in rs))])
    return table(["suite", "n", "greedy = optimum", "shortfall % mean", "p50", "p95", "max", "checker violations"],
                 rows)


def section_brute(records: list[dict[str, Any]]) -> str:
    """Brute force against CP-SAT: it may never beat a proved optimum."""
    rows = []
    for suite, rs in by(pairs(records, "brute", "cpsat"), lambda p: p[0]["suite"]).items():
        complete = [(b, c) for b, c in rs if b["complete"]]
        equal = sum(1 for b, c in complete if abs(b["objective"] - (c["objective"] or 0)) < 0.5)
        above = sum(1 for b, c in rs if c["optimal"] and b["objective"] > (c["objective"] or 0) + 0.5)
        rows.append([suite, str(len(rs)), str(len(complete)), f"{equal} / {len(complete)}", str(above),
                     trio([b["solve_s"] for b, _ in rs])])
    return table(["suite", "n", "search complete", "brute = CP-SAT (complete)", "brute > CP-SAT optimum (must be 0)",
                  "brute ms p50/p95/max"], rows)


def section_pipeline(records: list[dict[str, Any]]) -> str:
    """Typical firm: load, build, stage 1, stages 2-3, decode+check, the whole plan and the pipeline."""
    rs = [r for r in records if r["method"] == "cpsat" and r["suite"] == "typical"]
    if not rs:
        return "_no typical-firm records_"
    keys = ("load_s", "build_s", "stage1_s", "stages23_s", "check_s", "plan_s", "pipeline_s")
    return table(["step (typical firms)", "ms p50 / p95 / max"], [[k, trio([r[k] for r in rs])] for k in keys])
