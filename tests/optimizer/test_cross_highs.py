"""The same MILP solved by CP-SAT and by HiGHS (big-M for enforced rows) gives the same optimum, on 60 seeded
random instances; every CP-SAT plan passes the checker."""

from __future__ import annotations

import pytest

from grantstack.optimizer import build_model
from grantstack.optimizer.decode import decode_plan
from grantstack.optimizer.highs_worker import HighsWorker
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.solve import check, solve_cpsat, solver_parameters
from tests.optimizer.generators import random_instance


@pytest.mark.parametrize("seed", range(60))
def test_cpsat_and_highs_agree(seed: int, highs: HighsWorker) -> None:
    cat, f, options = random_instance(seed)
    b = build_model(cat, f, (2025, 2029), options)
    run = solve_cpsat(b.model, solver_parameters(options))
    assert run.status == SolveStatus.OPTIMAL
    sol = highs.solve(b.model, 30)
    assert sol.status == "Optimal" and sol.exact
    assert run.objective == sol.objective
    assert check(cat, f, decode_plan(b, run.values), options) == ()


def test_generator_is_seeded() -> None:
    assert random_instance(7)[0] == random_instance(7)[0] and random_instance(7)[1] == random_instance(7)[1]
