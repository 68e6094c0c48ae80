"""The workbook: readable headers, a filterable table, totals as formulas that add up to the plan, a chart."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from grantstack.models.options import PlanOptions
from grantstack.reports import ReportData, write_report

SUMIFS = re.compile(r"=SUMIFS\(Plan!\$H\$2:\$H\$(\d+),(.*)\)")


def _column(ws, ref: str) -> list:  # type: ignore[no-untyped-def]
    """Values of a 'Plan!$A$2:$A$16' range."""
    m = re.fullmatch(r"Plan!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", ref)
    assert m, ref
    col = column_index_from_string(m.group(1))
    return [ws.cell(row=r, column=col).value for r in range(int(m.group(2)), int(m.group(4)) + 1)]


def _evaluate(wb, sheet, formula: str):  # type: ignore[no-untyped-def]
    """Evaluate the workbook's own formula kinds (SUMIFS over the Plan sheet, SUM of a local range)."""
    plan = wb["Plan"]
    if formula.startswith("=SUMIFS("):
        args = formula[len("=SUMIFS("):-1].split(",")
        amounts = _column(plan, args[0])
        keep = [True] * len(amounts)
        for rng, crit in zip(args[1::2], args[2::2], strict=True):
            want = sheet[crit.replace("$", "")].value
            keep = [k and v == want for k, v in zip(keep, _column(plan, rng), strict=True)]
        return sum(a for a, k in zip(amounts, keep, strict=True) if k)
    m = re.fullmatch(r"=SUM\((Plan!)?\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)\)", formula)
    assert m, formula
    target = plan if m.group(1) else sheet
    total = 0
    for row in target[f"{m.group(2)}{m.group(3)}:{m.group(4)}{m.group(5)}"]:
        for cell in row:
            value = _evaluate(wb, target, cell.value) if isinstance(cell.value, str) and cell.value.startswith("=") \
                else cell.value
            total += value if isinstance(value, int) else 0
    return total


def test_plan_sheet_is_a_filterable_table_of_typed_cells(example: ReportData, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    write_report(example, "xlsx", out)
    wb = load_workbook(out)
    ws = wb["Plan"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Year", "Measure", "Level"] and "Amount (yuan)" in header and "Why this amount" in header
    assert not any("_" in h for h in header)  # readable, not amount_yuan
    (table,) = ws.tables.values()
    assert table.displayName == "Applications" and table.ref == f"A1:N{len(example.rows) + 1}"
    assert table.autoFilter is not None or table.tableStyleInfo is not None
    amounts = [ws.cell(row=r, column=8).value for r in range(2, len(example.rows) + 2)]
    assert all(isinstance(a, int) for a in amounts) and sum(amounts) == example.result.total_yuan
    assert all(isinstance(ws.cell(row=r, column=9).value, bool) for r in range(2, len(example.rows) + 2))


def _totals(data: ReportData, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The written workbook, its Totals sheet, the Plan sheet's last row and the Totals rows by their label."""
    out = tmp_path / "plan.xlsx"
    write_report(data, "xlsx", out)
    wb = load_workbook(out)
    ws = wb["Totals"]
    return wb, ws, len(data.rows) + 1, {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}


def test_totals_are_formulas_that_add_up_to_the_plan(example: ReportData, tmp_path: Path) -> None:
    wb, ws, n, rows = _totals(example, tmp_path)
    for y in example.years:
        r = rows[y]
        for i, lvl in enumerate(example.levels):
            col = "BC"[i]
            formula = ws[f"{col}{r}"].value
            assert formula == f"=SUMIFS(Plan!$H$2:$H${n},Plan!$A$2:$A${n},$A{r},Plan!$C$2:$C${n},{col}$3)"
            assert ws[f"{col}3"].value == lvl
            assert _evaluate(wb, ws, formula) == example.by_year_level[y][lvl]
        assert ws[f"D{r}"].value == f"=SUM(B{r}:C{r})"
        assert _evaluate(wb, ws, ws[f"D{r}"].value) == example.year_total(y)
    r = rows["All years"]
    first, last = rows[example.years[0]], rows[example.years[-1]]
    assert [ws[f"{c}{r}"].value for c in "BCD"] == [f"=SUM({c}{first}:{c}{last})" for c in "BCD"]
    assert _evaluate(wb, ws, ws[f"D{r}"].value) == example.result.total_yuan
    assert ws[f"B{rows['Plan total']}"].value == f"=SUM(Plan!$H$2:$H${n})"
    assert _evaluate(wb, ws, ws[f"B{rows['Plan total']}"].value) == example.result.total_yuan
    issuer = "Tongzhou District Bureau of Economy and Information Technology"
    assert ws[f"B{rows[issuer]}"].value == f"=SUMIFS(Plan!$H$2:$H${n},Plan!$D$2:$D${n},$A{rows[issuer]})"
    assert _evaluate(wb, ws, ws[f"B{rows[issuer]}"].value) == example.result.total_yuan
    assert _evaluate(wb, ws, ws[f"B{rows['[003]']}"].value) == example.result.total_yuan
    (chart,) = ws._charts
    assert chart.grouping == "stacked" and chart.y_axis.title is not None and chart.x_axis.title is not None


def test_schedule_options_and_run_sheets(example: ReportData, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    write_report(example, "xlsx", out)
    wb = load_workbook(out)
    sched = wb["Schedule"]
    assert [c.value for c in sched[1]][2:7] == list(example.years)
    last = sched.max_row
    assert sched.cell(row=last, column=1).value == "Total paid"
    for i, y in enumerate(example.years):
        formula = sched.cell(row=last, column=3 + i).value
        assert formula.startswith("=SUM(")
        assert _evaluate(wb, sched, formula) == example.year_total(y)
    options = {r[0]: r for r in wb["Options"].iter_rows(min_row=2, values_only=True)}
    assert options["use_probability"][2] is False and options["time_limit"][2] == PlanOptions().time_limit
    assert options["money_unit"][2] == 1 and options["most_favourable_scope"][2] == "entity"
    run = {r[0]: r[1] for r in wb["Run"].iter_rows(min_row=2, values_only=True)}
    assert [k for k in run if "unit" in k.lower()] == ["Money unit (yuan)"]  # once
    assert run["Firm"] == "Tongzhou precision-equipment manufacturer" and run["Status"] == "OPTIMAL"
    assert run["Made on"] == "2026-03-01"


def test_what_the_total_rests_on_is_formulas_that_add_up(mixed: ReportData, tmp_path: Path) -> None:
    wb, ws, n, rows = _totals(mixed, tmp_path)
    assert [c.value for c in wb["Plan"][1]][13] == "Rests on"
    parts = {"no assumption": "assumption_free", "discretionary": "discretionary",
             "other assumption": "other_assumptions"}  # fmt: skip
    for name, key in parts.items():
        r = rows[name]
        assert ws[f"B{r}"].value == f"=SUMIFS(Plan!$H$2:$H${n},Plan!$N$2:$N${n},$A{r})"
        assert _evaluate(wb, ws, ws[f"B{r}"].value) == mixed.split[key]
    assert mixed.split == {"assumption_free": 3_600_000, "discretionary": 23_800_000, "other_assumptions": 1_000_000}
