"""Small hand-checkable catalogues and firms for the what-if tests (amounts worked out from the rules below)."""

from __future__ import annotations

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from tests import factories as fx

RATE = "t.pilot_rate"  # 30% of the year's investment, at most 10M per project over its run
AWARD = "t.recognition"  # 200,000 once, on a municipal S&S recognition
CERT = "t.cert"  # 50,000 per certified category, at most 300,000 an application


def catalogue() -> Catalogue:
    """Three measures: a capped rate on projects, a fixed award on a recognition, a per-unit certification."""
    return fx.catalogue(
        fx.measure(RATE, {"form": "rate", "percent": 30, "base": {"of": "project", "field": "investment"}},
                   subject="project", project_kinds=["pilot_testing"], caps=[{"per": "subject", "amount": 10_000_000}]),
        fx.measure(AWARD, {"form": "fixed", "amount": 200_000}, subject="event",
                   event_kinds=["recognition.ss_municipal"], timing={"once": "firm"}),
        fx.measure(CERT, {"form": "per_unit", "unit_amount": 50_000, "cap": 300_000}, subject="event",
                   event_kinds=["certification.international"]),
    )


def firm(investment: int = 30_000_000, recognition: int = 2030, categories: int = 4) -> Firm:
    """One pilot line (one year of investment in 2025), a recognition (fixed year), a certification in 2026."""
    return fx.firm(
        projects=[{"id": "line", "kinds": ["pilot_testing"], "start": 2025, "costs": {"investment": [investment]}}],
        events=[{"id": "ss", "kind": "recognition.ss_municipal", "year": recognition},
                {"id": "ce", "kind": "certification.international", "year": 2026, "count": categories}],
    )
