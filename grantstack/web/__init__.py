"""grantstack serve: the advisor's local web page (FastAPI, server-rendered templates, bounded solver lanes)."""

from __future__ import annotations

from grantstack.web.app import ServeSettings, create_app
from grantstack.web.pool import Lane, SolvePool

__all__ = ["Lane", "ServeSettings", "SolvePool", "create_app"]
