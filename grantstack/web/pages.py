"""The page's templates: grantstack/web/templates first, then the report's sections and charts."""

from __future__ import annotations

from functools import lru_cache

import yaml
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from grantstack.models.firm import Firm
from grantstack.reports.templating import configure, report_css
from grantstack.web.forms import Field

__all__ = ["firm_yaml", "grouped", "templates"]


def grouped(fields: list[Field]) -> list[tuple[str, list[Field]]]:
    """Fields by group, groups in order of first appearance."""
    out: dict[str, list[Field]] = {}
    for f in fields:
        out.setdefault(f.group, []).append(f)
    return list(out.items())


def firm_yaml(firm: Firm) -> str:
    """The firm as YAML text for the editor (defaults left out)."""
    data = firm.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    """Autoescaped Jinja2 templates with the report's filters and globals."""
    env = Environment(
        loader=ChoiceLoader([PackageLoader("grantstack.web", "templates"),
                             PackageLoader("grantstack.reports", "templates")]),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        auto_reload=False,  # packaged templates do not change while serving: no stat() per render
    )  # fmt: skip
    configure(env)
    env.globals["report_css"] = report_css
    env.globals["firm_yaml"] = firm_yaml
    env.globals["grouped"] = grouped
    return Jinja2Templates(env=env)
