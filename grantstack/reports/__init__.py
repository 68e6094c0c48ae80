"""Plan reports in every format, each rendered into an atomically written file or a string.

Each format's renderer is imported when it is first used (openpyxl for xlsx, Jinja2 for HTML, Rich for the
table), so a command pays only for the report it writes; the other names load on first use (PEP 562)."""

from __future__ import annotations

import io
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from grantstack.models.errors import InputError
from grantstack.reports.atomic import atomic_open, write_atomic

if TYPE_CHECKING:
    from grantstack.reports.json_report import SCHEMA_VERSION, to_document
    from grantstack.reports.model import ReportData, Row, build_report
    from grantstack.reports.pdf_report import pdf_available
    from grantstack.reports.table_report import print_plan

__all__ = [
    "BINARY",
    "FORMATS",
    "SCHEMA_VERSION",
    "SUFFIXES",
    "ReportData",
    "Row",
    "atomic_open",
    "build_report",
    "format_for",
    "pdf_available",
    "print_plan",
    "render",
    "to_document",
    "write_atomic",
    "write_report",
]

_RENDERERS = {
    "table": ("table_report", "render_table"),
    "json": ("json_report", "render_json"),
    "csv": ("csv_report", "render_csv"),
    "xlsx": ("xlsx_report", "render_xlsx"),
    "html": ("html_report", "render_html"),
    "md": ("markdown_report", "render_markdown"),
    "pdf": ("pdf_report", "render_pdf"),
}
_LAZY = {"SCHEMA_VERSION": "json_report", "to_document": "json_report", "ReportData": "model", "Row": "model",
         "build_report": "model", "print_plan": "table_report", "pdf_available": "pdf_report"}


def _renderer(fmt: str) -> Callable[[ReportData, IO[Any]], None]:
    module, name = _RENDERERS[fmt]
    return getattr(import_module(f"grantstack.reports.{module}"), name)  # type: ignore[no-any-return]


def _lazy(fmt: str) -> Callable[[ReportData, IO[Any]], None]:
    def render_format(data: ReportData, stream: IO[Any]) -> None:
        _renderer(fmt)(data, stream)

    return render_format


FORMATS: dict[str, Callable[[ReportData, IO[Any]], None]] = {fmt: _lazy(fmt) for fmt in _RENDERERS}
"""Renderer per format name; each writes to an open stream (its module is imported on first use)."""


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f"grantstack.reports.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'grantstack.reports' has no attribute {name!r}")


BINARY = frozenset({"xlsx", "pdf"})
"""Formats written as bytes."""

SUFFIXES = {
    ".txt": "table",
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".pdf": "pdf",
}
"""Format implied by an output file's suffix."""


def format_for(fmt: str | None, out: str | Path | None) -> str:
    """The format to write: as given, else implied by the --out suffix, else the terminal table.

    A suffix no format writes, or one that contradicts the given format, is an InputError (exit 2): a
    .pdf must hold a PDF and an .xlsx a workbook, never a text table or JSON.
    """
    if out is None:
        return fmt or "table"
    suffix = Path(out).suffix.lower()
    implied = SUFFIXES.get(suffix)
    known = ", ".join(sorted(SUFFIXES))
    if implied is None:
        what = f"the suffix '{suffix}'" if suffix else "a file name without a suffix"
        raise InputError(f"--out {out}: {what} names no report format; use one of {known} (or --format table "
                         "with a .txt file).")
    if fmt is not None and fmt != implied:
        want = ", ".join(s for s, f in SUFFIXES.items() if f == fmt)
        raise InputError(f"--format {fmt} does not match --out {out} (a {suffix} file holds {implied}); "
                         f"write {fmt} to a {want} file, or drop --format.")
    return implied


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
