"""The summary of a batch of firms (plan-many): one row per firm, as a table, CSV, xlsx, JSON or a DataFrame."""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from grantstack.batch_row import ERROR, NOT_RUN, FirmRow
from grantstack.reports.atomic import atomic_open

if TYPE_CHECKING:  # Rich and the report models only for the table: a JSON or CSV summary does without them
    import pandas
    from rich.console import Group

__all__ = ["ERROR", "NOT_RUN", "SUMMARY_FORMATS", "SUMMARY_SCHEMA_VERSION", "Book", "FirmRow"]

SUMMARY_SCHEMA_VERSION = "1.0"
SUMMARY_FORMATS = ("table", "csv", "json", "xlsx")
_SUFFIXES = {".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".txt": "table"}


def _top(row: FirmRow) -> str:
    return "; ".join(f"{m} ({a:,})" for m, a in row.top_measures)


@dataclass
class Book:
    """Every firm of a batch in input order (those not reached marked NOT_RUN) and how the run went."""

    rows: list[FirmRow]
    years: tuple[int, int]
    interrupted: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    executor: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    inputs: dict[str, Any] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Every firm was reached (planned or failed)."""
        return not self.interrupted and all(r.status != NOT_RUN for r in self.rows)

    @property
    def exit_code(self) -> int:
        """0 every firm proven optimal; 1 any not proven, failed or not run; 130 interrupted."""
        if self.interrupted:
            return 130
        return 0 if all(r.ok for r in self.rows) else 1

    def counts(self) -> dict[str, int]:
        """Firms by outcome: optimal, not proven (planned but not OPTIMAL or with violations), failed, not run."""
        out = {"firms": len(self.rows), "optimal": 0, "not_proven": 0, "failed": 0, "not_run": 0}
        for r in self.rows:
            key = "optimal" if r.ok else "failed" if r.status == ERROR or r.error else "not_run" \
                if r.status == NOT_RUN else "not_proven"
            out[key] += 1
        return out

    def year_columns(self) -> list[int]:
        """Every year of the horizon (and any other year a plan pays in)."""
        years = set(range(self.years[0], self.years[1] + 1))
        for r in self.rows:
            years |= set(r.by_year)
        return sorted(years)

    def headline(self) -> str:
        """One line: firms, outcomes, total, and INCOMPLETE when interrupted."""
        c = self.counts()
        total = sum(r.total_yuan or 0 for r in self.rows)
        text = (f"{c['firms']} firm(s): {c['optimal']} proven optimal, {c['not_proven']} not proven, "
                f"{c['failed']} failed; total {total:,} yuan over {self.years[0]}-{self.years[1]}")
        if not self.complete:
            text += f"; INCOMPLETE (interrupted): {c['not_run']} firm(s) not planned"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The versioned JSON document (kind grantstack.plan-many)."""
        return {"schema_version": SUMMARY_SCHEMA_VERSION, "kind": "grantstack.plan-many",
                "complete": self.complete, "interrupted": self.interrupted, **self.counts(),
                "years": list(self.years), "total_yuan": sum(r.total_yuan or 0 for r in self.rows),
                "seconds": round(self.seconds, 3), "executor": self.executor, "options": self.options,
                "inputs": self.inputs, "rows": [r.to_dict() for r in self.rows]}

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON document as text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def columns(self) -> list[str]:
        """Flat columns (CSV, xlsx, DataFrame): one per year for the yearly totals."""
        years = [f"yuan_{y}" for y in self.year_columns()]
        return ["name", "file", "firm", "status", "total_yuan", *years, "gap", "applications", "top_measures",
                "warnings", "violations", "error", "report", "seconds", "file_sha256"]

    def records(self) -> list[list[Any]]:
        """One flat list per firm, in the order of columns()."""
        years = self.year_columns()
        return [[r.name, r.file or "", r.firm, r.status, r.total_yuan, *(r.by_year.get(y) for y in years), r.gap,
                 r.applications, _top(r), " | ".join(r.warnings), r.violations, r.error or "", r.report or "",
                 round(r.seconds, 4), r.sha256 or ""] for r in self.rows]

    def to_frame(self) -> pandas.DataFrame:
        """One row per firm (the CSV's columns)."""
        import pandas

        return pandas.DataFrame(self.records(), columns=self.columns())

    def render(self, fmt: str, out: IO[Any]) -> None:
        """Write the summary in one of SUMMARY_FORMATS to a stream (bytes for xlsx)."""
        if fmt == "json":
            out.write(self.to_json() + "\n")
        elif fmt == "csv":
            w = csv.writer(out, lineterminator="\n")
            w.writerow(self.columns())
            w.writerows(self.records())
        elif fmt == "xlsx":
            self._workbook().save(out)
        else:
            from rich.console import Console

            Console(file=out, width=160, force_terminal=False).print(self.table())

    def write(self, path: str | Path, fmt: str | None = None) -> str:
        """Write the summary atomically (format from the suffix unless given); returns the format used."""
        form = fmt or _SUFFIXES.get(Path(path).suffix.lower(), "table")
        with atomic_open(path, binary=form == "xlsx") as fh:
            self.render(form, fh)
        return form

    def text(self, fmt: str) -> str:
        """The summary as text (table, csv or json)."""
        buf = io.StringIO()
        self.render(fmt, buf)
        return buf.getvalue()

    def table(self) -> Group:
        """A rich table (one row per firm), then each firm's error and warnings in full, then the headline."""
        from rich.console import Group
        from rich.markup import escape
        from rich.table import Table
        from rich.text import Text

        from grantstack.reports.model import fmt_gap, fmt_yuan

        t = Table(title="plan-many", title_justify="left")
        t.add_column("Firm", overflow="fold", min_width=12)
        t.add_column("Status", no_wrap=True)
        t.add_column("Total (yuan)", justify="right", no_wrap=True)
        years = self.year_columns()
        for y in years:
            t.add_column(str(y), justify="right", no_wrap=True)
        t.add_column("Gap", justify="right", no_wrap=True)
        t.add_column("Apps", justify="right", no_wrap=True)
        t.add_column("Top measures (yuan)", overflow="fold", min_width=44, ratio=1)
        style = {"OPTIMAL": "green", ERROR: "bold red", NOT_RUN: "dim"}
        notes: list[str] = []
        for r in self.rows:
            mark = ""
            if r.error or r.warnings or r.violations:
                notes += [f"[bold]{escape(r.firm or r.name)}[/] ({escape(r.file or 'given in code')}): "
                          f"{escape(text)}" for text in self._notes(r)]
                mark = " *"
            top = "\n".join(f"{m} ({a:,})" for m, a in r.top_measures)
            t.add_row(escape(r.firm or r.name) + mark, f"[{style.get(r.status, 'yellow')}]{r.status}[/]",
                      fmt_yuan(r.total_yuan), *(fmt_yuan(r.by_year.get(y)) for y in years), fmt_gap(r.gap),
                      str(r.applications) if r.status not in (ERROR, NOT_RUN) else "", escape(top))
        parts: list[Any] = [t]
        if notes:
            parts.append(Text.from_markup("* " + "\n* ".join(notes)))
        parts.append(Text(self.headline(), style="bold"))
        return Group(*parts)

    @staticmethod
    def _notes(row: FirmRow) -> list[str]:
        out = [f"error: {row.error}"] if row.error else []
        out += [f"warning: {w}" for w in row.warnings]
        if row.violations:
            out.append(f"{row.violations} checker violation(s): see its report")
        return out

    def _workbook(self) -> Any:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = "Firms"
        ws.append(self.columns())
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for rec in self.records():
            ws.append(rec)
        ws.freeze_panes = "A2"
        run = wb.create_sheet("Run")
        run.append(["field", "value"])
        doc = self.to_dict()
        for key in ("complete", "interrupted", "firms", "optimal", "not_proven", "failed", "not_run", "total_yuan",
                    "seconds"):
            run.append([key, doc[key]])
        run.append(["years", f"{self.years[0]}-{self.years[1]}"])
        options = {k: v for k, v in self.options.items() if k != "interpretation"}
        groups = {"executor": self.executor, "option": options,
                  "interpretation": self.options.get("interpretation", {}), "input": self.inputs}
        for prefix, values in groups.items():
            for key, value in values.items():
                shown = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value
                run.append([f"{prefix}.{key}", shown])
        return wb

    def __repr__(self) -> str:
        return f"Book({self.headline()})"

    def _repr_html_(self) -> str:
        return f"<p><b>grantstack plan-many</b>: {html.escape(self.headline())}</p>" + \
            self.to_frame().to_html(index=False, border=0)
