"""The plan in the terminal: readable at 80 columns, totals first, each application with its reason and source."""

from __future__ import annotations

from typing import IO

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from grantstack.optimizer.result import SolveStatus
from grantstack.reports.model import ReportData, fmt_gap, fmt_yuan, status_note

__all__ = ["print_plan", "render_table"]

_STYLE = {SolveStatus.OPTIMAL: "bold green", SolveStatus.FEASIBLE: "bold yellow"}


def _headline(data: ReportData) -> Group:
    r = data.result
    quality = "proven best plan" if r.status == SolveStatus.OPTIMAL else f"{r.status}: {status_note(r)}"
    lines = [
        Text(data.title, style="bold"),
        Text.assemble("Total support ", (f"{fmt_yuan(data.total)} yuan", "bold"),
                      f" in {len(data.rows)} applications · ", (quality, _STYLE.get(r.status, "bold red"))),
        Text(f"What it rests on: {data.split_text()}.", style="dim"),
        Text(f"Readings: {data.readings_text()} · planning options: {data.planning_changes()}", style="dim"),
    ]  # fmt: skip
    lines += [Text(f"Check the figures: {w}", style="yellow") for w in data.warnings]
    if r.violations:
        bad = f"The checker found {len(r.violations)} violation(s): do not use this plan."
        lines.append(Text(bad, style="bold red"))
    return Group(*lines)


def _totals(data: ReportData) -> Table:
    t = Table(title="Totals by year (yuan)", title_justify="left", title_style="bold", box=None, padding=(0, 1))
    t.add_column("Year")
    for lvl in data.levels:
        t.add_column(lvl.capitalize(), justify="right")
    t.add_column("Total", justify="right", style="bold")
    for y in data.years:
        t.add_row(str(y), *(fmt_yuan(data.by_year_level[y][lvl]) for lvl in data.levels), fmt_yuan(data.year_total(y)))
    t.add_row("All", *(fmt_yuan(data.level_total(lvl)) for lvl in data.levels), fmt_yuan(data.total), style="bold")
    return t


def _shares(data: ReportData, key: str, title: str) -> Table:
    t = Table(title=title, title_justify="left", title_style="bold", box=None, padding=(0, 1), expand=True)
    t.add_column(key.capitalize(), ratio=1)
    t.add_column("Yuan", justify="right", no_wrap=True)
    t.add_column("Share", justify="right", no_wrap=True)
    for name, value in data.totals_by(key).items():
        t.add_row(name, fmt_yuan(value), f"{100 * value / data.total:.0f}%" if data.total else "0%")
    return t


def _applications(data: ReportData) -> Table:
    t = Table(title="Applications: the plan line by line", title_justify="left", title_style="bold",
              show_lines=True, expand=True, padding=(0, 1))  # fmt: skip
    t.add_column("Year", no_wrap=True, width=4)
    t.add_column("Measure, for what, why and source", ratio=1)
    t.add_column("Yuan", justify="right", no_wrap=True)
    for r in data.rows:
        subject = f"{r.subject_title} ({r.subject})" if r.subject_title else r.subject
        cell = Text(r.label, style="bold")
        cell.append(f"\nfor {subject}")
        if r.why:
            cell.append(f"\nwhy: {r.why}", style="dim")
        source = f"[{r.doc_key}] {r.item}, {r.issuer}" if r.item else r.citation
        cell.append(f"\nsource: {source} · {r.measure}", style="dim")
        for f in r.flags:
            cell.append(f"\nflag: {f}", style="yellow")
        amount = fmt_yuan(r.amount) + ("\nup to" if r.discretionary else "")
        t.add_row(str(r.year), cell, amount)
    return t


def _readings(data: ReportData) -> Table:
    t = Table(title="Readings of ambiguous clauses: the total under each other reading (value at stake)",
              title_justify="left", title_style="bold", box=None, padding=(0, 1), expand=True)
    t.add_column("Option = reading", ratio=1)
    t.add_column("Total", justify="right", no_wrap=True)
    t.add_column("At stake", justify="right", no_wrap=True)
    t.add_column("Status", no_wrap=True)
    for x in data.readings:
        total, diff = x["total_yuan"], x["value_at_stake_yuan"]
        t.add_row(f"{x['option']}={x['reading']}", fmt_yuan(total) if isinstance(total, int) else total,
                  f"{diff:+,}" if isinstance(diff, int) else diff, x["status"])
    return t


def print_plan(data: ReportData, console: Console) -> None:
    """Print the whole report to a Rich console (fits 80 columns; ids are never broken mid-word)."""
    console.print(_headline(data))
    console.print()
    console.print(_totals(data))
    console.print()
    console.print(_shares(data, "issuer", "By issuer"))
    console.print()
    if data.rows:
        console.print(_applications(data))
    else:
        console.print(Text(f"No applications: {status_note(data.result)}.", style="bold"))
    r = data.result
    if r.plan is not None and r.plan.schedule:
        sched = ", ".join(f"{k} {v if v is not None else 'skipped'}" for k, v in sorted(r.plan.schedule.items()))
        console.print(Text.assemble(("Flexible events and projects: ", "bold"), sched))
    if data.readings:
        console.print(_readings(data))
    for key, doc in data.documents.items():
        console.print(Text(f"[{key}] {doc}", style="dim"))
    for v in r.violations:
        console.print(Text(f"violation {v.rule} {v.measure} {v.year or ''}: {v.message} ({v.clause})", style="red"))
    console.print(Text(
        f"Solver: {r.status}, objective {fmt_yuan(r.objective)}, bound {fmt_yuan(r.best_bound)}, gap "
        f"{fmt_gap(r.gap)}, money unit {r.money_unit:,} yuan, build {r.build_seconds:.2f} s, solve "
        f"{r.solve_seconds:.2f} s. Made on {data.made}; catalogue {data.catalogue_version}.", style="dim"))
    console.print(Text("Clause texts: grantstack catalog show ID. Not a decision of any authority; check each "
                       "measure's current notice before applying.", style="dim"))  # fmt: skip


def render_table(data: ReportData, out: IO[str], width: int = 80) -> None:
    """Write the report as plain text (no colour codes) at `width` columns to a stream."""
    print_plan(data, Console(file=out, width=width, color_system=None, force_terminal=False, highlight=False))
