"""The plan as an Excel workbook: a filterable Plan table, totals as formulas with a chart, a schedule, options."""

from __future__ import annotations

from typing import IO, Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from grantstack.models.options import Interpretation, PlanOptions
from grantstack.reports.charts import calendar
from grantstack.reports.model import DISCLAIMER, READING_HEADERS, RESTS_ON, ReportData, status_note

__all__ = ["PLAN_COLUMNS", "build_workbook", "render_xlsx"]

_BOLD = Font(bold=True)
_HEAD = PatternFill("solid", fgColor="DDE4EE")
_MONEY = "#,##0"
_WRAP = Alignment(wrap_text=True, vertical="top")

PLAN_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Year", 7), ("Measure", 42), ("Level", 10), ("Issuer", 30), ("Document", 10), ("Item", 12),
    ("For", 30), ("Amount (yuan)", 15), ("Up to (estimate)", 10), ("Why this amount", 50), ("Flags", 18),
    ("Measure id", 34), ("Subject id", 18), ("Rests on", 16),
)  # fmt: skip
"""Plan sheet columns with their widths; the amount is column H, what it rests on column N."""


def _col(name: str) -> str:
    return get_column_letter([c for c, _ in PLAN_COLUMNS].index(name) + 1)


def _header(ws: Worksheet, names: list[str], widths: list[int]) -> None:
    ws.append(names)
    for i, cell in enumerate(ws[ws.max_row], start=1):
        cell.font, cell.fill = _BOLD, _HEAD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = widths[i - 1]
    ws.freeze_panes = f"A{ws.max_row + 1}"


