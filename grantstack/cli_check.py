"""`grantstack check`: any plan against the law, under the options it was made with (no solver).

A plan report (`plan --format json`) records the options of its run; `check` reads them, so a plan made with
`--option routes_add_up=true` is checked under that reading without typing the flag again. `--option` flags
override single options, and the output says which options were used and where each came from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from grantstack.cli_args import bad_input, load_catalog, parse_options

if TYPE_CHECKING:  # imported where used (fast --help)
    from rich.table import Table

    from grantstack.models.options import PlanOptions
    from grantstack.models.plan import Violation

__all__ = ["check_cmd", "options_note"]


def _violation_table(violations: list[Violation]) -> Table:
    from rich.table import Table

    from grantstack.reports.model import fmt_yuan

    t = Table(title=f"{len(violations)} violation(s)", title_justify="left")
    for name in ("Rule", "Measure", "Subject", "Year", "Amount", "Limit", "What is wrong", "Clause"):
        t.add_column(name, overflow="fold", justify="right" if name in {"Amount", "Limit"} else "left")
    for v in violations:
        t.add_row(v.rule, v.measure, v.subject or "", str(v.year or ""), fmt_yuan(v.amount) if v.amount else "",
                  fmt_yuan(v.limit) if v.limit is not None else "", v.message, v.clause)
    return t


def _changed(options: PlanOptions) -> list[str]:
    """NAME=VALUE for every option that differs from its default (legal readings included)."""
    from grantstack.models.options import PlanOptions

    default = PlanOptions().model_dump(mode="json")
    mine = options.model_dump(mode="json")
    out = [f"{k}={json.dumps(v)}" for k, v in mine.items() if k != "interpretation" and v != default[k]]
    legal, legal_default = mine["interpretation"], default["interpretation"]
    out += [f"{k}={json.dumps(v)}" for k, v in legal.items() if v != legal_default[k]]
    return [x.replace('"', "") for x in out]


def options_note(plan_file: Path, recorded: PlanOptions | None, pairs: list[str] | None) -> str:
    """Which options the check uses and where they come from."""
    given = ", ".join(pairs or [])
    if recorded is None:
        base = "the defaults" if not pairs else f"the defaults with {given}"
        return f"options: {base} ({plan_file} records none)"
    changed = ", ".join(_changed(recorded)) or "all defaults"
    note = f"options: as recorded in {plan_file} ({changed})"
    return note + (f", overridden by --option {given}" if pairs else "")


def check_cmd(
    firm_file: Annotated[Path, typer.Argument(metavar="FIRM.yaml", help="Firm file (YAML or JSON).")],
    plan_file: Annotated[Path, typer.Argument(metavar="PLAN.json", help="Plan file, e.g. from 'plan --format json'.")],
    option: Annotated[list[str] | None, typer.Option(
        "--option", "-o", metavar="NAME=VALUE",
        help="Override one option the plan report recorded (repeatable).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the violations as JSON.")] = False,
    catalog: Annotated[Path | None, typer.Option(
        "--catalog", help="Overlay file or directory of changes laid over the bundled catalogue.")] = None,
    replace_catalog: Annotated[bool, typer.Option(
        "--replace-catalog", help="Use --catalog's package files instead of the bundled catalogue.")] = False,
) -> None:
    """Check any plan against the law (no solver): list every violation with its clause; exit 1 if any."""
    from grantstack.cli_catalog import console
    from grantstack.models.checker import check_plan
    from grantstack.models.loading import load_firm, read_plan_file
    from grantstack.models.run_checks import check_plan_names, check_run
    from grantstack.reports.model import fmt_yuan

    with bad_input():
        cat = load_catalog(catalog, replace_catalog)
        firm = load_firm(firm_file, cat)
        read = read_plan_file(plan_file)
        options = parse_options(option, base=read.options)
        check_run(cat, firm, read.plan.years)
        check_plan_names(cat, firm, read.plan, str(read.path), read.data.get("plan", read.data))
    plan = read.plan
    violations = check_plan(cat, firm, plan, options)
    note = options_note(plan_file, read.options, option)
    if as_json:
        typer.echo(json.dumps([v.model_dump(mode="json") for v in violations], indent=2, ensure_ascii=False))
        typer.echo(f"grantstack: {note}", err=True)
        raise typer.Exit(1 if violations else 0)
    typer.echo(note)
    out = console()
    if violations:
        out.print(_violation_table(violations))
    else:
        out.print(f"[bold green]OK[/]: {len(plan.applications)} application(s), total {fmt_yuan(plan.total)} yuan, "
                  "no violations under these options.")
    raise typer.Exit(1 if violations else 0)
