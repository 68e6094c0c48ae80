"""The plan as CSV: one row per application."""

from __future__ import annotations

import csv
from typing import IO

from grantstack.reports.model import ReportData

__all__ = ["CSV_COLUMNS", "render_csv"]

CSV_COLUMNS = (
    "year",
    "measure",
    "title",
    "level",
    "subject",
    "amount_yuan",
    "discretionary",
    "binding",
    "citation",
)


def render_csv(data: ReportData, out: IO[str]) -> None:
    """Header plus one row per application; amounts in whole yuan, subject '(firm)' for firm-level."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in data.rows:
        w.writerow(
            [
                r.year,
                r.measure,
                r.title,
                r.level,
                r.subject,
                r.amount,
                str(r.discretionary).lower(),
                r.binding,
                r.citation,
            ]
        )
