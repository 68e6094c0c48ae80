"""A self-contained HTML report: inline CSS, inline SVG chart and timeline, no external assets."""

from __future__ import annotations

from html import escape
from typing import IO

from grantstack.reports.model import ReportData, fmt_gap, fmt_yuan, status_note
from grantstack.reports.svg import bar_chart, timeline

__all__ = ["render_html"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1f2328;max-width:1200px}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num{text-align:right;white-space:nowrap}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
.OPTIMAL{color:#1a7f37;font-weight:700}.FEASIBLE{color:#9a6700;font-weight:700}
.INFEASIBLE,.UNKNOWN,.MODEL_INVALID{color:#cf222e;font-weight:700}
svg text{font-size:12px;fill:#1f2328}svg .axis,svg .grid{stroke:#d0d7de}svg .label{font-weight:600}
.cite{color:#57606a;font-size:.85rem}.note{color:#57606a}tr.total td{font-weight:700}
""".strip()


def _summary(data: ReportData) -> str:
    r = data.result
    changes = data.interpretation_changes()
    reading = ", ".join(f"{k}={v}" for k, v in changes.items()) or "all defaults"
    items = [
        ("Status", f'<span class="{r.status}">{r.status}</span> — {escape(status_note(r))}'),
        ("Total support", f"{fmt_yuan(data.total)} yuan"),
        ("Objective", f"{fmt_yuan(r.objective)} yuan"),
        ("Best bound", f"{fmt_yuan(r.best_bound)} yuan"),
        ("Gap", fmt_gap(r.gap)),
        ("Money unit", f"{r.money_unit:,} yuan (amounts are multiples of it, rounded down)"),
        ("Times", f"build {r.build_seconds:.2f} s, solve {r.solve_seconds:.2f} s"),
        ("Interpretation", escape(reading)),
        ("Planning options", escape(data.planning_changes())),
    ]
    return "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items) + "</dl>"


def _applications(data: ReportData) -> str:
    if not data.rows:
        return "<p>No applications.</p>"
    head = (
        "<tr><th>Year</th><th>Measure</th><th>Level</th><th>Subject</th><th>Amount (yuan)</th>"
        "<th>Binding</th><th>Citation</th></tr>"
    )
    rows = []
    for r in data.rows:
        star = ' <abbr title="up to: the authority decides within the ceiling">*</abbr>' if r.discretionary else ""
        title = f'<br><span class="cite">{escape(r.title)}</span>' if r.title else ""
        rows.append(
            f'<tr class="app" data-measure="{escape(r.measure)}" data-year="{r.year}"><td>{r.year}</td>'
            f"<td><code>{escape(r.measure)}</code>{title}</td><td>{escape(r.level)}</td><td>{escape(r.subject)}</td>"
            f'<td class="num">{fmt_yuan(r.amount)}{star}</td><td>{escape(r.binding)}</td>'
            f'<td class="cite">{escape(r.citation)}</td></tr>'
        )
    note = ""
    if any(r.discretionary for r in data.rows):
        note = (
            '<p class="note">* "up to" amount: the authority decides within the ceiling; the plan uses an estimate.</p>'
        )
    return f'<table class="applications">{head}{"".join(rows)}</table>{note}'


def _totals(data: ReportData) -> str:
    head = "<tr><th>Year</th>" + "".join(f"<th>{escape(lvl)}</th>" for lvl in data.levels) + "<th>Total</th></tr>"
    rows = []
    for y in data.years:
        cells = "".join(f'<td class="num">{fmt_yuan(data.by_year_level[y][lvl])}</td>' for lvl in data.levels)
        rows.append(f'<tr><td>{y}</td>{cells}<td class="num">{fmt_yuan(data.year_total(y))}</td></tr>')
    cells = "".join(f'<td class="num">{fmt_yuan(data.level_total(lvl))}</td>' for lvl in data.levels)
    rows.append(f'<tr class="total"><td>All</td>{cells}<td class="num">{fmt_yuan(data.total)}</td></tr>')
    return f'<table class="totals">{head}{"".join(rows)}</table>'


def _extras(data: ReportData) -> str:
    r = data.result
    out = []
    if r.plan is not None and r.plan.schedule:
        items = "".join(
            f"<tr><td>{escape(k)}</td><td>{v if v is not None else 'skipped'}</td></tr>"
            for k, v in sorted(r.plan.schedule.items())
        )
        head = "<tr><th>Event or project</th><th>Year</th></tr>"
        out.append(f"<h2>Schedule of flexible events and projects</h2><table>{head}{items}</table>")
    if r.violations:
        items = "".join(
            f"<tr><td>{escape(v.rule)}</td><td>{escape(v.measure)}</td><td>{v.year or ''}</td>"
            f"<td>{escape(v.message)}</td><td class='cite'>{escape(v.clause)}</td></tr>"
            for v in r.violations
        )
        head = "<tr><th>Rule</th><th>Measure</th><th>Year</th><th>What is wrong</th><th>Clause</th></tr>"
        out.append(f"<h2>Checker violations</h2><table>{head}{items}</table>")
    return "".join(out)


def render_html(data: ReportData, out: IO[str]) -> None:
    """Write one HTML page that needs nothing but a browser."""
    r = data.result
    title = f"Support plan for {r.firm}, {r.years[0]}-{r.years[1]}"
    out.write(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>\n"
        f"<h1>{escape(title)}</h1>\n{_summary(data)}\n"
        f"<h2>Support by year and level</h2>\n{bar_chart(data)}\n"
        f"<h2>Applications</h2>\n{_applications(data)}\n"
        f"<h2>Timeline</h2>\n{timeline(data)}\n"
        f"<h2>Totals by year and level (yuan)</h2>\n{_totals(data)}\n{_extras(data)}\n"
        "</body></html>\n"
    )
