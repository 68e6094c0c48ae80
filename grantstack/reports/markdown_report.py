"""The plan as Markdown: totals first, each application with its reason and source, clauses and solver appendices."""

from __future__ import annotations

from typing import IO

from grantstack.reports.charts import calendar
from grantstack.reports.model import DISCLAIMER, READING_HEADERS, ReportData, fmt_gap, fmt_yuan, status_note

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


def _shares(data: ReportData, key: str, title: str) -> list[str]:
    rows: list[list[object]] = [[name, fmt_yuan(v), f"{100 * v / data.total:.0f}%" if data.total else "0%"]
                                for name, v in data.totals_by(key).items()]  # fmt: skip
    return _table([title, "Yuan", "Share"], rows, {1, 2})


def _summary(data: ReportData) -> list[str]:
    r = data.result
    quality = "proven best plan" if r.proven_optimal else f"{r.status} ({status_note(r)})"
    lines = [
        f"# {md_cell(data.title)}",
        "",
        f"Made on {data.made} · catalogue {data.catalogue_version}",
        "",
        f"- **Total support:** {fmt_yuan(data.total)} yuan in {len(data.rows)} applications ({quality})",
        f"- **What it rests on:** {md_cell(data.split_text())}",
        f"- **Readings:** {md_cell(data.readings_text())}; **planning options:** {md_cell(data.planning_changes())}",
    ]
    lines += [f"- **Check the figures:** {md_cell(w)}" for w in data.warnings]
    if r.violations:
        lines.append(f"- **The checker found {len(r.violations)} violation(s): do not use this plan.**")
    return lines


def _applications(data: ReportData) -> list[str]:
    if not data.rows:
        return [f"No applications: {status_note(data.result)}."]
    body: list[list[object]] = []
    for row in data.rows:
        subject = f"{row.subject_title} (`{row.subject}`)" if row.subject_title else row.subject
        source = f"[{row.doc_key}] {row.item}, {row.issuer}" if row.item else row.citation
        flags = "".join(f" ⚑ {f}" for f in row.flags)
        body.append([row.year, f"**{row.label}** `{row.measure}`", subject,
                     fmt_yuan(row.amount) + (" (up to)" if row.discretionary else ""), row.why + flags, source])
    lines = _table(["Year", "Measure", "For", "Amount (yuan)", "Why this amount", "Source"], body, {3})
    lines.append(f"| | **Total** | | **{fmt_yuan(data.total)}** | | |")
    return lines


def _calendar(data: ReportData) -> list[str]:
    cal = calendar(data)
    rows: list[list[object]] = []
    for lane in cal.lanes:
        if lane.kind == "application":
            cells = [fmt_yuan(lane.paid[y]) if y in lane.paid else "" for y in cal.years]
        else:
            cells = ["chosen" if lane.chosen == y else "" for y in cal.years]
        span = lane.valid or lane.window
        rows.append([lane.label, *cells, f"{span[0]}-{span[1]}" if span else ""])
    return _table(["What", *map(str, cal.years), "In force / window"], rows, set(range(1, len(cal.years) + 1)))


def _appendices(data: ReportData) -> list[str]:
    r = data.result
    lines = ["", "## Appendix A: the clauses", ""]
    for n in data.appendix:
        lines += [f"### {md_cell(n.title)} (`{n.id}`)", "",
                  f"{n.document}, {n.item}; {n.issuer} ({n.level}); in force {n.validity}; edition {n.edition}", "",
                  "> " + n.clause.replace("\n", " "), ""]  # fmt: skip
    lines += [
        "## Appendix B: solver details",
        "",
        f"- **Status:** {r.status} ({status_note(r)})",
        f"- **Objective:** {fmt_yuan(r.objective)} yuan; **bound:** {fmt_yuan(r.best_bound)} yuan; "
        f"**gap:** {fmt_gap(r.gap)}",
        f"- **Money unit:** {r.money_unit:,} yuan (planned amounts are multiples of it, rounded down)",
        f"- **Times:** build {r.build_seconds:.2f} s, solve {r.solve_seconds:.2f} s",
        f"- **Catalogue:** {data.catalogue_version}",
    ]
    lines += [f"- **Input:** {md_cell('; '.join(f'{k}: {v}' for k, v in x.items()))}" for x in data.inputs]
    if r.plan is not None and r.plan.schedule:
        lines += ["", "### Schedule of flexible events and projects", ""]
        sched = [[k, v if v is not None else "skipped"] for k, v in sorted(r.plan.schedule.items())]
        lines += _table(["Event or project", "Year"], sched)
    if r.violations:
        lines += ["", "### Checker violations", ""]
        lines += _table(["Rule", "Measure", "Year", "Message", "Clause"],
                        [[v.rule, v.measure, v.year or "", v.message, v.clause] for v in r.violations])  # fmt: skip
    return lines


def _reading_cell(key: str, value: object) -> str:
    if isinstance(value, int) and key == "value_at_stake_yuan":
        return f"{value:+,}"
    return fmt_yuan(value) if isinstance(value, int) else str(value)


def render_markdown(data: ReportData, out: IO[str]) -> None:
    """Write the Markdown report."""
    totals = [[y, *(fmt_yuan(data.by_year_level[y][lvl]) for lvl in data.levels), fmt_yuan(data.year_total(y))]
              for y in data.years]  # fmt: skip
    totals.append(["**All years**", *(fmt_yuan(data.level_total(lvl)) for lvl in data.levels), fmt_yuan(data.total)])
    lines = _summary(data) + ["", "## Totals (yuan)", ""]
    lines += _table(["Year", *data.levels, "Total"], totals, set(range(1, len(data.levels) + 2)))
    lines += ["", *_shares(data, "issuer", "Issuer"), "", *_shares(data, "doc_label", "Document")]
    lines += ["", "## Applications: the plan line by line", "", *_applications(data)]
    lines += ["", "## Calendar", "", *_calendar(data)]
    if data.readings:
        keys = list(data.readings[0])
        lines += ["", "## Readings of ambiguous clauses (value at stake)", "",
                  "The plan re-solved under each other reading of a clause that touches this firm's measures.", ""]
        lines += _table([READING_HEADERS.get(k, k) for k in keys],
                        [[_reading_cell(k, x[k]) for k in keys] for x in data.readings], {2, 3})
    lines += ["", f"*{DISCLAIMER}*"]
    lines += _appendices(data)
    out.write("\n".join(lines) + "\n")
