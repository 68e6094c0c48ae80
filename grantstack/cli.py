"""The grantstack command: plan, explain, check, options and catalog (exit 0 ok, 1 not optimal, 2 bad input)."""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import os
import signal
import sys
import traceback
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from grantstack import cli_catalog, cli_whatif
from grantstack.cli_args import DEFAULT_YEARS, bad_input, load_catalog, parse_options, parse_years, resolve_format
from grantstack.cli_batch import plan_many_cmd
from grantstack.cli_check import check_cmd
from grantstack.cli_group import check_group_cmd, plan_group_cmd
from grantstack.models.errors import InputError

if TYPE_CHECKING:  # imported where used, so each command pays only for what it needs (fast --help)
    from rich.console import Console

    from grantstack.models.catalogue import Catalogue
    from grantstack.models.firm import Firm
    from grantstack.models.options import PlanOptions
    from grantstack.optimizer.result import PlanResult

__all__ = ["app", "main"]

T = TypeVar("T")

app = typer.Typer(
    name="grantstack",
    help="Plan a firm's applications for Beijing support measures; CP-SAT proves the plan optimal.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rendering it with Rich would import Rich and markdown-it (~0.1 s)
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(cli_catalog.app, name="catalog")


def _version(value: bool) -> None:
    if value:
        from grantstack import __version__

        typer.echo(f"grantstack {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Plan a firm's applications for Beijing support measures; CP-SAT proves the plan optimal.

    Shell completion: grantstack --install-completion (bash, zsh, fish, PowerShell).
    """


def console() -> Console:
    """A console for stdout: the terminal's width, or COLUMNS; 160 columns when output is not a terminal."""
    from rich.console import Console

    out = Console()
    return out if out.is_terminal or "COLUMNS" in os.environ else Console(width=160)


class Format(str, Enum):
    """Plan output formats."""

    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"
    md = "md"
    pdf = "pdf"


FirmArg = Annotated[Path, typer.Argument(metavar="FIRM.yaml", help="Firm file (YAML or JSON).")]
YearsOpt = Annotated[str, typer.Option("--years", help="Planning horizon FIRST-LAST.")]
OptionOpt = Annotated[
    list[str] | None,
    typer.Option("--option", "-o", metavar="NAME=VALUE", help="Planning or interpretation option (repeatable)."),
]
CatalogOpt = cli_catalog.CatalogOpt
ReplaceOpt = cli_catalog.ReplaceOpt


def _exit_code(result: PlanResult) -> int:
    """0 only for a proven optimal plan the checker accepts."""
    from grantstack.optimizer.result import SolveStatus

    return 0 if result.status == SolveStatus.OPTIMAL and not result.violations else 1


def _in_time(run: Callable[[], T]) -> T:
    """The run, or exit 1 with one paragraph when the wall-clock safety limit (time_limit) stops it."""
    from grantstack.optimizer.result import WallClockExceeded

    try:
        return run()
    except WallClockExceeded as exc:
        typer.echo(f"grantstack: not planned: {exc} (exit 1)", err=True)
        raise typer.Exit(1) from None


def _inputs(
    firm_file: Path, years: str, option: list[str] | None, catalog: Path | None, replace: bool
) -> tuple[PlanOptions, tuple[int, int], Catalogue, Firm]:
    """Options, horizon, catalogue and firm of a run (InputError on anything malformed); FIRM may be a scenario
    file (its changes applied, its horizon and options winning, its files recorded as the run's inputs)."""
    from grantstack.models.loading import load_firm

    if firm_file.is_dir():
        raise InputError(f"{firm_file}: is a folder; give one firm file, or plan every firm file in it with "
                         f"'grantstack plan-many {firm_file}'.")
    options, horizon, cat = parse_options(option), parse_years(years), load_catalog(catalog, replace)
    from grantstack.models.run_checks import check_run
    from grantstack.scenarios.scenario_kind import is_scenario_file

    if is_scenario_file(firm_file):
        from grantstack.scenarios.scenario import load_scenario

        s = load_scenario(firm_file, catalogue=cat, years=horizon, options=options)
        check_run(s.catalogue, s.firm, s.years)
        return s.options, s.years, s.catalogue, s.firm
    firm = load_firm(firm_file, cat)
    check_run(cat, firm, horizon)
    return options, horizon, cat, firm


def _solve(cat: Catalogue, firm: Firm, horizon: tuple[int, int], options: PlanOptions, firm_file: Path,
           readings: bool = False) -> PlanResult:
    """The plan (and, if asked, the value at stake of each other reading); a run stopped by the wall clock exits
    1 and an invalid model 3, both without a report; figures too large to plan exactly (an InputError from the
    model's build) are named with the firm file."""
    from grantstack.optimizer.result import SolveStatus
    from grantstack.optimizer.solve import plan as solve

    try:
        result = _in_time(lambda: solve(cat, firm, years=horizon, options=options, readings=readings))
    except InputError as exc:
        raise InputError(f"{firm_file}: {exc}") from None
    if result.status == SolveStatus.MODEL_INVALID:
        typer.echo("grantstack: internal error: CP-SAT found the model invalid, which is a bug (the input was "
                   "checked); no report was written. Please report it with the firm and catalogue files (exit 3)",
                   err=True)
        raise typer.Exit(3)
    return result


@app.command("plan")
def plan_cmd(
    firm_file: FirmArg,
    years: YearsOpt = DEFAULT_YEARS,
    option: OptionOpt = None,
    fmt: Annotated[
        Format | None, typer.Option("--format", "-f", help="Output format (default: from --out's suffix, else table).")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the report to this file (atomically).")] = None,
    catalog: CatalogOpt = None,
    replace_catalog: ReplaceOpt = False,
    no_readings: Annotated[bool, typer.Option(
        "--no-readings", help="Skip the re-solves under each other reading that touches the firm (value at "
        "stake).")] = False,
) -> None:
    """Find the plan of applications with the most legal support and report it, with the value at stake of
    every other reading of the clauses it rests on."""
    with bad_input():
        form = resolve_format(fmt.value if fmt else None, out)
        options, horizon, cat, firm = _inputs(firm_file, years, option, catalog, replace_catalog)
        result = _solve(cat, firm, horizon, options, firm_file, readings=not no_readings)
    for warning in result.warnings:
        typer.echo(f"grantstack: warning: {warning}", err=True)
    from grantstack import reports
    from grantstack.reports.model import fmt_yuan, status_note

    data = reports.build_report(result, cat, firm)
    if out is not None:
        with bad_input():
            try:
                reports.write_report(data, form, out)
            except OSError as exc:
                raise InputError(f"--out {out}: cannot write the report ({exc.strerror or exc}).") from None
        typer.echo(
            f"{result.status} in {result.solve_seconds:.2f} s: total {fmt_yuan(data.total)} yuan; "
            f"report written to {out}",
            err=True,
        )
    elif form == "table":
        from grantstack.reports import print_plan

        print_plan(data, console())
    else:
        text = reports.render(data, form)
        assert isinstance(text, str)
        sys.stdout.write(text)
    code = _exit_code(result)
    if code:
        why = f"{len(result.violations)} checker violation(s)" if result.violations else status_note(result)
        typer.echo(f"grantstack: status {result.status}: {why} (exit 1)", err=True)
    raise typer.Exit(code)


@app.command("explain")
def explain_cmd(
    firm_file: FirmArg,
    years: YearsOpt = DEFAULT_YEARS,
    option: OptionOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    catalog: CatalogOpt = None,
    replace_catalog: ReplaceOpt = False,
) -> None:
    """Say why each eligible measure is in or out of the plan, and what forcing it in would cost."""
    with bad_input():
        options, horizon, cat, firm = _inputs(firm_file, years, option, catalog, replace_catalog)
        from grantstack.optimizer.explain import explain

        items = _in_time(lambda: explain(cat, firm, horizon, options))
    if as_json:
        typer.echo(json.dumps([e.model_dump(mode="json") for e in items], indent=2, ensure_ascii=False))
    else:
        from grantstack.reports.explain_report import print_explanations

        print_explanations(items, cat, console())


@app.command("options")
def options_cmd() -> None:
    """List every --option NAME with its default and meaning."""
    from rich.table import Table

    from grantstack.models.options import Interpretation, PlanOptions
    from grantstack.options_doc import allowed_values

    t = Table(title="--option NAME=VALUE", title_justify="left")
    t.add_column("name", no_wrap=True)
    for col in ("kind", "values", "default", "meaning"):
        t.add_column(col, overflow="fold")
    defaults = PlanOptions()
    rows = [(n, "planning", f, getattr(defaults, n)) for n, f in PlanOptions.model_fields.items()]
    legal = Interpretation.model_fields.items()
    rows += [(n, "interpretation", f, getattr(defaults.interpretation, n)) for n, f in legal]
    for name, kind, f, value in rows:
        if name != "interpretation":
            shown = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
            t.add_row(name, kind, allowed_values(f).replace("`", ""), shown, f.description or "")
    console().print(t)


app.command("check")(check_cmd)
app.command("plan-many")(plan_many_cmd)
app.command("plan-group")(plan_group_cmd)
app.command("check-group")(check_group_cmd)
cli_whatif.register(app)


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: the loopback only)."),
    port: int = typer.Option(8765, "--port", help="Port."),
    token: str | None = typer.Option(None, "--token", help="Access token; generated when binding beyond the loopback."),
    workers: int = typer.Option(2, "--workers", help="Solver processes for typical requests."),
    long_workers: int = typer.Option(1, "--long-workers", help="Solver processes for long requests."),
    time_limit: float = typer.Option(10.0, "--time-limit", help="Seconds a typical solve may take."),
    max_body: int = typer.Option(1_000_000, "--max-body", help="Largest request body in bytes."),
) -> None:
    """Serve the advisor's web page on 127.0.0.1: open a firm, edit it, compare scenarios, download reports."""
    from grantstack.serve_cmd import serve_cmd

    with bad_input():
        serve_cmd(host, port, token, workers, long_workers, time_limit, max_body)


def _main_module_is_the_package() -> None:
    """Worker processes (spawned) re-run the main script unless __main__ is a package's __main__ module; the
    `grantstack` console script would import the whole command line in every worker, so say it is ours."""
    main_module = sys.modules.get("__main__")
    script = os.path.basename(getattr(main_module, "__file__", None) or "").split(".")[0]
    if main_module is not None and getattr(main_module, "__spec__", None) is None and \
            script in {"grantstack", "grantstack-script"}:
        import importlib.util

        main_module.__spec__ = importlib.util.find_spec("grantstack.__main__")


def _terminate(signum: int, _frame: object) -> None:
    """SIGTERM ends the run like Ctrl-C: the stack unwinds, so temporary files are removed (exit 143)."""
    raise SystemExit(128 + signum)


def main() -> None:
    """Entry point of the grantstack script: exit 0, 1 or 2 as documented; 130 on Ctrl-C (at once, no report
    written); 3 with the traceback for an unexpected error (a bug)."""
    _main_module_is_the_package()
    # At exit the interpreter collects every object again, and pydantic-core's validators (one per model class,
    # each holding its nested models' validators) make each full collection slow: a third of a second of a plan
    # run's exit at load 7. Objects alive at exit are freed by the exit itself, so the collector skips them.
    atexit.register(gc.freeze)
    with contextlib.suppress(ValueError):  # not in the main thread (embedded): leave signals alone
        signal.signal(signal.SIGTERM, _terminate)
    from grantstack.batch_launch import discard, launch_early

    try:
        launch_early()  # plan-many's workers start while the arguments are parsed (grantstack/batch_launch.py)
        code = app(prog_name="grantstack", standalone_mode=False)  # Ctrl-C comes back as exit code 130
    except (KeyboardInterrupt, typer.Abort):
        code = 130
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.TyperException as exc:  # a usage error: a missing argument, an unknown command or option
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        code = getattr(exc, "exit_code", 2)
    except Exception:  # noqa: BLE001 - last resort: show the bug, keep exit codes 1 and 2 meaningful
        traceback.print_exc()
        typer.echo("grantstack: internal error (a bug, please report it with the traceback above)", err=True)
        code = 3
    discard()
    if code == 130:
        typer.echo("grantstack: interrupted (Ctrl-C): stopped at once (exit 130)", err=True)
    from grantstack.quick_exit import exit_program

    exit_program(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
