"""The Jinja2 environment of the HTML reports (autoescaped), shared with the web page."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from grantstack.reports.charts import bar_chart, calendar, short_money
from grantstack.reports.model import DISCLAIMER, fmt_gap, fmt_yuan, status_note

__all__ = ["environment", "report_css"]


@lru_cache(maxsize=1)
def report_css() -> Markup:
    """The report's stylesheet (screen and A4 print), marked safe: it is our file, not user input."""
    return Markup(files("grantstack.reports").joinpath("templates/report.css").read_text(encoding="utf-8"))


def _version() -> str:
    from grantstack import __version__

    return __version__


def configure(env: Environment) -> Environment:
    """Add the report's filters and globals to an environment (the web page's too)."""
    env.filters["yuan"] = fmt_yuan
    env.filters["short"] = short_money
    env.globals.update(
        chart=bar_chart, calendar_of=calendar, status_note=status_note, gap=fmt_gap,
        disclaimer_text=DISCLAIMER, version=_version(),
    )  # fmt: skip
    return env


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Templates of grantstack/reports/templates, every value HTML-escaped unless marked safe."""
    env = Environment(
        loader=PackageLoader("grantstack.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    return configure(env)
