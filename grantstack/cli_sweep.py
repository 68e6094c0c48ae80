"""`grantstack sweep`: plan every point of a grid of changes in parallel; CSV, Parquet and a PNG plot."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from grantstack.cli_args import bad_input, parse_options, parse_years
from grantstack.models.errors import InputError

__all__ = ["sweep_cmd"]


def sweep_cmd(
    sweep_file: Annotated[Path, typer.Argument(metavar="SWEEP.yaml", help="Sweep file (schemas/sweep.schema.json).")],
    out: Annotated[Path | None, typer.Option("--out", help="CSV of the results (default: standard output).")] = None,
    parquet: Annotated[Path | None, typer.Option("--parquet", help="Also write the results as Parquet "
                                                 "(extra grantstack[parquet]).")] = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="PNG of total against each parameter "
                                              "(extra grantstack[plot]).")] = None,
    processes: Annotated[int, typer.Option("--processes", "-j", min=1, help="Local worker processes.")] = 2,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler ADDRESS, or 'local' for a "
                                                  "LocalCluster (extra grantstack[dask]).")] = None,
    years: Annotated[str | None, typer.Option("--years", help="Horizon FIRST-LAST if the file gives none.")] = None,
    option: Annotated[list[str] | None, typer.Option("--option", "-o", metavar="NAME=VALUE",
                                                     help="Option for every point (repeatable).")] = None,
    catalog: Annotated[Path | None, typer.Option("--catalog", help="Catalogue file or folder laid over the "
                                                 "bundled one.")] = None,
    replace_catalog: Annotated[bool, typer.Option("--replace-catalog", help="Use only --catalog.")] = False,
) -> None:
    """Plan every combination of a grid of parameters; exit 0 when every point is proven optimal."""
    from grantstack.cli_args import load_catalog

    with bad_input():
        for target in (out, parquet, plot):
            if target is not None and target.parent != Path("") and not target.parent.is_dir():
                raise InputError(f"{target}: the directory {target.parent} does not exist.")
        if parquet is not None:
            from grantstack.whatif.sweep_output import _extra

            _extra("pyarrow", "parquet", "--parquet")
        if plot is not None:
            from grantstack.whatif.sweep_output import _extra

            _extra("matplotlib", "plot", "--plot")
        cat = load_catalog(catalog, replace_catalog)
        from grantstack.scenarios.group_sweep import is_group_sweep, load_group_sweep, run_group_sweep
        from grantstack.scenarios.sweeps import load_sweep, run_sweep

        grouped = is_group_sweep(sweep_file)  # the base is a group: every point re-solves the whole group
        sweep = (load_group_sweep if grouped else load_sweep)(  # type: ignore[operator]
            sweep_file, catalogue=cat, options=parse_options(option), years=parse_years(years) if years else None)
        try:
            result = (run_group_sweep if grouped else run_sweep)(sweep, processes=processes, scheduler=scheduler)
        except ImportError as exc:  # the executor's missing-extra error for Dask
            raise InputError(f"--scheduler: {exc}") from None
    from grantstack.whatif.sweep_output import render_csv, write_csv, write_parquet

    with bad_input():
        if out is None:
            render_csv(result, sys.stdout)
        else:
            write_csv(result, out)
        if parquet is not None:
            write_parquet(result, parquet)
        if plot is not None:
            from grantstack.whatif.sweep_output import plot_png

            plot_png(result, plot)
    done = sum(1 for r in result.rows if r[result.columns.index("status")] == "OPTIMAL")
    typer.echo(f"sweep {sweep.name}: {len(result.rows):,} of {sweep.size:,} points, {done:,} proven optimal, in "
               f"{result.seconds:.1f} s on {result.workers} {result.executor} worker(s)"
               + (" (interrupted)" if result.interrupted else ""), err=True)
    raise typer.Exit(0 if result.proven else 130 if result.interrupted else 1)
