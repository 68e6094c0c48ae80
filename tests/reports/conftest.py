"""A real plan of the bundled example firm (solved once per session) for the report tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.loading import load_catalogue, load_firm
from grantstack.optimizer.result import PlanResult
from grantstack.optimizer.solve import plan
from grantstack.reports import ReportData, build_report

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "scenarios" / "firms" / "tongzhou_manufacturer.yaml"
MADE = date(2026, 3, 1)


@pytest.fixture(scope="session")
def bundled() -> Catalogue:
    """The bundled catalogue."""
    return load_catalogue()


@pytest.fixture(scope="session")
def example_firm() -> Firm:
    """The Tongzhou manufacturer of the quick start."""
    return load_firm(EXAMPLE)


@pytest.fixture(scope="session")
def example_result(bundled: Catalogue, example_firm: Firm) -> PlanResult:
    """Its optimal plan for 2025-2029."""
    return plan(bundled, example_firm, years=(2025, 2029))


@pytest.fixture(scope="session")
def example(example_result: PlanResult, bundled: Catalogue, example_firm: Firm) -> ReportData:
    """Its report data, made on a fixed date."""
    return build_report(example_result, bundled, example_firm, made=MADE)


from tests.cli.conftest import fake_solver, firm_file  # noqa: E402, F401 - shared fixtures


@pytest.fixture(scope="session")
def mixed(example_result: PlanResult, bundled: Catalogue, example_firm: Firm) -> ReportData:
    """The example's report with its first line (2025 Art. 4, 3,600,000) made assumption-free and its
    2027 Art. 4 line (1,000,000) resting on a non-default reading only: all three parts of the split."""
    plan_ = example_result.plan
    assert plan_ is not None
    apps = list(plan_.applications)
    for i, a in enumerate(apps):
        if a.measure == "tz.art4.pilot_testing" and a.year == 2025:
            apps[i] = a.model_copy(update={"flags": (), "discretionary": False})
        if a.measure == "tz.art4.pilot_testing" and a.year == 2027:
            apps[i] = a.model_copy(update={"flags": ("option:rate_basis=project_total",), "discretionary": False})
    changed = example_result.model_copy(update={"plan": plan_.model_copy(update={"applications": tuple(apps)})})
    return build_report(changed, bundled, example_firm, made=MADE)


@pytest.fixture(scope="session")
def with_readings(bundled: Catalogue, example_firm: Firm) -> ReportData:
    """The example's report with the value at stake of each other reading (plan(readings=True))."""
    return build_report(plan(bundled, example_firm, years=(2025, 2029), readings=True), bundled, example_firm,
                        made=MADE)  # fmt: skip
