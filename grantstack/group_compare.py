"""`grantstack compare` for groups: a group file or group scenario file as the base, group scenarios as variants;
the report shows, for each variant, the group total, placements that moved, the district, and each entity's
changed decisions. Formats: table and JSON (versioned)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from grantstack.cli_args import bad_input, load_catalog, parse_years
from grantstack.cli_group import parse_group_options
from grantstack.models.errors import InputError
from grantstack.scenarios.group_comparison import GroupComparison, GroupDiff
from grantstack.scenarios.group_sensitivity import GroupSensitivity

__all__ = ["compare_groups_cmd", "group_comparison_document", "group_sensitivity_cmd", "render_group_comparison",
           "render_group_sensitivity"]

SCHEMA_VERSION = "1.0"


def _diff_doc(d: GroupDiff) -> dict[str, Any]:
    return {
        "total": {"before": d.total.before, "after": d.total.after, "difference": d.total.difference},
        "moves": [{"item": m.item, "before": m.before, "after": m.after} for m in d.moves],
        "district": None if d.district is None else {"before": d.district[0], "after": d.district[1]},
        "entities": {e: {"total": {"before": p.total.before, "after": p.total.after,
                                   "difference": p.total.difference},
                         "decisions": [{"kind": x.kind, "measure": x.measure, "subject": x.subject,
                                        "year_before": x.year_before, "year_after": x.year_after,
                                        "amount_before": x.amount_before, "amount_after": x.amount_after}
                                       for x in p.decisions],
                         "schedule": [{"subject": s.subject, "before": s.before, "after": s.after}
                                      for s in p.schedule]}
                     for e, p in d.entities.items() if not p.empty or p.total.difference},
    }


def group_comparison_document(c: GroupComparison) -> dict[str, Any]:
    """The comparison as a plain dict (kind grantstack.group_comparison)."""
    return {
        "schema_version": SCHEMA_VERSION, "kind": "grantstack.group_comparison", "proven": c.proven,
        "base": {**c.base.describe(), "status": str(c.base_result.status), "total_yuan": c.base_result.total_yuan},
        "variants": [{**v.describe(), "status": str(r.status), "total_yuan": r.total_yuan, "diff": _diff_doc(d)}
                     for v, r, d in zip(c.variants, c.results, c.diffs, strict=True)],
    }


def _lines(c: GroupComparison) -> list[str]:
    out = [f"Base {c.base.name}: {c.base_result.status}, group total {c.base_result.total_yuan:,} yuan "
           f"({c.base.years[0]}-{c.base.years[1]}; amounts in yuan)."]
    for v, r, d in zip(c.variants, c.results, c.diffs, strict=True):
        out += ["", f"{v.name}{' - ' + v.title if v.title else ''}: {r.status}, group total {r.total_yuan:,} "
                    f"({d.total.difference:+,})"]
        if d.empty:
            out.append("  no placement, district or decision differs")
        if d.district is not None:
            out.append(f"  new entity's district: {d.district[0]} -> {d.district[1]}")
        for m in d.moves:
            out.append(f"  {m.item}: carried by {m.before or '-'} -> {m.after or '-'}")
        for entity, p in d.entities.items():
            if p.empty and not p.total.difference:
                continue
            out.append(f"  {entity}: {p.total.before:,} -> {p.total.after:,} ({p.total.difference:+,})")
            out += [f"    {x.text()}" for x in p.decisions]
            out += [f"    schedule {s.subject}: {s.before} -> {s.after}" for s in p.schedule]
    return out


def render_group_comparison(c: GroupComparison, fmt: str) -> str:
    """The comparison as text (table) or JSON."""
    if fmt == "json":
        return json.dumps(group_comparison_document(c), indent=2, ensure_ascii=False, default=str) + "\n"
    return "\n".join(_lines(c)) + "\n"


def _emit(text: str, out: Path | None) -> None:
    """The report on standard output, or written atomically to --out."""
    from grantstack.reports.atomic import write_atomic

    if out is None:
        sys.stdout.write(text)
        return
    with bad_input():
        try:
            write_atomic(out, text)
        except OSError as exc:
            raise InputError(f"--out {out}: cannot write the report ({exc.strerror or exc}).") from None


def compare_groups_cmd(base: Path, scenarios: list[Path], years: str | None, option: list[str] | None,
                       fmt: str | None, out: Path | None, catalog: Path | None, replace_catalog: bool) -> None:
    """compare, when the base is a group file or a group scenario file (called by the compare command)."""
    from grantstack.scenarios.group_comparison import compare_groups
    from grantstack.scenarios.group_scenario import is_group_input, load_group_scenario

    with bad_input():
        form = fmt or ({".json": "json"}.get(out.suffix.lower(), "table") if out else "table")
        if form not in ("table", "json"):
            raise InputError(f"--format {form}: a comparison of groups is written as table or json.")
        options, group_options = parse_group_options(option)
        cat = load_catalog(catalog, replace_catalog)
        horizon = parse_years(years) if years else None
        for p in scenarios:
            if not is_group_input(p):
                raise InputError(f"{p}: the base is a group, so every scenario compared must be a group file or a "
                                 "group scenario file (with 'group:' and 'group_changes:').")
        base_s = load_group_scenario(base, catalogue=cat, years=horizon, options=options, group_options=group_options)
        variants = [load_group_scenario(p, catalogue=cat, years=horizon or base_s.years, options=options,
                                        group_options=group_options) for p in scenarios]
        result = compare_groups(base_s, variants)
    text = render_group_comparison(result, form)
    _emit(text, out)
    if not result.proven:
        typer.echo("grantstack: not every group plan compared is proven optimal (exit 1)", err=True)
    raise typer.Exit(0 if result.proven else 1)


def render_group_sensitivity(r: GroupSensitivity, fmt: str, top: int | None = None) -> str:
    """The group's probes, largest change first, as text (table) or JSON."""
    rows = r.results[:top] if top else r.results
    if fmt == "json":
        doc = {"schema_version": SCHEMA_VERSION, "kind": "grantstack.group_sensitivity", "proven": r.proven,
               "scenario": r.scenario.describe(), "base_status": r.base_status, "base_objective": r.base_objective,
               "seconds": round(r.seconds, 3),
               "probes": [{"kind": x.probe.kind, "target": x.probe.target, "label": x.probe.label,
                           "status": x.status, "objective": x.objective, "delta": x.delta, "per_yuan": x.per_yuan,
                           "seconds": x.seconds, "error": x.error} for x in rows]}
        return json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n"
    out = [f"Group {r.scenario.group.id}: {r.base_status}, objective {r.base_objective or 0:,.0f} yuan; "
           f"{len(r.results)} probes, each re-solved for the whole group, in {r.seconds:.1f} s."]
    for x in rows:
        delta = f"{x.delta:+,.0f}" if x.delta is not None else (x.error or "-")
        per = f" ({x.per_yuan:+.3f} per yuan)" if x.per_yuan is not None else ""
        out.append(f"  {x.probe.label}: {delta}{per} [{x.status}]")
    return "\n".join(out) + "\n"


def group_sensitivity_cmd(target: Path, years: str | None, option: list[str] | None, fmt: str | None,
                          out: Path | None, catalog: Path | None, replace_catalog: bool, top: int | None) -> None:
    """sensitivity, when given a group file or a group scenario file (called by the sensitivity command)."""
    from grantstack.scenarios.group_scenario import load_group_scenario
    from grantstack.scenarios.group_sensitivity import group_sensitivity

    with bad_input():
        form = fmt or ({".json": "json"}.get(out.suffix.lower(), "table") if out else "table")
        if form not in ("table", "json"):
            raise InputError(f"--format {form}: the sensitivity of a group is written as table or json.")
        options, group_options = parse_group_options(option)
        s = load_group_scenario(target, catalogue=load_catalog(catalog, replace_catalog),
                                years=parse_years(years) if years else None, options=options,
                                group_options=group_options)
        result = group_sensitivity(s)
    text = render_group_sensitivity(result, form, top)
    _emit(text, out)
    if not result.proven:
        typer.echo("grantstack: not every probe is proven optimal (exit 1)", err=True)
    raise typer.Exit(0 if result.proven else 1)
