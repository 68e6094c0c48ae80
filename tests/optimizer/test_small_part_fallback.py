"""A small part on which the first CP-SAT configuration stalls is proved by the next one (optimizer/solve.py)."""

from __future__ import annotations

import pytest

from grantstack.benchmarks.gen_typical import typical_firm
from grantstack.benchmarks.registry import TYPICAL_YEARS
from grantstack.benchmarks.storage import INSTANCES, load_snapshot
from grantstack.models.firm import Firm
from grantstack.models.options import PlanOptions
from grantstack.models.vocabulary import vocabulary
from grantstack.optimizer import solve
from grantstack.optimizer.result import SolveStatus


@pytest.fixture(autouse=True)
def _cpsat_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stage-1 certificate (optimizer/stage1_bound.py) proves this part without CP-SAT: off here, where the
    subject is CP-SAT's configurations."""
    from grantstack.optimizer import stage1_bound

    monkeypatch.setattr(stage1_bound, "MAX_VARS", 0)


@pytest.fixture(scope="module")
def stalling_firm() -> tuple[object, Firm]:
    """Generated typical firm 1000567 (of the 10,000-firm portfolio): 50 variables, 59 rows. With only the light
    configuration CP-SAT stopped at FEASIBLE, gap 37%, after its whole work limit (10 deterministic units)."""
    catalogue = load_snapshot(INSTANCES)[0]
    data = typical_firm(1_000_567, catalogue, vocabulary(catalogue), TYPICAL_YEARS)
    return catalogue, Firm.model_validate(data)


def test_the_second_configuration_proves_what_the_first_cannot(stalling_firm: tuple[object, Firm]) -> None:
    catalogue, firm = stalling_firm
    result = solve.plan(catalogue, firm, TYPICAL_YEARS, PlanOptions())
    assert result.status == SolveStatus.OPTIMAL
    assert result.gap == 0.0 and not result.violations
    assert result.total_yuan == 140_792_500
    assert result.work < solve.FIRST_WORK + 0.5  # the first configuration's short budget, then a quick proof


def test_with_the_first_configuration_alone_it_is_not_proved(stalling_firm: tuple[object, Firm],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, firm = stalling_firm
    monkeypatch.setattr(solve, "SMALL_CONFIGS", solve.SMALL_CONFIGS[:1])
    result = solve.plan(catalogue, firm, TYPICAL_YEARS, PlanOptions(work_limit=0.5))
    assert result.status == SolveStatus.FEASIBLE  # the failure the fallback exists for (a short budget keeps it fast)
