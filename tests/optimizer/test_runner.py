"""The CP-SAT runner and the tie-breaking stages around it (optimizer/solve.py _Runner, optimizer/canonical.py):
each stage solves exactly the model a fresh copy of stage 1's would give, parameters are built per run and
overrides, and every CP-SAT status maps to its SolveStatus."""

from __future__ import annotations

import time
from typing import Any

import pytest
from ortools.sat.python import cp_model_helper

from grantstack.models.options import PlanOptions
from grantstack.optimizer import canonical, stage1_bound
from grantstack.optimizer.canonical import Objectives, solve_part
from grantstack.optimizer.linear import LinearModel, add_row, cpsat_proto, set_objective
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.solve import _Runner, _status, solver_parameters


def _model() -> LinearModel:
    """x + y + z <= 5 over three integers in [0, 5]: every split pays 5 (stage 1); y and z pay late, so the
    earliest plan is x = 5 (stages 2-3); the base wants z, which no longer ties (stage 4 keeps x = 5)."""
    m = LinearModel()
    for name in ("x", "y", "z"):
        m.new_var(0, 5, name)
    m.add([0, 1, 2], [1, 1, 1], ub=5, tag="cap")
    m.maximize({0: 1, 1: 1, 2: 1})
    return m


def test_each_stage_solves_what_a_copy_of_stage_1s_model_would_be(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stages turn stage 1's proto into their own in place: stage 2-3 sees stage 1's rows, the total fixed
    and the tie-breaking objective; stage 4 sees that, the tie-breaking value fixed, and its own objective; each
    with the previous stage's plan as hint. Compared as text with protos built on fresh copies (stage 1 by CP-SAT:
    the stage-1 certificate, optimizer/stage1_bound.py, is off)."""
    monkeypatch.setattr(stage1_bound, "MAX_VARS", 0)
    m = _model()
    obj = Objectives(total={0: 1, 1: 1, 2: 1}, earliness={1: 1, 2: 2}, count={}, distance={0: 1, 2: -1})
    runner = _Runner(solver_parameters(PlanOptions()), time.perf_counter() + 60)
    seen: list[tuple[str, str, list[int]]] = []

    def run(proto: Any, hint: dict[str, list[int]] | None, stage: str, budget: float | None = None) -> Any:
        out = runner(proto, hint, stage, budget)
        seen.append((stage, str(proto), out[1]))
        return out

    part = solve_part(m, [0, 1, 2], [0], obj, run)
    assert part.status == SolveStatus.OPTIMAL and part.values == {0: 5, 1: 0, 2: 0}
    assert [s for s, _, _ in seen] == ["stage 1", "stages 2-3 (earliest money, fewest applications)",
                                    "stage 4 (closest to the base plan)"]
    expected = []
    proto = cpsat_proto(m, [0, 1, 2], [0])
    expected.append(str(proto))
    fixed: list[tuple[dict[int, int], int | None, int | None]] = [({0: 1, 1: 1, 2: 1}, 5, None)]
    for (terms, got), (_, _, hint) in zip((({1: 1, 2: 2}, 0), ({0: 1, 2: -1}, -5)), seen, strict=False):
        copy = cp_model_helper.CpModelProto()
        copy.copy_from(proto)
        for ts, lb, ub in fixed:
            add_row(copy, ts, lb, ub)
        set_objective(copy, terms, maximize=False)
        copy.solution_hint.vars.extend([0, 1, 2])
        copy.solution_hint.values.extend(hint)
        expected.append(str(copy))
        fixed.append((terms, None, got))
    assert [text for _, text, _ in seen] == expected


def test_parameters_follow_the_run_and_the_overrides() -> None:
    """Runners with other options get their own parameters and budget (templates are shared by equal settings
    only), and the fields a call changes never leak into the budget of the next."""
    a = _Runner(solver_parameters(PlanOptions(seed=1)), time.perf_counter() + 60)
    b = _Runner(solver_parameters(PlanOptions(seed=2, work_limit=3)), time.perf_counter() + 60)
    (pa, wa), (pb, wb) = a._parameters({}), b._parameters({"cut_level": 0})
    assert (pa.random_seed, wa, pa.cut_level) == (1, 10.0, 1)
    assert (pb.random_seed, wb, pb.cut_level) == (2, 3.0, 0)
    assert not pa.catch_sigint_signal  # Ctrl-C is handled by optimizer/interrupt.py
    m = _model()
    assert a(cpsat_proto(m), None, "stage 1", 1e-9)[0] == SolveStatus.UNKNOWN  # a tiny budget for this call ...
    again, work = a._parameters({})
    assert again is pa and work == 10.0  # ... is not the next call's
    assert a(cpsat_proto(m), None, "stage 1")[:3:2] == (SolveStatus.OPTIMAL, 5)


def test_a_certified_tie_stage_is_skipped_and_stage_4_sees_the_same_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """x + y <= 5, both paying 1 a unit, y a year later than x: stage 1's plan x = 5 (forced here) is the earliest,
    which the LP certificate proves (optimizer/tie_bound.py), so stages 2-3 make no CP-SAT call; stage 4 sees the
    same model, hint and plan as when the call is made (stage 1 by CP-SAT: its certificate is off)."""
    monkeypatch.setattr(stage1_bound, "MAX_VARS", 0)
    m = LinearModel()
    m.new_var(0, 5, "x")
    m.new_var(0, 5, "y")
    m.add([0, 1], [1, 1], ub=5, tag="cap")
    m.maximize({0: 1, 1: 1})
    obj = Objectives(total={0: 1, 1: 1}, earliness={1: 1}, count={}, distance={0: 1, 1: -1})
    runner = _Runner(solver_parameters(PlanOptions()), time.perf_counter() + 60)

    def outcome() -> tuple[list[tuple[str, str]], dict[int, int]]:
        seen: list[tuple[str, str]] = []

        def run(proto: Any, hint: dict[str, list[int]] | None, stage: str, budget: float | None = None) -> Any:
            out = runner(proto, hint, stage, budget)
            seen.append((stage, str(proto)))  # with the hint the call set
            return (out[0], [5, 0], *out[2:]) if stage == "stage 1" else out

        return seen, solve_part(m, [0, 1], [0], obj, run).values

    seen, values = outcome()
    assert [s for s, _ in seen] == ["stage 1", "stage 4 (closest to the base plan)"] and values == {0: 5, 1: 0}
    monkeypatch.setattr(canonical, "proves_canonical", lambda *a: False)
    called, same = outcome()
    assert [s for s, _ in called] == ["stage 1", "stages 2-3 (earliest money, fewest applications)",
                                      "stage 4 (closest to the base plan)"] and same == values
    assert seen[-1] == called[-1]


@pytest.mark.parametrize("name", ["UNKNOWN", "MODEL_INVALID", "FEASIBLE", "INFEASIBLE", "OPTIMAL"])
def test_every_cp_sat_status_maps_to_its_name(name: str) -> None:
    assert _status(getattr(cp_model_helper.CpSolverStatus, name)) == SolveStatus(name)
