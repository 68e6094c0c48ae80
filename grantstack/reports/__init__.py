"""Plan reports in every format, each rendered into an atomically written file or a string."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from grantstack.reports.atomic import atomic_open, write_atomic
from grantstack.reports.csv_report import render_csv
from grantstack.reports.html_report import render_html
from grantstack.reports.json_report import SCHEMA_VERSION, render_json, to_document
from grantstack.reports.markdown_report import render_markdown
from grantstack.reports.model import ReportData, Row, build_report
from grantstack.reports.table_report import print_plan, render_table
from grantstack.reports.xlsx_report import render_xlsx

__all__ = [
    "BINARY",
    "FORMATS",
    "SCHEMA_VERSION",
    "SUFFIXES",
    "ReportData",
    "Row",
    "atomic_open",
    "build_report",
    "print_plan",
    "render",
    "to_document",
    "write_atomic",
    "write_report",
]

FORMATS: dict[str, Callable[[ReportData, IO[Any]], None]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "xlsx": render_xlsx,
    "html": render_html,
    "md": render_markdown,
}
"""Renderer per format name; each writes to an open stream."""

BINARY = frozenset({"xlsx"})
"""Formats written as bytes."""

SUFFIXES = {
    ".txt": "table",
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
}
"""Format implied by an output file's suffix."""


def render(data: ReportData, fmt: str) -> str | bytes:
    """The report as a string (bytes for xlsx)."""
    buf: IO[Any] = io.BytesIO() if fmt in BINARY else io.StringIO()
    FORMATS[fmt](data, buf)
    return buf.getvalue()


def write_report(data: ReportData, fmt: str, path: str | Path) -> None:
    """Render straight into a temp file next to `path`, then move it into place; errors leave no file."""
    renderer = FORMATS[fmt]
    with atomic_open(path, binary=fmt in BINARY) as fh:
        renderer(data, fh)
