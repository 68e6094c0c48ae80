"""grantstack plan-group and check-group: plan a corporate group's entities together, or check a group plan.

Exit codes as for plan and check: 0 proven optimal (no violations), 1 not proven or violations, 2 bad input.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from grantstack.cli_args import DEFAULT_YEARS, bad_input, load_catalog, parse_options, parse_years
from grantstack.models.errors import InputError

if TYPE_CHECKING:
    from grantstack.models.group_options import GroupOptions
    from grantstack.models.options import PlanOptions

__all__ = ["check_group_cmd", "parse_group_options", "plan_group_cmd"]


class GroupFormat(str, Enum):
    """Group report formats."""

    table = "table"
    json = "json"
    md = "md"


class GroupMethod(str, Enum):
    """How the placements are searched."""

    auto = "auto"
    decompose = "decompose"
    merged = "merged"


_SUFFIX = {".json": "json", ".md": "md", ".txt": "table"}
GroupArg = Annotated[Path, typer.Argument(metavar="GROUP.yaml", help="Group file (YAML or JSON).")]
OptionOpt = Annotated[list[str] | None, typer.Option(
    "--option", "-o", metavar="NAME=VALUE",
    help="Planning, interpretation or group option (repeatable), e.g. move_started_projects=true.")]
CatalogOpt = Annotated[Path | None, typer.Option("--catalog", help="Catalogue overlay file or folder.")]
ReplaceOpt = Annotated[bool, typer.Option("--replace-catalog", help="Use --catalog's packages instead.")]


def parse_group_options(pairs: list[str] | None) -> tuple[PlanOptions, GroupOptions]:
    """NAME=VALUE pairs split into the group's own options and every entity's plan options."""
    from grantstack.models.group_options import GroupOptions

    group: dict[str, Any] = {}
    rest = []
    for pair in pairs or []:
        name, _, raw = pair.partition("=")
        key = name.strip().replace("-", "_")
        if key in GroupOptions.model_fields:
            if raw.strip().lower() not in ("true", "false"):
                raise InputError(f"--option '{pair}': {key} is true or false.")
            group[key] = raw.strip().lower() == "true"
        else:
            rest.append(pair)
    return parse_options(rest), GroupOptions(**group)


def _format(fmt: GroupFormat | None, out: Path | None) -> str:
    if fmt is not None:
        return fmt.value
    if out is None:
        return "table"
    if out.suffix.lower() not in _SUFFIX:
        raise InputError(f"--out {out}: give a .json, .md or .txt file, or --format json|md|table.")
    return _SUFFIX[out.suffix.lower()]


def plan_group_cmd(
    group_file: GroupArg,
    years: Annotated[str, typer.Option("--years", help="Planning horizon FIRST-LAST.")] = DEFAULT_YEARS,
    option: OptionOpt = None,
    method: Annotated[GroupMethod, typer.Option("--method", help="auto (merged only with group limits), "
                                                "decompose (exact, entity by entity) or merged (one model).")]
    = GroupMethod.auto,
    no_alternatives: Annotated[bool, typer.Option(
        "--no-alternatives", help="Skip the re-solves that value each placement against its best alternative.")]
    = False,
    no_readings: Annotated[bool, typer.Option(
        "--no-readings", help="Skip the re-solves under each relevant group option (value at stake).")] = False,
    fmt: Annotated[GroupFormat | None, typer.Option("--format", "-f", help="table, json or md.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the report to this file (atomically).")] = None,
    catalog: CatalogOpt = None,
    replace_catalog: ReplaceOpt = False,
) -> None:
    """Plan a corporate group: where each placeable project or event goes, the new entity's district, and every
    entity's plan, together; proven optimal, each entity's plan and the placements checked."""
    from grantstack.group_report import render_group
    from grantstack.models.group_loading import load_group
    from grantstack.optimizer.group import plan_group
    from grantstack.optimizer.result import SolveStatus, WallClockExceeded
    from grantstack.reports.atomic import write_atomic

    with bad_input():
        form = _format(fmt, out)
        options, group_options = parse_group_options(option)
        horizon = parse_years(years)
        cat = load_catalog(catalog, replace_catalog)
        group = load_group(group_file, cat)
        try:
            result = plan_group(cat, group, horizon, options, group_options, method=method.value,
                                alternatives=not no_alternatives, readings=not no_readings)
        except WallClockExceeded as exc:  # as `plan`: no report from a run cut short by the clock
            typer.echo(f"grantstack: group not planned: {exc} (exit 1)", err=True)
            raise typer.Exit(1) from None
    text = render_group(result, cat, form, group)
    if out is not None:
        with bad_input():
            try:
                write_atomic(out, text)
            except OSError as exc:
                raise InputError(f"--out {out}: cannot write the report ({exc.strerror or exc}).") from None
        typer.echo(f"{result.status}: group total {result.total_yuan:,} yuan; report written to {out}", err=True)
    else:
        sys.stdout.write(text)
    ok = result.status == SolveStatus.OPTIMAL and not result.violations
    if not ok:
        why = f"{len(result.violations)} checker violation(s)" if result.violations else "not proven optimal"
        typer.echo(f"grantstack: status {result.status}: {why} (exit 1)", err=True)
    raise typer.Exit(0 if ok else 1)


def check_group_cmd(
    group_file: GroupArg,
    plan_file: Annotated[Path, typer.Argument(metavar="PLAN.json", help="Group plan (plan-group --format json).")],
    option: OptionOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the violations as JSON.")] = False,
    catalog: CatalogOpt = None,
    replace_catalog: ReplaceOpt = False,
) -> None:
    """Check a group plan (placements, district, group limits, each entity's plan) without a solver."""
    from grantstack.models.group_check import check_group_plan
    from grantstack.models.group_loading import load_group, load_group_plan

    with bad_input():
        options, group_options = parse_group_options(option)
        cat = load_catalog(catalog, replace_catalog)
        group = load_group(group_file, cat)
        gp = load_group_plan(plan_file)
    found = check_group_plan(cat, group, gp, options, group_options)
    if as_json:
        typer.echo(json.dumps([v.model_dump(mode="json") for v in found], indent=2, ensure_ascii=False))
    elif found:
        for v in found:
            typer.echo(f"{v.entity or 'group'}: {v.violation.rule}: {v.violation.message}")
    else:
        typer.echo(f"OK: {len(gp.plans)} entity plan(s), group total {gp.total:,} yuan, no violations.")
    raise typer.Exit(1 if found else 0)
