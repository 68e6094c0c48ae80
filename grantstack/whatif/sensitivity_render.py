"""Sensitivity results as a ranked terminal table, a versioned JSON document or CSV; every figure in yuan."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from grantstack.scenarios.sensitivity_analysis import ProbeResult, Sensitivity
from grantstack.whatif.compare_doc import inputs_of

__all__ = ["SENSITIVITY_SCHEMA_VERSION", "print_sensitivity", "render_sensitivity", "sensitivity_document"]

SENSITIVITY_SCHEMA_VERSION = "1.0"
CSV_COLUMNS = ("rank", "kind", "target", "probe", "status", "total_yuan", "delta_yuan", "step_yuan", "per_yuan",
               "how", "build_seconds", "solve_seconds", "error")


def _row(rank: int, r: ProbeResult) -> tuple[Any, ...]:
    return (rank, r.probe.kind, r.probe.target, r.probe.label, r.status, r.total, r.delta, r.probe.step,
            None if r.per_yuan is None else round(r.per_yuan, 4), r.how, round(r.build_seconds, 4),
            round(r.solve_seconds, 4), r.error)


def _timing(s: Sensitivity) -> dict[str, Any]:
    work = s.build_seconds + s.solve_seconds
    return {"probes": len(s.results), "seconds": round(s.seconds, 4),
            "probes_per_second": round(s.probes_per_second, 2),
            "build_seconds": round(s.build_seconds, 4), "solve_seconds": round(s.solve_seconds, 4),
            "build_share": round(s.build_seconds / work, 3) if work else None,
            "solve_share": round(s.solve_seconds / work, 3) if work else None, "processes": s.processes,
            "reuse": {"edit_base_model": s.reuse.edit_base_model, "skip_unchanged": s.reuse.skip_unchanged,
                      "hints": s.reuse.hints}}


def sensitivity_document(s: Sensitivity, top: int | None = None) -> dict[str, Any]:
    """The versioned JSON document (kind 'grantstack.sensitivity'), probes ranked by the size of the change."""
    results = s.results[:top] if top else s.results
    return {
        "schema_version": SENSITIVITY_SCHEMA_VERSION, "kind": "grantstack.sensitivity", "unit": "yuan",
        "scenario": s.scenario.describe(), "inputs": inputs_of(s.scenario), "proven_optimal": s.proven,
        "base": {"status": s.base_status, "objective_yuan": s.base_objective, "total_yuan": s.base_total},
        "timing": _timing(s),
        "probes": [dict(zip(CSV_COLUMNS, _row(i, r), strict=True)) for i, r in enumerate(results, 1)],
    }


def _money(v: int | None) -> str:
    return "" if v is None else f"{v:+,}" if v else "0"


def print_sensitivity(s: Sensitivity, console: Console, top: int | None = None) -> None:
    """The ranked table, then the timing line."""
    t = Table(title=f"Sensitivity of {s.scenario.name}: base {s.base_total or 0:,} yuan ({s.base_status}), "
                    f"{s.scenario.years[0]}-{s.scenario.years[1]}", title_justify="left")
    for col in ("#", "probe", "status", "value change", "per yuan"):
        t.add_column(col, justify="right" if col in ("#", "value change", "per yuan") else "left", overflow="fold")
    for i, r in enumerate(s.results[:top] if top else s.results, 1):
        per = "" if r.per_yuan is None else f"{r.per_yuan:.3f}"
        t.add_row(str(i), r.probe.label, r.status if not r.error else f"{r.status}: {r.error[:60]}", _money(r.delta),
                  per)
    console.print(t)
    m = _timing(s)
    console.print(f"{m['probes']} probes in {m['seconds']:.2f} s ({m['probes_per_second']:.1f} a second, "
                  f"{s.processes} process(es)); build {m['build_share'] or 0:.0%}, solve {m['solve_share'] or 0:.0%} "
                  "of the probes' time. 'per yuan': support per yuan of cost added, or a cap's shadow value.")


def render_sensitivity(s: Sensitivity, fmt: str, out: IO[str], top: int | None = None) -> None:
    """Write the results as json, csv or a table."""
    if fmt == "json":
        json.dump(sensitivity_document(s, top), out, indent=2, ensure_ascii=False, default=str)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        results = s.results[:top] if top else s.results
        writer.writerows(["" if v is None else v for v in _row(i, r)] for i, r in enumerate(results, 1))
    else:
        print_sensitivity(s, Console(file=out, width=160, force_terminal=False), top)
