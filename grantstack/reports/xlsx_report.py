"""The plan as an Excel workbook: Applications, Totals and Run sheets."""

from __future__ import annotations

from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from grantstack.reports.csv_report import CSV_COLUMNS
from grantstack.reports.model import ReportData, status_note

__all__ = ["build_workbook", "render_xlsx"]

_BOLD = Font(bold=True)
_MONEY = "#,##0"


def _header(ws: Worksheet, names: tuple[str, ...] | list[str], widths: list[int]) -> None:
    ws.append(list(names))
    for cell in ws[1]:
        cell.font = _BOLD
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"


def _applications(ws: Worksheet, data: ReportData) -> None:
    _header(ws, CSV_COLUMNS, [6, 40, 50, 10, 20, 14, 13, 30, 60])
    for r in data.rows:
        ws.append([r.year, r.measure, r.title, r.level, r.subject, r.amount, r.discretionary, r.binding, r.citation])
        ws.cell(row=ws.max_row, column=6).number_format = _MONEY


def _totals(ws: Worksheet, data: ReportData) -> None:
    _header(ws, ["year", *data.levels, "total"], [8] + [14] * (len(data.levels) + 1))
    for y in data.years:
        ws.append([y, *(data.by_year_level[y][lvl] for lvl in data.levels), data.year_total(y)])
    ws.append(["all", *(data.level_total(lvl) for lvl in data.levels), data.total])
    for cell in ws[ws.max_row]:
        cell.font = _BOLD
    for row in ws.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = _MONEY


def _run(ws: Worksheet, data: ReportData) -> None:
    r = data.result
    _header(ws, ["field", "value"], [22, 90])
    rows: list[tuple[str, object]] = [
        ("firm", r.firm),
        ("years", f"{r.years[0]}-{r.years[1]}"),
        ("status", str(r.status)),
        ("meaning", status_note(r)),
        ("objective_yuan", r.objective),
        ("best_bound_yuan", r.best_bound),
        ("gap", r.gap),
        ("total_yuan", data.total),
        ("money_unit", r.money_unit),
        ("build_seconds", r.build_seconds),
        ("solve_seconds", r.solve_seconds),
    ]
    rows += [(f"interpretation.{k}", str(v)) for k, v in r.options.interpretation.model_dump(mode="json").items()]
    for k, v in r.options.model_dump(mode="json", exclude={"interpretation"}).items():
        rows.append((k, str(v) if v is not None else ""))
    for name, value in rows:
        ws.append([name, value])


def build_workbook(data: ReportData) -> Workbook:
    """A workbook with one row per application plus totals by year and level."""
    wb = Workbook()
    apps = wb.active
    assert apps is not None
    apps.title = "Applications"
    _applications(apps, data)
    _totals(wb.create_sheet("Totals"), data)
    _run(wb.create_sheet("Run"), data)
    return wb


def render_xlsx(data: ReportData, out: IO[bytes]) -> None:
    """Write the workbook to a binary stream."""
    build_workbook(data).save(out)
