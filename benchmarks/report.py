"""results.md: every target with its figure and verdict, the sections behind them, and the hand-written notes,
all from the record files of benchmarks/results/ (run, ablation, scale, shell, versus, portfolio, dask, book,
floor, tie_proof).

Figures in the notes are never typed: notes.md cites named facts as {{name}} (report_targets.facts), which the
generator fills in; a figure that is not a fact reference, or a reference to no fact, is refused."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from grantstack.benchmarks.book_report import book_targets, section_book
from grantstack.benchmarks.floor import section_floor
from grantstack.benchmarks.report_extra import (
    section_ablation,
    section_dask,
    section_portfolio,
    section_scale,
    section_shell,
    section_versus,
)
from grantstack.benchmarks.report_fmt import get, num, table
from grantstack.benchmarks.report_run import (
    section_brute,
    section_greedy,
    section_instances,
    section_large,
    section_methods,
    section_pipeline,
    section_random,
    section_speed,
    section_stages,
)
from grantstack.benchmarks.report_targets import SPEED_SUITES, facts, target_rows
from grantstack.benchmarks.tie_proof import section_tie_proof

__all__ = ["SOURCES", "NotesError", "bare_figures", "load", "render", "resolve_notes", "write_report"]

SOURCES = {"run": "run.json", "ablation": "ablation.json", "scale": "scale.json", "shell": "shell.json",
           "versus": "versus.json", "portfolio": "portfolio.json", "dask": "dask.json", "book": "book.json",
           "floor": "floor.json", "tie_proof": "tie_proof.json"}
FIGURE = re.compile(r"(?<![\w.{])\d[\d,]*(?:\.\d+)?\s*(?:ms|s|%|x|MB|GB|yuan|firms/s|h)(?!\w)")
REFERENCE = re.compile(r"\{\{([\w.]+)\}\}")


def load(results: Path, name: str) -> Any:
    """A results JSON file, or None."""
    p = results / name
    return json.loads(p.read_text()) if p.exists() else None


def bare_figures(notes: str) -> list[str]:
    """Figures with a unit typed into the notes instead of cited as {{fact}}."""
    return FIGURE.findall(REFERENCE.sub("", notes))


class NotesError(ValueError):
    """notes.md cites a fact no record gives, or types a figure instead of citing one."""


def resolve_notes(notes: str, known: dict[str, str]) -> str:
    """The notes with every {{fact}} filled in; NotesError for an unknown fact or a typed figure."""
    missing = sorted({m for m in REFERENCE.findall(notes) if m not in known})
    if missing:
        raise NotesError(f"notes.md cites facts the records do not give: {', '.join(missing)}")
    typed = bare_figures(notes)
    if typed:
        raise NotesError(f"notes.md types figures instead of citing records: {', '.join(typed[:10])}")
    return REFERENCE.sub(lambda m: known[m.group(1)], notes)


def _provenance(src: dict[str, Any]) -> str:
    rows = []
    for key, name in SOURCES.items():
        data = src.get(key)
        if data is None:
            rows.append([name, "not run", "–", "–", "–"])
            continue
        entries = data if isinstance(data, list) else data.get("parts") or [data]
        for d in entries:
            env = d.get("environment", {})
            cal = env.get("calibration") or {}
            label = f"{name} ({', '.join(d['suites'])})" if d.get("suites") else name
            rows.append([label, str(env.get("date", d.get("date", "?"))), str(env.get("code", d.get("code", "?"))),
                         str(env.get("loadavg_start", d.get("loadavg_before", env.get("loadavg", "?")))),
                         f"{num(cal.get('python_s'), 3)} / {num(cal.get('cpsat_s'), 3)}" if cal else "–"])
    return table(["record file", "date", "models+optimizer code", "load average at start",
                  "calibration s (python / CP-SAT)"], rows)


def _comparable(src: dict[str, Any]) -> str:
    code = get(src.get("run"), "environment", "code")
    other = {f"run.json part {', '.join(p.get('suites') or [])} ({p['environment']['code']})"
             for p in (src.get("run") or {}).get("parts", []) if p["environment"].get("code") != code}
    for key in ("ablation", "scale", "shell", "versus", "dask", "book", "floor", "tie_proof"):
        c = get(src.get(key), "environment", "code") or get(src.get(key), "code")
        if c and code and c != code:
            other.add(f"{SOURCES[key]} ({c})")
    for p in src.get("portfolio") or []:
        if code and p.get("code") and p["code"] != code:
            other.add(f"portfolio.json ({p['code']})")
    units = {get(src.get("run"), "options", "money_unit")} | {p.get("money_unit") for p in src.get("portfolio") or []}
    units.discard(None)
    unit = (f"money unit {units.pop()} yuan everywhere" if len(units) == 1 else
            f"MONEY UNITS DIFFER ({', '.join(str(u) for u in sorted(units))} yuan): rows are labelled with theirs")
    if not other:
        return f"All records come from one code version ({code}); {unit}."
    return (f"NOT ONE CODE VERSION: run.json is code {code}, but {', '.join(sorted(other))}; those figures are "
            "shown apart and are not compared with run.json's.")


def render(results: Path) -> str:
    """The whole results.md text (also writes the plots)."""
    src = {key: load(results, name) for key, name in SOURCES.items()}
    run = src["run"]
    parts = ["# Benchmark results", "",
             "Generated by `python -m grantstack.benchmarks report` from the record files below; every figure, "
             "including those in the analysis (notes.md, citing named facts), comes from them. Times are wall "
             "seconds on a shared 2-core machine, with the load average and a calibration figure (a fixed "
             "pure-Python workload and a fixed CP-SAT solve, timed in the same run) beside each record file.", "",
             _provenance(src), "", _comparable(src), ""]
    if run:
        o = run["options"]
        parts += [f"Options: money unit {o['money_unit']} yuan, work limit {o['work_limit']} (CP-SAT deterministic "
                  f"time per solve), wall-clock safety limit {o['time_limit']} s, {o['workers']} worker(s). CP-SAT "
                  f"parameters of every solve: {run.get('cpsat_parameters')}; configurations tried in turn: "
                  f"{run.get('cpsat_configs')}. HiGHS (the fair baseline): {run.get('highs_options')}.", ""]
    parts += ["## Targets", "", table(["target", "measured", "verdict"], target_rows(src) + book_targets(src["book"])),
              ""]
    notes_path = results / "notes.md"
    if notes_path.exists():
        parts += [resolve_notes(notes_path.read_text(), facts(src)).strip(), ""]
    if run:
        recs = run["records"]
        from grantstack.benchmarks.plots import cactus, scaling

        plotted = [r for r in recs if r["method"] != "repeat"]
        cactus(plotted, results / "cactus.png")
        scaling(plotted, results / "scaling.png")
        parts += ["## Instances", "", section_instances(recs), "",
                  "## Methods per suite", "", "CP-SAT solve time is stage 1 (maximise and prove); plan time counts "
                  "every stage of the canonical plan, the decoding and the checker. HiGHS: `Highs.run` in its worker "
                  "process. Greedy and brute force: the whole search with every checker call.", "",
                  section_methods(recs), "",
                  "## CP-SAT against the fair HiGHS baseline (same MILP, same run)", "",
                  section_speed(recs, [*SPEED_SUITES, "xxl", "tiny", "random"]), "",
                  "## The canonical plan's cost: stages 2-3 on top of stage 1", "", section_stages(recs), "",
                  "## Robustness: the random suite", "", section_random(recs), "",
                  "## xl and xxl, instance by instance", "", section_large(recs), "",
                  "## Greedy baseline: shortfall against the CP-SAT optimum", "", section_greedy(recs), "",
                  "## Brute force cross-check", "", section_brute(recs), "",
                  "## Typical firm pipeline", "", section_pipeline(recs), "",
                  "![cactus plot](cactus.png)", "", "![scaling plot](scaling.png)", ""]
    parts += ["## Leaner model: each encoding against the one it replaced", "", section_ablation(src["ablation"]), "",
              "## Model size and build time against events and projects", "", section_scale(src["scale"]), "",
              "## From the shell", "", section_shell(src["shell"]), "",
              "## Against the earlier code", "", section_versus(src["versus"]), "",
              "## Portfolio throughput", "", section_portfolio(src["portfolio"]), "",
              "## Dask and the extrapolation to 2 million firms", "", section_dask(src["dask"]), "",
              "## Batch planning: plan-many against the portfolio", "", section_book(src["book"]), "",
              "## Each solver's floor beside plan()'s stage 1", "", section_floor(src["floor"]), "",
              "## Tie-breaking stages that run out of budget, solved to the end", "",
              section_tie_proof(src["tie_proof"]), ""]
    return "\n".join(parts)


def write_report(results: Path) -> Path:
    """Write results.md (and the plots) in the results folder."""
    path = results / "results.md"
    path.write_text(render(results))
    return path
