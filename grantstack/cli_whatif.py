"""What-if commands: compare scenarios, sensitivity of a firm, sweeps over a grid of changes (exit 0/1/2)."""

from __future__ import annotations

import io
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from grantstack.cli_args import DEFAULT_YEARS, bad_input, load_catalog, parse_options, parse_years
from grantstack.models.errors import InputError

if TYPE_CHECKING:
    from grantstack.models.catalogue import Catalogue
    from grantstack.models.options import PlanOptions
    from grantstack.scenarios.scenario import Scenario

__all__ = ["register"]

CompareFormat = Enum("CompareFormat", {k: k for k in ("table", "json", "csv", "xlsx", "html")}, type=str)  # type: ignore[misc]
TableFormat = Enum("TableFormat", {k: k for k in ("table", "json", "csv")}, type=str)  # type: ignore[misc]
_SUFFIX = {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html", ".txt": "table"}

YearsOpt = Annotated[str | None, typer.Option("--years", help=f"Horizon FIRST-LAST (default: the scenario's, "
                                                              f"else {DEFAULT_YEARS}).")]
OptionOpt = Annotated[list[str] | None, typer.Option("--option", "-o", metavar="NAME=VALUE",
                                                     help="Option for every scenario (repeatable).")]
CatalogOpt = Annotated[Path | None, typer.Option("--catalog", help="Catalogue file or folder laid over the bundled "
                                                                   "one (or replacing it with --replace-catalog).")]
ReplaceOpt = Annotated[bool, typer.Option("--replace-catalog", help="Use only --catalog, not the bundled catalogue.")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Write the report to this file (atomically).")]


def _console():  # noqa: ANN202 - rich Console, imported lazily
    from rich.console import Console

    out = Console()
    return out if out.is_terminal or "COLUMNS" in os.environ else Console(width=160)


def _format(fmt: Enum | None, out: Path | None, allowed: tuple[str, ...]) -> str:
    if fmt is not None:
        chosen = str(fmt.value)
    elif out is not None:
        chosen = _SUFFIX.get(out.suffix.lower(), "")
        if chosen not in allowed:
            raise InputError(f"--out {out}: cannot tell the format from the suffix '{out.suffix}'; give --format "
                             f"({', '.join(allowed)}).")
    else:
        chosen = "table"
    if out is not None and out.parent != Path("") and not out.parent.is_dir():
        raise InputError(f"--out {out}: the directory {out.parent} does not exist.")
    if chosen == "xlsx" and out is None:
        raise InputError("--format xlsx writes a binary workbook: give a file with --out, e.g. --out compare.xlsx.")
    return chosen


def _write(out: Path | None, fmt: str, render) -> None:  # noqa: ANN001 - render(stream)
    from grantstack.reports.atomic import atomic_open

    if out is None:
        buf = io.StringIO()
        render(buf)
        sys.stdout.write(buf.getvalue())
        return
    try:
        with atomic_open(out, binary=fmt == "xlsx") as fh:
            render(fh)
    except OSError as exc:
        raise InputError(f"--out {out}: cannot write the report ({exc.strerror or exc}).") from None


def load_any(path: Path, cat: Catalogue, years: str | None, options: PlanOptions) -> Scenario:
    """A scenario file, or a firm file as a scenario without changes."""
    from grantstack.scenarios.scenario import Scenario, is_scenario_file, load_scenario

    horizon = parse_years(years) if years else None
    if is_scenario_file(path):
        s = load_scenario(path, catalogue=cat, options=options)
        return s.variant(years=horizon, name=s.name) if horizon else s
    return Scenario.from_firm(path, catalogue=cat, years=horizon or parse_years(DEFAULT_YEARS), options=options,
                              name=path.stem)


def compare_cmd(
    base: Annotated[Path, typer.Argument(metavar="BASE", help="Base: a firm file or a scenario file.")],
    scenarios: Annotated[list[Path], typer.Argument(metavar="SCENARIO...", help="Scenario files to compare.")],
    years: YearsOpt = None, option: OptionOpt = None,
    fmt: Annotated[CompareFormat | None, typer.Option("--format", "-f", help="table, json, csv, xlsx or html "
                                                      "(default: from --out's suffix, else table).")] = None,
    out: OutOpt = None, catalog: CatalogOpt = None, replace_catalog: ReplaceOpt = False,
) -> None:
    """Compare a base with scenarios: decisions added, removed, moved or changed; schedule; totals. The base may
    be a group file or a group scenario file (then every scenario is one too; formats table and json)."""
    from grantstack.scenarios.group_scenario import is_group_input

    if is_group_input(base):
        from grantstack.group_compare import compare_groups_cmd

        compare_groups_cmd(base, scenarios, years, option, fmt.value if fmt else None, out, catalog, replace_catalog)
    with bad_input():
        form = _format(fmt, out, ("table", "json", "csv", "xlsx", "html"))
        options = parse_options(option)
        cat = load_catalog(catalog, replace_catalog)
        base_s = load_any(base, cat, years, options)
        variants = [load_any(p, cat, years or f"{base_s.years[0]}-{base_s.years[1]}", options)
                    for p in scenarios]
        from grantstack.scenarios.comparison import compare

        result = compare(base_s, variants)
    from grantstack.whatif.compare_render import print_compare, render_compare

    if out is None and form == "table":
        print_compare(result, _console())
    else:
        with bad_input():
            _write(out, form, lambda fh: render_compare(result, form, fh))
        if out is not None:
            typer.echo(f"compared {len(variants)} scenario(s) with {base_s.name}; report written to {out}", err=True)
    if not result.proven:
        typer.echo("grantstack: not every plan compared is proven optimal (exit 1)", err=True)
    raise typer.Exit(0 if result.proven else 1)


def sensitivity_cmd(
    firm: Annotated[Path, typer.Argument(metavar="FIRM", help="A firm file or a scenario file.")],
    years: YearsOpt = None, option: OptionOpt = None,
    fmt: Annotated[TableFormat | None, typer.Option("--format", "-f", help="table, json or csv.")] = None,
    out: OutOpt = None, catalog: CatalogOpt = None, replace_catalog: ReplaceOpt = False,
    processes: Annotated[int, typer.Option("--processes", "-j", min=1, help="Worker processes for the probes.")] = 1,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Show only the N largest changes.")] = None,
) -> None:
    """The marginal value of what an advisor can change, ranked: costs, event years, measures, caps, options. For a
    group file or group scenario file: every project's and event's probes re-solved for the whole group."""
    from grantstack.scenarios.group_scenario import is_group_input

    if is_group_input(firm):
        from grantstack.group_compare import group_sensitivity_cmd

        group_sensitivity_cmd(firm, years, option, fmt.value if fmt else None, out, catalog, replace_catalog, top)
    with bad_input():
        form = _format(fmt, out, ("table", "json", "csv"))
        s = load_any(firm, load_catalog(catalog, replace_catalog), years, parse_options(option))
        from grantstack.scenarios.sensitivity_analysis import sensitivity

        result = sensitivity(s, processes=processes)
    from grantstack.whatif.sensitivity_render import print_sensitivity, render_sensitivity

    if out is None and form == "table":
        print_sensitivity(result, _console(), top)
    else:
        with bad_input():
            _write(out, form, lambda fh: render_sensitivity(result, form, fh, top))
    if not result.proven:
        typer.echo("grantstack: not every probe is proven optimal (exit 1)", err=True)
    raise typer.Exit(0 if result.proven else 1)


def register(app: typer.Typer) -> None:
    """Add the what-if commands to the grantstack command line."""
    app.command("compare")(compare_cmd)
    app.command("sensitivity")(sensitivity_cmd)
    from grantstack.cli_sweep import sweep_cmd

    app.command("sweep")(sweep_cmd)
