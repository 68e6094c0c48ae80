"""The PDF report: the HTML report laid out on A4 pages by WeasyPrint (optional extra grantstack[pdf])."""

from __future__ import annotations

from typing import IO

from grantstack.models.loading import InputError
from grantstack.reports.html_report import html_text
from grantstack.reports.model import ReportData

__all__ = ["pdf_available", "render_pdf"]

INSTALL_HINT = (
    "PDF output needs WeasyPrint and the Pango library: pip install 'grantstack[pdf]' "
    "(Debian/Ubuntu: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0)"
)


def _weasyprint():  # type: ignore[no-untyped-def]
    """The weasyprint module, or InputError naming what to install (a missing package or system library)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise InputError(f"--out *.pdf: {INSTALL_HINT}; {type(exc).__name__}: {exc}".split("\n")[0]) from None
    return weasyprint


def pdf_available() -> str | None:
    """None when PDF output works here, else the one-line hint naming what to install."""
    try:
        _weasyprint()
    except InputError as exc:
        return str(exc)
    return None


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """The report is self-contained: WeasyPrint may fetch nothing (no file, no network)."""
    raise ValueError(f"the report fetches no resources ({url[:80]})")


def render_pdf(data: ReportData, out: IO[bytes]) -> None:
    """Write the report as an A4 PDF (print CSS: repeated table headers, rows never split across pages)."""
    weasyprint = _weasyprint()
    weasyprint.HTML(string=html_text(data), base_url=None, url_fetcher=_no_fetch).write_pdf(out)
