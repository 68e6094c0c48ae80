"""Fixtures for CLI and report tests: a hand-built PlanResult over a tiny catalogue, and a fake solver."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.options import PlanOptions
from grantstack.models.plan import Application, Plan
from grantstack.optimizer.result import PlanResult, SolveStatus
from tests.factories import catalogue, measure

ROOT = Path(__file__).resolve().parents[2]


def tiny_catalogue() -> Catalogue:
    """One municipal and two district (Tongzhou) measures."""
    return catalogue(
        measure(
            "t.muni.award",
            {"form": "fixed", "amount": 500_000},
            level="municipal",
            district=None,
            title="Municipal award for a test",
        ),
        measure("t.dist.rate", {"form": "fixed", "amount": 300_000}, title="District rate <b>& co</b>"),
        measure("t.dist.upto", {"form": "up_to", "max": 200_000}, title="District up-to grant"),
    )


APPLICATIONS = (
    Application(
        measure="t.muni.award", year=2025, amount=500_000, citation="003 Art. 1 — Test document", binding="ceiling"
    ),
    Application(
        measure="t.dist.rate",
        subject="line-1",
        year=2025,
        amount=300_000,
        citation="003 Art. 2 <script>alert(1)</script>",
        binding="cap.year t.dist.rate",
    ),
    Application(
        measure="t.dist.rate", subject="line-1", year=2026, amount=250_000, citation="003 Art. 2", binding="cap.subject"
    ),
    Application(measure="t.dist.upto", year=2027, amount=123_000, citation="003 Art. 3 | piped", discretionary=True),
    Application(measure="t.not.in.catalogue", year=2027, amount=7_000, citation="999 Art. 9"),
)


def make_result(status: SolveStatus = SolveStatus.OPTIMAL, with_plan: bool = True, **extra: Any) -> PlanResult:
    """A PlanResult built by hand (no solver), firm 'f', years 2025-2027."""
    plan = Plan(firm="f", years=(2025, 2027), applications=APPLICATIONS, schedule={"ev": 2026, "opt": None})
    total = plan.total if with_plan else 0
    data: dict[str, Any] = {
        "status": status,
        "firm": "f",
        "years": (2025, 2027),
        "plan": plan if with_plan else None,
        "total_yuan": total,
        "objective": float(total) if with_plan else None,
        "best_bound": float(total) if with_plan else None,
        "gap": 0.0 if with_plan else None,
        "build_seconds": 0.12,
        "solve_seconds": 0.34,
        "money_unit": 1000,
        "options": PlanOptions(),
        "solver_parameters": {"num_workers": "1"},
        "model_size": {"variables": 10},
    }
    data.update(extra)
    return PlanResult(**data)


@pytest.fixture
def result() -> PlanResult:
    """An OPTIMAL hand-built result."""
    return make_result()


@pytest.fixture
def tiny() -> Catalogue:
    """The tiny catalogue the hand-built result refers to."""
    return tiny_catalogue()


@pytest.fixture
def fake_solver(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Replace optimizer.solve and optimizer.explain by fakes; set box['result'] to choose the answer."""
    box: dict[str, Any] = {"result": make_result(), "calls": []}

    def plan(cat: Catalogue, firm: Any, years: tuple[int, int] = (2025, 2029), options: Any = None,
             readings: bool = False) -> PlanResult:
        box["calls"].append((firm.id, years, options))
        return box["result"]

    def explain(cat: Catalogue, firm: Any, years: tuple[int, int], options: Any) -> list[Any]:
        from grantstack.optimizer.result import Explanation

        box["calls"].append((firm.id, years, options))
        return [
            Explanation(measure="t.muni.award", in_plan=True, reason="pays most", rule="objective"),
            Explanation(
                measure="t.dist.rate",
                in_plan=False,
                reason="lost to t.muni.award in group g",
                rule="group",
                value_if_forced=100,
                value_lost=50,
                citation="003 Art. 2",
            ),
        ]

    stopped = type("WallClockExceeded", (RuntimeError,), {})
    monkeypatch.setitem(sys.modules, "grantstack.optimizer.solve",
                        types.SimpleNamespace(plan=plan, WallClockExceeded=stopped))
    monkeypatch.setitem(sys.modules, "grantstack.optimizer.explain", types.SimpleNamespace(explain=explain))
    return box


@pytest.fixture
def firm_file(tmp_path: Path) -> Path:
    """A minimal valid firm file."""
    p = tmp_path / "firm.yaml"
    p.write_text("id: f\ndistrict: tongzhou\ntags: [advanced_manufacturing]\n", encoding="utf-8")
    return p
