"""Reports of a group plan: the group total, what each placement (and the district) is worth against its best
alternative, the group readings' value at stake, then each entity's own plan report. JSON (versioned),
Markdown and the terminal."""

from __future__ import annotations

import io
import json
from typing import Any

from rich.console import Console
from rich.table import Table

from grantstack.models.catalogue import Catalogue
from grantstack.models.group import Group
from grantstack.models.provenance import inputs_of
from grantstack.optimizer.group.result import GroupPlanResult, PlacementValue
from grantstack.reports import build_report, print_plan, render, to_document
from grantstack.reports.model import fmt_yuan

__all__ = ["GROUP_SCHEMA_VERSION", "group_document", "print_group", "render_group"]

GROUP_SCHEMA_VERSION = "1.0"
"""Bump the minor part when fields are added, the major part when a field changes or goes away."""


def _inputs(group: Group | None, catalogue: Catalogue) -> list[dict[str, Any]]:
    return [f.model_dump(mode="json") for f in inputs_of(*([group] if group is not None else []), catalogue)]


def group_document(r: GroupPlanResult, catalogue: Catalogue, group: Group | None = None) -> dict[str, Any]:
    """The group report as a plain dict (docs/groups.md); `plan` is loadable by `grantstack check-group`."""
    return {
        "schema_version": GROUP_SCHEMA_VERSION,
        "kind": "grantstack.group_plan",
        "group": r.group,
        "years": list(r.years),
        "status": str(r.status),
        "proven_optimal": r.proven_optimal,
        "method": r.method,
        "total_yuan": r.total_yuan,
        "objective_yuan": r.objective,
        "best_bound_yuan": r.best_bound,
        "gap": r.gap,
        "district": r.plan.district if r.plan else None,
        "placements": [p.model_dump(mode="json") for p in r.placements],
        "readings": [g.model_dump(mode="json") for g in r.readings],
        "violations": [v.model_dump(mode="json") for v in r.violations],
        "options": r.options.model_dump(mode="json"),
        "group_options": r.group_options.model_dump(mode="json"),
        "stats": dict(r.stats),
        "notes": list(r.notes),
        "inputs": _inputs(group, catalogue),
        "plan": r.plan.model_dump(mode="json") if r.plan else None,
        "entities": [{"entity": e.entity, "district": e.district, "new": e.new, "items": list(e.items),
                      "report": to_document(build_report(e.result, catalogue))} for e in r.entities],
    }


def _chosen(p: PlacementValue) -> str:
    return p.chosen if p.kind == "unit" else f"settles in {p.chosen}"


def _value(p: PlacementValue) -> str:
    if p.status is None:
        return "no alternative" if p.kind == "unit" else "one district only"
    if p.value is None:
        return f"no legal plan without it ({p.status})"
    return fmt_yuan(p.value)


def _placement_rows(r: GroupPlanResult) -> list[list[str]]:
    rows = []
    for p in r.placements:
        what = ", ".join(p.items) if p.kind == "unit" else f"district of {p.item}"
        others = ", ".join(o for o in p.options if o != p.chosen) or "-"
        rows.append([what, _chosen(p), others, p.best_alternative or "-",
                     fmt_yuan(p.objective_without) if p.objective_without is not None else "-", _value(p)])
    return rows


PLACEMENT_HEADER = ["placed", "chosen", "other carriers", "best alternative", "group objective without the choice",
                    "value of the choice"]
READING_HEADER = ["option", "applies to", "reading", "group objective under it", "difference (value at stake)",
                  "status"]
APPLIES_TO = {"group": "the group", "interpretation": "every entity", "all_generous": "every relevant option"}
ENTITY_HEADER = ["entity", "district", "placed with it", "status", "total (yuan)"]


def _reading_rows(r: GroupPlanResult) -> list[list[str]]:
    return [[g.option, APPLIES_TO[g.kind], g.reading, fmt_yuan(g.objective) if g.objective is not None else "-",
             fmt_yuan(g.difference) if g.difference is not None else "-", str(g.status)] for g in r.readings]


def _entity_rows(r: GroupPlanResult) -> list[list[str]]:
    return [[e.entity + (" (new)" if e.new else ""), e.district, ", ".join(e.items) or "-", str(e.result.status),
             fmt_yuan(e.result.total_yuan)] for e in r.entities]


def _headline(r: GroupPlanResult) -> str:
    proven = "proven optimal" if r.proven_optimal else "not proven optimal"
    gap = f", gap {r.gap:.4%}" if r.gap else ""
    return (f"Status {r.status} ({proven}{gap}); group total {fmt_yuan(r.total_yuan)} yuan over "
            f"{r.years[0]}-{r.years[1]}; method {r.method}.")


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in rows]
    return "\n".join(out)


def _markdown(r: GroupPlanResult, catalogue: Catalogue, name: str) -> str:
    parts = [f"# Group plan: {name}", "", _headline(r), "", "Amounts in yuan (CNY). Each placement is valued by "
             "re-solving the group with the chosen carrier (or district) forbidden.", ""]
    if r.placements:
        parts += ["## Placements", "", _md_table(PLACEMENT_HEADER, _placement_rows(r)), ""]
    if r.readings:
        parts += ["## Group readings (value at stake)", "", _md_table(READING_HEADER, _reading_rows(r)), ""]
    parts += ["## Entities", "", _md_table(ENTITY_HEADER, _entity_rows(r)), ""]
    if r.violations:
        parts += ["## Violations", ""] + [f"- {v.entity or 'group'}: {v.violation.rule}: {v.violation.message}"
                                         for v in r.violations] + [""]
    parts += [f"- {n}" for n in r.notes] + ([""] if r.notes else [])
    for e in r.entities:
        text = render(build_report(e.result, catalogue), "md")
        assert isinstance(text, str)
        parts += [f"## Entity {e.entity} ({e.district})", ""]
        parts += [("#" + line) if line.startswith("#") else line for line in text.splitlines()]
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def render_group(r: GroupPlanResult, catalogue: Catalogue, fmt: str, group: Group | None = None) -> str:
    """The group report as text: json, md or table."""
    if fmt == "json":
        return json.dumps(group_document(r, catalogue, group), indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        return _markdown(r, catalogue, (group.name or group.id) if group else r.group)
    buf = io.StringIO()
    print_group(r, catalogue, Console(file=buf, width=160, color_system=None), group)
    return buf.getvalue()


def _rich(title: str, header: list[str], rows: list[list[str]]) -> Table:
    t = Table(title=title, title_justify="left")
    for h in header:
        t.add_column(h, overflow="fold")
    for row in rows:
        t.add_row(*row)
    return t


def print_group(r: GroupPlanResult, catalogue: Catalogue, console: Console, group: Group | None = None) -> None:
    """The group report on the terminal, then each entity's plan."""
    console.print(f"[bold]Group plan: {(group.name or group.id) if group else r.group}[/]")
    console.print(_headline(r) + " Amounts in yuan.")
    if r.placements:
        console.print(_rich("Placements (each valued by a re-solve that forbids the choice)", PLACEMENT_HEADER,
                            _placement_rows(r)))
    if r.readings:
        console.print(_rich("Group readings (value at stake)", READING_HEADER, _reading_rows(r)))
    console.print(_rich("Entities", ENTITY_HEADER, _entity_rows(r)))
    for v in r.violations:
        console.print(f"[red]violation[/] {v.entity or 'group'}: {v.violation.rule}: {v.violation.message}")
    for n in r.notes:
        console.print(f"note: {n}")
    for e in r.entities:
        console.rule(f"{e.entity} ({e.district})")
        print_plan(build_report(e.result, catalogue), console)
