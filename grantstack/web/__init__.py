"""grantstack serve: the advisor's local web page (FastAPI, server-rendered templates, bounded solver lanes).

The names below load on first use, so the solver's worker processes (which import grantstack.web.work) never
import FastAPI, the templates or the page's code.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grantstack.web.app import ServeSettings, create_app
    from grantstack.web.pool import Lane, SolvePool

__all__ = ["Lane", "ServeSettings", "SolvePool", "create_app"]

_HOME = {"Lane": "pool", "SolvePool": "pool", "ServeSettings": "app", "create_app": "app"}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(f"grantstack.web.{_HOME[name]}"), name)
    raise AttributeError(f"module 'grantstack.web' has no attribute {name!r}")
