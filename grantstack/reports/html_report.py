"""A self-contained HTML report from Jinja2 templates: inline CSS and SVG, no external assets, A4 print CSS."""

from __future__ import annotations

from typing import IO

from grantstack.reports.model import ReportData
from grantstack.reports.templating import environment, report_css

__all__ = ["html_text", "render_html"]


def html_text(data: ReportData) -> str:
    """The whole report as one HTML page."""
    return environment().get_template("report.html.j2").render(d=data, css=report_css())


def render_html(data: ReportData, out: IO[str]) -> None:
    """Write one HTML page that needs nothing but a browser."""
    out.write(html_text(data))
