"""The plan as Rich terminal tables: run summary, applications, totals by year and level."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table

from grantstack.optimizer.result import SolveStatus
from grantstack.reports.model import ReportData, fmt_gap, fmt_yuan, status_note

__all__ = ["print_plan", "render_table"]

_STYLE = {SolveStatus.OPTIMAL: "bold green", SolveStatus.FEASIBLE: "bold yellow"}


def _summary(data: ReportData) -> Table:
    r = data.result
    t = Table(show_header=False, box=None, padding=(0, 2))
    t.add_column(style="bold")
    t.add_column()
    t.add_row("Firm", f"{r.firm}, years {r.years[0]}-{r.years[1]}")
    t.add_row("Status", f"[{_STYLE.get(r.status, 'bold red')}]{r.status}[/] — {status_note(r)}")
    t.add_row("Total support", f"{fmt_yuan(data.total)} yuan")
    t.add_row("Objective / bound / gap", f"{fmt_yuan(r.objective)} / {fmt_yuan(r.best_bound)} / {fmt_gap(r.gap)}")
    t.add_row("Money unit", f"{r.money_unit:,} yuan (amounts are multiples of it, rounded down)")
    t.add_row("Times", f"build {r.build_seconds:.2f} s, solve {r.solve_seconds:.2f} s")
    changes = data.interpretation_changes()
    t.add_row("Interpretation", ", ".join(f"{k}={v}" for k, v in changes.items()) or "all defaults")
    t.add_row("Planning options", data.planning_changes())
    return t


def _applications(data: ReportData) -> Table:
    t = Table(title="Applications", title_justify="left", show_lines=False)
    t.add_column("Year", no_wrap=True)
    t.add_column("Measure", overflow="fold", ratio=3)
    t.add_column("Subject", overflow="fold", ratio=1)
    t.add_column("Amount (yuan)", justify="right", no_wrap=True)
    t.add_column("Binding", overflow="fold", ratio=2)
    t.add_column("Citation", no_wrap=True)
    for r in data.rows:
        amount = fmt_yuan(r.amount) + (" *" if r.discretionary else "")
        t.add_row(str(r.year), r.measure, r.subject, amount, r.binding, r.source)
    if any(r.discretionary for r in data.rows):
        t.caption = "* 'up to' amount: the authority decides within the ceiling; the plan uses an estimate"
    return t


def _totals(data: ReportData) -> Table:
    t = Table(title="Totals by year and level (yuan)", title_justify="left")
    t.add_column("Year")
    for lvl in data.levels:
        t.add_column(lvl.capitalize(), justify="right")
    t.add_column("Total", justify="right", style="bold")
    for y in data.years:
        t.add_row(str(y), *(fmt_yuan(data.by_year_level[y][lvl]) for lvl in data.levels), fmt_yuan(data.year_total(y)))
    t.add_section()
    t.add_row("All", *(fmt_yuan(data.level_total(lvl)) for lvl in data.levels), fmt_yuan(data.total), style="bold")
    return t


def print_plan(data: ReportData, console: Console) -> None:
    """Print the whole report to a Rich console."""
    console.print(_summary(data))
    console.print()
    if data.rows:
        console.print(_applications(data))
    else:
        console.print("[bold]No applications.[/]")
    console.print(_totals(data))
    for seed, doc in data.documents.items():
        console.print(f"[dim]{seed}:[/] {doc}", highlight=False)
    r = data.result
    if r.plan is not None and r.plan.schedule:
        sched = ", ".join(f"{k}: {v if v is not None else 'skipped'}" for k, v in sorted(r.plan.schedule.items()))
        console.print(f"[bold]Schedule of flexible events and projects:[/] {sched}")
    for v in r.violations:
        console.print(f"[bold red]violation[/] {v.rule} {v.measure} {v.year or ''}: {v.message} ({v.clause})")


def render_table(data: ReportData, out: IO[str], width: int = 160) -> None:
    """Write the tables as plain text (no colour codes) to a stream."""
    print_plan(data, Console(file=out, width=width, color_system=None, force_terminal=False, highlight=False))
