"""The plan as Markdown: summary, applications with citations, totals, schedule."""

from __future__ import annotations

from typing import IO

from grantstack.reports.model import ReportData, fmt_gap, fmt_yuan, status_note

__all__ = ["md_cell", "render_markdown"]


def md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def _table(header: list[str], rows: list[list[object]], right: set[int] | None = None) -> list[str]:
    right = right or set()
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|")
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(data: ReportData, out: IO[str]) -> None:
    """Write the Markdown report."""
    r = data.result
    lines = [
        f"# Support plan for {md_cell(r.firm)}, {r.years[0]}-{r.years[1]}",
        "",
        f"- **Status:** {r.status} ({status_note(r)})",
        f"- **Total support:** {fmt_yuan(data.total)} yuan",
        f"- **Objective:** {fmt_yuan(r.objective)} yuan; **bound:** {fmt_yuan(r.best_bound)} yuan; "
        f"**gap:** {fmt_gap(r.gap)}",
        f"- **Money unit:** {r.money_unit:,} yuan (planned amounts are multiples of it, rounded down)",
        f"- **Times:** build {r.build_seconds:.2f} s, solve {r.solve_seconds:.2f} s",
    ]
    changes = data.interpretation_changes()
    reading = ", ".join(f"{k}={v}" for k, v in changes.items()) or "all defaults"
    lines += [
        f"- **Interpretation:** {md_cell(reading)}",
        f"- **Planning options:** {md_cell(data.planning_changes())}",
        "",
        "## Applications",
        "",
    ]
    if data.rows:
        body: list[list[object]] = [
            [
                row.year,
                row.measure,
                row.level,
                row.subject,
                fmt_yuan(row.amount) + (" *" if row.discretionary else ""),
                row.binding,
                row.citation,
            ]
            for row in data.rows
        ]
        lines += _table(["Year", "Measure", "Level", "Subject", "Amount (yuan)", "Binding", "Citation"], body, {4})
        if any(row.discretionary for row in data.rows):
            lines += ["", "\\* 'up to' amount: the authority decides within the ceiling; the plan uses an estimate."]
    else:
        lines.append("No applications.")
    lines += ["", "## Totals by year and level", ""]
    totals = [
        [y, *(fmt_yuan(data.by_year_level[y][lvl]) for lvl in data.levels), fmt_yuan(data.year_total(y))]
        for y in data.years
    ]
    totals.append(["**all**", *(fmt_yuan(data.level_total(lvl)) for lvl in data.levels), fmt_yuan(data.total)])
    lines += _table(["Year", *data.levels, "Total"], totals, set(range(1, len(data.levels) + 2)))
    if r.plan is not None and r.plan.schedule:
        lines += ["", "## Schedule of flexible events and projects", ""]
        sched = [[k, v if v is not None else "skipped"] for k, v in sorted(r.plan.schedule.items())]
        lines += _table(["Event or project", "Year"], sched)
    if r.violations:
        lines += ["", "## Checker violations", ""]
        lines += _table(
            ["Rule", "Measure", "Year", "Message", "Clause"],
            [[v.rule, v.measure, v.year or "", v.message, v.clause] for v in r.violations],
        )
    out.write("\n".join(lines) + "\n")
