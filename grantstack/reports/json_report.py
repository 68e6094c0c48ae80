"""The plan as JSON, with a stable, versioned schema (docs/plan-json.md)."""

from __future__ import annotations

import json
from typing import IO, Any

from grantstack.reports.model import ReportData

__all__ = ["SCHEMA_VERSION", "render_json", "to_document"]

SCHEMA_VERSION = "1.3"
"""Bump the minor part when fields are added, the major part when a field changes or goes away."""


def to_document(data: ReportData) -> dict[str, Any]:
    """The JSON document as a plain dict; `plan` is loadable by `grantstack check` as it is."""
    r = data.result
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "grantstack.plan",
        "firm": r.firm,
        "firm_name": data.firm_name,
        "made": data.made,
        "catalogue_version": data.catalogue_version,
        "inputs": data.inputs,
        "warnings": list(data.warnings),
        "years": list(r.years),
        "status": str(r.status),
        "proven_optimal": r.proven_optimal,
        "objective_yuan": r.objective,
        "best_bound_yuan": r.best_bound,
        "gap": r.gap,
        "total_yuan": data.total,
        "money_unit": r.money_unit,
        "build_seconds": r.build_seconds,
        "solve_seconds": r.solve_seconds,
        "options": r.options.model_dump(mode="json"),
        "solver_parameters": dict(r.solver_parameters),
        "model_size": dict(r.model_size),
        "totals": {
            "by_year": {str(y): data.year_total(y) for y in data.years},
            "by_level": {lvl: data.level_total(lvl) for lvl in data.levels},
            "by_issuer": data.totals_by("issuer"),
            "by_assumption": data.split,
            "by_year_level": [
                {"year": y, **{lvl: data.by_year_level[y][lvl] for lvl in data.levels}, "total": data.year_total(y)}
                for y in data.years
            ],
        },
        "measures": data.measures,
        "plan": r.plan.model_dump(mode="json") if r.plan is not None else None,
        "violations": [v.model_dump(mode="json") for v in r.violations],
        "readings": [x.model_dump(mode="json") for x in getattr(r, "readings", ())],
    }


def render_json(data: ReportData, out: IO[str]) -> None:
    """Write the document as indented UTF-8 JSON."""
    json.dump(to_document(data), out, indent=2, ensure_ascii=False)
    out.write("\n")
