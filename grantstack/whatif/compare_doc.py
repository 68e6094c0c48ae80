"""A comparison as a versioned JSON document and as flat rows (CSV, xlsx); every figure in yuan."""

from __future__ import annotations

from typing import Any

from grantstack.scenarios.comparison import Comparison, Delta, PlanDiff

__all__ = ["COMPARE_SCHEMA_VERSION", "CSV_COLUMNS", "compare_document", "compare_rows", "inputs_of"]

COMPARE_SCHEMA_VERSION = "1.0"
"""Bump the minor part when fields are added, the major part when a field changes or goes away."""

CSV_COLUMNS = ("variant", "section", "kind", "key", "subject", "year_before", "year_after", "before_yuan",
               "after_yuan", "difference_yuan")


def _delta(d: Delta) -> dict[str, Any]:
    return {"key": d.key, "before": d.before, "after": d.after, "difference": d.difference}


def _diff(d: PlanDiff) -> dict[str, Any]:
    return {
        "empty": d.empty,
        "counts": d.counts(),
        "decisions": [{"kind": x.kind, "measure": x.measure, "subject": x.subject, "year_before": x.year_before,
                       "year_after": x.year_after, "amount_before": x.amount_before, "amount_after": x.amount_after,
                       "difference": x.difference, "text": x.text()} for x in d.decisions],
        "schedule": [{"subject": s.subject, "before": s.before, "after": s.after} for s in d.schedule],
        "totals": {"total": _delta(d.total), "by_year": [_delta(x) for x in d.by_year],
                   "by_level": [_delta(x) for x in d.by_level],
                   "by_measure": [_delta(x) for x in d.by_measure]},
    }


def _run(result: Any) -> dict[str, Any]:
    return {"status": str(result.status), "proven_optimal": result.proven_optimal, "total_yuan": result.total_yuan,
            "objective_yuan": result.objective, "best_bound_yuan": result.best_bound, "gap": result.gap,
            "violations": len(result.violations)}


def inputs_of(*scenarios: Any) -> list[dict[str, str]]:
    """Every file the scenarios rest on (scenario, firm and catalogue files with SHA-256), each once."""
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for s in scenarios:
        for i in s.inputs:
            seen.setdefault((i.role, i.path), i.model_dump())
    return list(seen.values())


def compare_document(c: Comparison) -> dict[str, Any]:
    """The versioned JSON document of a comparison (kind 'grantstack.compare')."""
    return {
        "schema_version": COMPARE_SCHEMA_VERSION,
        "kind": "grantstack.compare",
        "unit": "yuan",
        "proven_optimal": c.proven,
        "inputs": inputs_of(c.base, *c.variants),
        "base": {**c.base.describe(), **_run(c.base_result)},
        "variants": [{**v.describe(), **_run(r), "difference_yuan": r.total_yuan - c.base_result.total_yuan,
                      "diff": _diff(d)} for v, r, d in zip(c.variants, c.results, c.diffs, strict=True)],
    }


def compare_rows(c: Comparison) -> list[tuple[Any, ...]]:
    """One row per decision, schedule change and total (CSV_COLUMNS), variant by variant."""
    rows: list[tuple[Any, ...]] = []
    for v, d in zip(c.variants, c.diffs, strict=True):
        for x in d.decisions:
            rows.append((v.name, "decision", x.kind, x.measure, x.subject or "", x.year_before, x.year_after,
                         x.amount_before, x.amount_after, x.difference))
        for s in d.schedule:
            rows.append((v.name, "schedule", "moved" if s.before and s.after else "added" if s.after else "removed",
                         "", s.subject, s.before, s.after, None, None, None))
        for section, deltas in (("total", (d.total,)), ("by_year", d.by_year), ("by_level", d.by_level),
                                ("by_measure", d.by_measure)):
            for t in deltas:
                rows.append((v.name, section, "", t.key, "", None, None, t.before, t.after, t.difference))
    return rows