def _plan(ws: Worksheet, data: ReportData) -> str:
    """The applications as an Excel table with filters; returns the amount column's range ('Plan!$H$2:$H$9')."""
    _header(ws, [c for c, _ in PLAN_COLUMNS], [w for _, w in PLAN_COLUMNS])
    for r in data.rows:
        subject = r.subject_title or r.subject
        ws.append([r.year, r.label, r.level, r.issuer, f"[{r.doc_key}]" if r.item else "", r.item or r.citation,
                   subject, r.amount, r.discretionary, r.why, ", ".join(r.flags), r.measure, r.subject, r.rests_on])
        for cell in ws[ws.max_row]:
            cell.alignment = _WRAP
        ws.cell(row=ws.max_row, column=8).number_format = _MONEY
    last = max(2, ws.max_row)
    if data.rows:
        ref = f"A1:{get_column_letter(len(PLAN_COLUMNS))}{last}"
        table = Table(displayName="Applications", ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        ws.add_table(table)
    return f"$2:${last}"


def _rng(col: str, rows: str) -> str:
    a, b = rows.split(":")
    return f"Plan!${col}{a}:${col}{b}"


def _totals(ws: Worksheet, data: ReportData, rows: str) -> None:
    """By year and level (SUMIFS over the Plan sheet), by issuer and document, each total a formula."""
    amount, year, level = _rng(_col("Amount (yuan)"), rows), _rng(_col("Year"), rows), _rng(_col("Level"), rows)
    ws.append([data.title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(["Totals in yuan; every figure is a formula over the Plan sheet."])
    _header(ws, ["Year", *data.levels, "Total"], [16] + [15] * (len(data.levels) + 1))
    top = ws.max_row + 1
    last_level = get_column_letter(1 + len(data.levels))
    for y in data.years:
        r = ws.max_row + 1
        cells: list[Any] = [y]
        cells += [f'=SUMIFS({amount},{year},$A{r},{level},{get_column_letter(i + 2)}$3)'
                  for i in range(len(data.levels))]  # fmt: skip
        cells.append(f"=SUM(B{r}:{last_level}{r})")
        ws.append(cells)
    end = ws.max_row
    ws.append(["All years", *[f"=SUM({get_column_letter(i)}{top}:{get_column_letter(i)}{end})"
                              for i in range(2, len(data.levels) + 3)]])  # fmt: skip
    for row in ws.iter_rows(min_row=top, max_row=ws.max_row, min_col=2):
        for cell in row:
            cell.number_format = _MONEY
    for cell in ws[ws.max_row]:
        cell.font = _BOLD
    _chart(ws, data, top, end)
    for key, title in (("issuer", "Issuer"), ("doc_key", "Document")):
        ws.append([])
        ws.append([title, "Total"])
        for cell in ws[ws.max_row]:
            cell.font, cell.fill = _BOLD, _HEAD
        col = _rng(_col("Issuer" if key == "issuer" else "Document"), rows)
        for name in data.totals_by(key):
            shown = name if key == "issuer" else f"[{name}]"
            r = ws.max_row + 1
            ws.append([shown, f"=SUMIFS({amount},{col},$A{r})"])
            ws.cell(row=r, column=2).number_format = _MONEY
    ws.append([])
    ws.append(["Rests on", "Total"])
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = _BOLD, _HEAD
    rests = _rng(_col("Rests on"), rows)
    for name in RESTS_ON.values():  # the split of the total (Plan.by_assumption), each part a formula
        r = ws.max_row + 1
        ws.append([name, f"=SUMIFS({amount},{rests},$A{r})"])
        ws.cell(row=r, column=2).number_format = _MONEY
    ws.append([])
    ws.append(["Plan total", f"=SUM({amount})"])
    ws.cell(row=ws.max_row, column=2).number_format = _MONEY
    for cell in ws[ws.max_row]:
        cell.font = _BOLD


def _chart(ws: Worksheet, data: ReportData, top: int, end: int) -> None:
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = "Support by year and level (yuan)"
    chart.y_axis.title, chart.x_axis.title = "yuan", "year"
    chart.y_axis.numFmt = _MONEY
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    series = Reference(ws, min_col=2, max_col=1 + len(data.levels), min_row=top - 1, max_row=end)
    chart.add_data(series, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=top, max_row=end))
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.height, chart.width = 8, 16
    ws.add_chart(chart, f"{get_column_letter(len(data.levels) + 4)}3")


def _schedule(ws: Worksheet, data: ReportData) -> None:
    """Year-by-year grid: each application run's amounts, measure validity, flexible events' chosen years."""
    cal = calendar(data)
    years = list(cal.years)
    _header(ws, ["What", "Kind", *years, "In force / window"], [50, 14] + [13] * len(years) + [18])
    first = ws.max_row + 1
    for lane in cal.lanes:
        cells: list[Any] = [lane.label, lane.kind]
        for y in years:
            if lane.kind == "application":
                cells.append(lane.paid.get(y))
            else:
                cells.append("chosen" if lane.chosen == y else None)
        span = lane.valid or lane.window
        cells.append(f"{span[0]}-{span[1]}" if span else "")
        ws.append(cells)
        for cell in ws[ws.max_row][2:-1]:
            cell.number_format = _MONEY
    last = ws.max_row
    ws.append(["Total paid", "", *[f"=SUM({get_column_letter(i)}{first}:{get_column_letter(i)}{last})"
                                  for i in range(3, len(years) + 3)], ""])  # fmt: skip
    for cell in ws[ws.max_row]:
        cell.font = _BOLD
        cell.number_format = _MONEY


def _typed(value: Any) -> Any:
    """Options as typed cells: booleans, numbers and text stay what they are (None as empty)."""
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    try:
        return float(value) if "." in str(value) else int(value)
    except (TypeError, ValueError):
        return str(value)


def _options(ws: Worksheet, data: ReportData) -> None:
    _header(ws, ["Option", "Kind", "Value", "Default", "Meaning"], [28, 14, 14, 14, 90])
    opts = data.result.options
    rows = [(n, "planning", f, getattr(opts, n), getattr(PlanOptions(), n))
            for n, f in PlanOptions.model_fields.items() if n != "interpretation"]
    rows += [(n, "reading", f, getattr(opts.interpretation, n), getattr(Interpretation(), n))
             for n, f in Interpretation.model_fields.items()]  # fmt: skip
    for name, kind, f, value, default in rows:
        ws.append([name, kind, _typed(value), _typed(default), f.description or ""])


def _run(ws: Worksheet, data: ReportData) -> None:
    r = data.result
    _header(ws, ["Field", "Value"], [24, 100])
    rows: list[tuple[str, Any]] = [
        ("Firm", data.firm_name), ("Firm id", r.firm), ("First year", r.years[0]), ("Last year", r.years[1]),
        ("Made on", data.made), ("Catalogue", data.catalogue_version), ("Status", str(r.status)),
        ("Meaning", status_note(r)), ("Objective (yuan)", r.objective), ("Best bound (yuan)", r.best_bound),
        ("Gap", r.gap), ("Money unit (yuan)", r.money_unit), ("Build seconds", r.build_seconds),
        ("Solve seconds", r.solve_seconds), ("Disclaimer", DISCLAIMER),
    ]  # fmt: skip
    rows += [(f"Warning {i + 1}", w) for i, w in enumerate(data.warnings)]
    rows += [(f"Input {i + 1}", "; ".join(f"{k}: {v}" for k, v in x.items())) for i, x in enumerate(data.inputs)]
    for name, value in rows:
        ws.append([name, value])
        ws.cell(row=ws.max_row, column=2).alignment = _WRAP
    ws["B12"].number_format = "0.00%"


def _clauses(ws: Worksheet, data: ReportData) -> None:
    names = ["Measure id", "Title", "Document", "Item", "Issuer", "In force", "Clause"]
    _header(ws, names, [34, 40, 40, 12, 30, 24, 90])
    for n in data.appendix:
        ws.append([n.id, n.title, n.document, n.item, n.issuer, n.validity, n.clause])
        for cell in ws[ws.max_row]:
            cell.alignment = _WRAP


def _readings(ws: Worksheet, data: ReportData) -> None:
    keys = list(data.readings[0])
    _header(ws, [READING_HEADERS.get(k, k.replace("_", " ").capitalize()) for k in keys], [22] * len(keys))
    for item in data.readings:
        ws.append([_typed(item[k]) if not isinstance(item[k], (dict, list)) else str(item[k]) for k in keys])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, int):
                cell.number_format = _MONEY


def build_workbook(data: ReportData) -> Workbook:
    """Sheets Plan, Totals (formulas and a chart), Schedule, Options, Readings (when any), Clauses and Run."""
    wb = Workbook()
    plan = wb.active
    assert plan is not None
    plan.title = "Plan"
    rows = _plan(plan, data)
    _totals(wb.create_sheet("Totals"), data, rows)
    _schedule(wb.create_sheet("Schedule"), data)
    _options(wb.create_sheet("Options"), data)
    if data.readings:
        _readings(wb.create_sheet("Readings"), data)
    _clauses(wb.create_sheet("Clauses"), data)
    _run(wb.create_sheet("Run"), data)
    return wb


def render_xlsx(data: ReportData, out: IO[bytes]) -> None:
    """Write the workbook to a binary stream."""
    build_workbook(data).save(out)
