"""A comparison rendered as a terminal table, CSV, an Excel workbook or JSON (HTML: compare_html.py)."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from grantstack.scenarios.comparison import Comparison
from grantstack.whatif.compare_doc import CSV_COLUMNS, compare_document, compare_rows

__all__ = ["print_compare", "render_compare"]


def _yuan(v: int | None) -> str:
    return "" if v is None else f"{v:,}"


def _signed(v: int) -> str:
    return f"{v:+,}" if v else "0"


def _summary(c: Comparison) -> Table:
    t = Table(title="Scenarios (yuan)", title_justify="left")
    for col in ("scenario", "status", "total", "difference", "added", "removed", "moved", "amount", "schedule"):
        t.add_column(col, justify="right" if col not in ("scenario", "status") else "left")
    base = c.base_result
    t.add_row(f"{c.base.name} (base)", str(base.status), _yuan(base.total_yuan), "", "", "", "", "", "")
    for v, r, d in zip(c.variants, c.results, c.diffs, strict=True):
        n = d.counts()
        t.add_row(v.name, str(r.status), _yuan(r.total_yuan), _signed(r.total_yuan - base.total_yuan),
                  str(n["added"]), str(n["removed"]), str(n["moved"]), str(n["amount"]), str(len(d.schedule)))
    return t


def _by_year(c: Comparison) -> Table:
    t = Table(title="Totals by year (yuan)", title_justify="left")
    t.add_column("year")
    t.add_column(c.base.name, justify="right")
    for v in c.variants:
        t.add_column(v.name, justify="right")
        t.add_column("change", justify="right")
    years = [x.key for x in c.diffs[0].by_year] if c.diffs else []
    for i, y in enumerate(years):
        cells = [y, _yuan(c.diffs[0].by_year[i].before)]
        for d in c.diffs:
            x = next((x for x in d.by_year if x.key == y), None)
            cells += [_yuan(x.after), _signed(x.difference)] if x else ["", ""]
        t.add_row(*cells)
    return t


def _decisions(c: Comparison) -> list[Table]:
    out = []
    for v, d in zip(c.variants, c.diffs, strict=True):
        if d.empty:
            continue
        t = Table(title=f"{v.name}: decisions that change", title_justify="left")
        for col in ("change", "measure", "subject", "year", "before", "after", "difference"):
            t.add_column(col, justify="right" if col in ("before", "after", "difference") else "left",
                         overflow="fold")
        for x in d.decisions:
            year = str(x.year_after or x.year_before) if x.kind != "moved" else f"{x.year_before} -> {x.year_after}"
            t.add_row(x.kind, x.measure, x.subject or "(firm)", year, _yuan(x.amount_before), _yuan(x.amount_after),
                      _signed(x.difference))
        for s in d.schedule:
            t.add_row("schedule", "", s.subject, f"{s.before or 'skipped'} -> {s.after or 'skipped'}", "", "", "")
        out.append(t)
    return out


def print_compare(c: Comparison, console: Console) -> None:
    """The comparison as terminal tables: scenarios, totals by year, and each variant's changed decisions."""
    console.print(_summary(c))
    console.print(_by_year(c))
    for t in _decisions(c):
        console.print(t)
    for v, d in zip(c.variants, c.diffs, strict=True):
        if d.empty:
            console.print(f"{v.name}: no decision changes (an empty diff).")


def _xlsx(c: Comparison, out: IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Summary"
    ws.append(["scenario", "status", "total_yuan", "difference_yuan", "added", "removed", "moved", "amount",
               "schedule"])
    ws.append([c.base.name, str(c.base_result.status), c.base_result.total_yuan, 0])
    for v, r, d in zip(c.variants, c.results, c.diffs, strict=True):
        n = d.counts()
        ws.append([v.name, str(r.status), r.total_yuan, r.total_yuan - c.base_result.total_yuan, n["added"],
                   n["removed"], n["moved"], n["amount"], len(d.schedule)])
    changes = wb.create_sheet("Changes")
    changes.append(list(CSV_COLUMNS))
    for row in compare_rows(c):
        changes.append(list(row))
    inputs = wb.create_sheet("Inputs")
    inputs.append(["role", "path", "sha256"])
    for i in compare_document(c)["inputs"]:
        inputs.append([i["role"], i["path"], i["sha256"]])
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, int) and not isinstance(cell.value, bool) and abs(cell.value) >= 10_000:
                    cell.number_format = "#,##0"
    wb.save(out)


def render_compare(c: Comparison, fmt: str, out: IO[Any]) -> None:
    """Write the comparison in one format: json, csv, xlsx (binary stream), html or table (text)."""
    if fmt == "json":
        json.dump(compare_document(c), out, indent=2, ensure_ascii=False, default=str)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(["" if v is None else v for v in row] for row in compare_rows(c))
    elif fmt == "xlsx":
        _xlsx(c, out)
    elif fmt == "html":
        from grantstack.whatif.compare_html import render_compare_html

        out.write(render_compare_html(c))
    else:
        print_compare(c, Console(file=out, width=160, force_terminal=False))
