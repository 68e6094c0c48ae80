"""`grantstack plan-many`: plan a folder (or glob) of firm files; one summary, optional reports per firm."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from grantstack.cli_args import DEFAULT_YEARS, bad_input, load_catalog, output_folder, parse_options, parse_years
from grantstack.cli_catalog import CatalogOpt, ReplaceOpt
from grantstack.models.errors import InputError

if TYPE_CHECKING:
    from grantstack.scenarios.executor import Executor

__all__ = ["plan_many_cmd"]


class SummaryFormat(str, Enum):
    """Formats of the summary on standard output."""

    table = "table"
    csv = "csv"
    json = "json"


class ReportFormat(str, Enum):
    """Formats of the per-firm reports."""

    html = "html"
    json = "json"
    md = "md"
    csv = "csv"
    xlsx = "xlsx"
    txt = "txt"


_OUT_SUFFIXES = {".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".txt": "table"}


def _check_out(paths: list[Path]) -> None:
    """Every --out names a file with a known suffix in a folder that exists."""
    for out in paths:
        if out.suffix.lower() not in _OUT_SUFFIXES:
            raise InputError(f"--out {out}: the suffix must say the format: .csv, .json, .xlsx or .txt.")
        if out.is_dir():
            raise InputError(f"--out {out}: is a folder; give a file name such as summary.csv.")
        if str(out.parent) and not out.parent.is_dir():
            raise InputError(f"--out {out}: the folder {out.parent} does not exist.")


@contextmanager
def _launched(jobs: int | None, scheduler: str | None, reports: bool) -> Iterator[Executor | None]:
    """Local workers started at once, in the background (or taken from those the program started before parsing
    its arguments: grantstack.batch_launch), so that their start-up (each imports the solver) overlaps this
    process's own preparation; closed at the end (at once on an error or Ctrl-C). None for a Dask scheduler,
    whose client plan_book opens itself."""
    from grantstack.batch_launch import discard, take

    if scheduler is not None:
        discard()  # a pool started early on a wrong guess (grantstack.batch_launch)
        yield None
        return
    from grantstack.batch_worker import warm
    from grantstack.scenarios.executor import Executor, default_jobs

    workers = default_jobs() if jobs is None else jobs
    with take(workers, reports) or Executor(jobs=workers, setup=partial(warm, reports)) as executor:
        executor.launch()
        yield executor


def plan_many_cmd(
    firms: Annotated[list[str], typer.Argument(metavar="FIRMS...", show_default=False,
                                                help="Firm files, folders of them (*.yaml, *.yml, *.json), or "
                                                     "quoted glob patterns such as 'clients/**/*.yaml'.")],
    years: Annotated[str, typer.Option("--years", help="Planning horizon FIRST-LAST.")] = DEFAULT_YEARS,
    option: Annotated[list[str] | None, typer.Option("--option", "-o", metavar="NAME=VALUE",
                                                     help="Planning or interpretation option (repeatable).")] = None,
    fmt: Annotated[SummaryFormat | None, typer.Option(
        "--format", "-f", help="Summary format on standard output (default: table, or none with --out).")] = None,
    out: Annotated[list[Path] | None, typer.Option(
        "--out", help="Write the summary to this file, format from the suffix: .csv, .json, .xlsx, .txt "
                      "(repeatable; atomic).")] = None,
    reports: Annotated[Path | None, typer.Option(
        "--reports", metavar="DIR", help="Write one report per firm into this folder (each atomically).")] = None,
    report_format: Annotated[ReportFormat, typer.Option("--report-format", help="Format of the per-firm reports.")] = (
        ReportFormat.html),
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=0, help="Local worker processes (default: the "
                                             "CPUs available; 0: in this process).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="ADDRESS",
        help="Run on a Dask cluster (e.g. tcp://host:8786, or 'local'); needs grantstack[dask].")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    catalog: CatalogOpt = None,
    replace_catalog: ReplaceOpt = False,
) -> None:
    """Plan many firms at once: one summary row per firm (status, totals by year, gap, top measures, warnings).

    Exit 0 when every firm is proven optimal, 1 when any is not proven or failed (a bad firm file is listed with
    its error, the others are planned), 2 for bad arguments, 130 when interrupted (Ctrl-C keeps the reports
    already written and writes the summary of what finished, marked incomplete).
    """
    outs = list(out or [])
    with bad_input():
        _check_out(outs)
        horizon = parse_years(years)
        with _launched(jobs, scheduler, reports is not None) as executor:
            options = parse_options(option)
            folder = output_folder(reports, "--reports") if reports is not None else None
            from grantstack.batch_files import discover

            files = discover(firms)
            from grantstack.batch import BatchJob, items_of, plan_book

            fmt_name = "table" if report_format == ReportFormat.txt else report_format.value
            per_firm = fmt_name if folder else None
            if catalog is None and not replace_catalog and scheduler is None:
                # Local workers load the bundled catalogue themselves (checked against the files' SHA-256 read
                # here); a Dask cluster's workers may be another installation: they get the catalogue itself.
                job = BatchJob.bundled(horizon, options, per_firm)
            else:
                job = BatchJob.of(load_catalog(catalog, replace_catalog), horizon, options, per_firm)
            book = plan_book(items_of(files), job, jobs=jobs, scheduler=scheduler, reports=folder,
                             progress=False if quiet else None, executor=executor)
    book.inputs |= {"catalog": str(catalog) if catalog else "bundled", "replace_catalog": replace_catalog,
                    "firm_sources": list(firms), "reports": str(folder) if folder else None}
    for path in outs:
        with bad_input():
            try:
                book.write(path)
            except OSError as exc:
                raise InputError(f"--out {path}: cannot write the summary ({exc.strerror or exc}).") from None
    table = fmt == SummaryFormat.table or (fmt is None and not outs)
    if table:
        from grantstack.cli import console

        console().print(book.table())
    elif fmt is not None:
        sys.stdout.write(book.text(fmt.value))
    if not table or not sys.stdout.isatty():
        typer.echo(f"grantstack plan-many: {book.headline()}", err=True)
    for path in outs:
        typer.echo(f"summary written to {path}", err=True)
    raise typer.Exit(book.exit_code)
