"""The readings' quick tries (optimizer/solve.py QuickStart): a reading's stage 1, of which only the proven total is
used, first tries a lighter CP-SAT configuration on its whole model; the readings are field for field what the
plain solves give, a try that does not prove its model hands it back to the plain solve and ends the tries, and
only readings whose total is their objective try at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.loading import load_catalogue, load_firm
from grantstack.models.options import GENEROUS, Interpretation, PlanOptions
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.stage1_memo import StageOneMemo
from tests.optimizer.readings_built import readings_built

FIRMS = Path(__file__).resolve().parents[2] / "scenarios" / "firms"
YEARS = (2025, 2029)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


def _fields(result: Any) -> list[dict[str, Any]]:
    return [x.model_dump(exclude={"seconds"}) for x in result.readings]


@pytest.mark.parametrize("options", [PlanOptions(), PlanOptions(interpretation=Interpretation(**GENEROUS))],
                         ids=["defaults", "generous"])
def test_quick_readings_are_those_of_plain_solves(cat: Catalogue, options: PlanOptions,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example firm: each reading (total, objective, difference, status, measures, the checker's findings)
    is the same with the quick tries as with every model solved as the plan's, and the plan is the same; tries
    were made on five firms or more (not where a model has many integer amounts, nor where the memo holds parts of
    its sizes). The stage-1 certificate (optimizer/stage1_bound.py) proves most of these models without a solver
    call, so it is off here: the quick tries are what this test exercises."""
    import grantstack.optimizer.readings as readings
    import grantstack.optimizer.solve as solve
    import grantstack.optimizer.stage1_bound as stage1_bound

    monkeypatch.setattr(stage1_bound, "MAX_VARS", 0)

    tried: list[bool] = []
    real = solve._Runner.__call__

    def counted(self: Any, proto: Any, hint: Any, stage: str, budget: float | None = None) -> Any:
        tried.append(self.quick is not None)
        return real(self, proto, hint, stage, budget)

    monkeypatch.setattr(solve._Runner, "__call__", counted)
    quick_firms = set()
    for path in sorted(FIRMS.glob("*.yaml")):
        firm = load_firm(path, cat)
        tried.clear()
        quick = solve.plan(cat, firm, YEARS, options, readings=True)
        if any(tried):
            quick_firms.add(path.stem)
        with monkeypatch.context() as m:
            m.setattr(readings, "_total_is_objective", lambda options: False)
            plain = solve.plan(cat, firm, YEARS, options, readings=True)
        assert (quick.total_yuan, quick.plan) == (plain.total_yuan, plain.plan), path.stem
        assert _fields(quick) == _fields(plain), path.stem
        assert all(x.status == SolveStatus.OPTIMAL for x in quick.readings), path.stem
    assert len(quick_firms) >= 5


def test_a_try_that_does_not_prove_its_model_hands_it_to_the_plain_solve(cat: Catalogue,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A quick try stopped at its conflicts (here none allowed) ends the tries for the run (QuickStart off) and the
    model is solved as without them: the same status, values, objective and bound; later models try no more."""
    import grantstack.optimizer.solve as solve
    from grantstack.optimizer.assemble import build_model

    firm = load_firm(FIRMS / "shunyi_tech_service.yaml", cat)
    b = build_model(cat, firm, YEARS, PlanOptions())
    plain = solve.solve_model(b, stages=False)
    assert solve._quick_fits(b.model) and plain.status == SolveStatus.OPTIMAL
    monkeypatch.setattr(solve, "QUICK_CONFIG", {**solve.QUICK_CONFIG, "max_number_of_conflicts": 0})
    quick = solve.QuickStart()
    got = solve.solve_model(build_model(cat, firm, YEARS, PlanOptions()), stages=False, quick=quick)
    assert not quick.on
    assert (got.status, got.values, got.objective, got.bound) == (plain.status, plain.values, plain.objective,
                                                                  plain.bound)
    calls: list[bool] = []
    real = solve._Runner.__call__
    monkeypatch.setattr(solve._Runner, "__call__",
                        lambda self, *a: calls.append(self.quick is not None) or real(self, *a))
    solve.solve_model(build_model(cat, firm, YEARS, PlanOptions()), stages=False, quick=quick)
    assert calls and not any(calls)  # off: solved as the plan's parts are


def test_the_parts_are_looked_for_only_where_the_memo_may_hold_one(cat: Catalogue,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Shunyi's model has integer amounts, so one of its parts goes to CP-SAT: with a memo holding only a part with
    more rows than the whole model, its parts are not looked for before the quick try (none can be known), and the
    result is the plain solve's; with the memo of its own plan, they are, and every one is taken from it (no call)."""
    import grantstack.optimizer.solve as solve
    from grantstack.optimizer.assemble import build_model

    def model(name: str) -> Any:
        return build_model(cat, load_firm(FIRMS / f"{name}.yaml", cat), YEARS, PlanOptions())

    plain = solve.solve_model(model("shunyi_tech_service"), stages=False)
    assert solve._integers(model("shunyi_tech_service").model) > 0
    parts: list[int] = []
    real_parts = solve._parts
    monkeypatch.setattr(solve, "_parts", lambda b: parts.append(1) or real_parts(b))
    other = StageOneMemo()
    solve.solve_model(model("tongzhou_manufacturer"), memo=other)  # its parts have more rows than Shunyi's model
    big = model("shunyi_tech_service")
    assert not other.may_hold(big.model.num_vars, len(big.model.rows), solve.solver_parameters(big.options))
    parts.clear()
    got = solve.solve_model(big, stages=False, memo=other, quick=solve.QuickStart())
    assert not parts and (got.status, got.objective, got.bound) == (plain.status, plain.objective, plain.bound)
    own = StageOneMemo()
    solve.solve_model(model("shunyi_tech_service"), memo=own)  # the plan's own stage 1 (stages 2-3 not kept)
    calls: list[str] = []
    real = solve._Runner.__call__
    monkeypatch.setattr(solve._Runner, "__call__", lambda self, *a: calls.append(a[2]) or real(self, *a))
    parts.clear()
    got = solve.solve_model(model("shunyi_tech_service"), stages=False, memo=own, quick=solve.QuickStart())
    assert parts and not calls and (got.status, got.objective) == (plain.status, plain.objective)


def test_a_quick_try_needs_a_small_model_with_few_integer_amounts() -> None:
    """_quick_fits: fewer than QUICK_BELOW variables, at most QUICK_INTEGERS free ones beyond booleans (fixed
    variables and booleans do not count)."""
    from grantstack.optimizer.linear import LinearModel
    from grantstack.optimizer.solve import QUICK_BELOW, QUICK_INTEGERS, _quick_fits

    m = LinearModel()
    for i in range(QUICK_INTEGERS):
        m.new_var(0, 1_000_000, f"x{i}")
    m.new_var(5, 5, "fixed")
    m.new_var(0, 1, "b")
    assert _quick_fits(m)
    m.new_var(-1, 0, "one more integer")
    assert not _quick_fits(m)
    big = LinearModel()
    for i in range(QUICK_BELOW - 1):
        big.new_var(0, 1, f"b{i}")
    assert _quick_fits(big)
    big.new_var(0, 1, "one more")
    assert not _quick_fits(big)


@pytest.mark.parametrize("options", [PlanOptions(use_probability=True), PlanOptions(discount_rate="0.05"),
                                     PlanOptions(effort_cost=50_000), PlanOptions(relative_gap="0.01")],
                         ids=["probability", "discount", "effort", "gap"])
def test_no_quick_try_where_the_total_is_not_the_objective(cat: Catalogue, options: PlanOptions,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Weighted objectives (probability, discount, effort) can tie plans of different totals, and a gap stops
    short: there any other search could show another total, so every reading is solved as the plan's."""
    import grantstack.optimizer.readings as readings
    import grantstack.optimizer.solve as solve

    seen: list[object] = []
    real = solve.solve_model

    def recorded(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs.get("quick"))
        return real(*args, **kwargs)

    monkeypatch.setattr(solve, "solve_model", recorded)
    firm = load_firm(FIRMS / "shunyi_tech_service.yaml", cat)
    r = solve.plan(cat, firm, YEARS, options, readings=True)
    assert r.readings and len(seen) >= len(r.readings) - 1 and all(q is None for q in seen)
    assert readings._total_is_objective(PlanOptions())


def test_a_quick_memo_takes_the_plans_parts_but_not_the_other_way() -> None:
    """The readings' memo (wrapped with quick) takes a part the plan's own stage 1 solved with the same parameters;
    a plain memo never takes what a quick try found (another search may end at another plan of the same total)."""
    from grantstack.optimizer.linear import LinearModel, cpsat_proto

    def part() -> Any:
        m = LinearModel()
        x, y = m.new_var(0, 5, "x"), m.new_var(0, 5, "y")
        m.add([x, y], [1, 1], ub=5)
        m.maximize({x: 1, y: 2})
        return cpsat_proto(m)

    calls: list[int] = []

    def runner(proto: Any, hint: Any, stage: str, budget: float | None = None) -> Any:
        calls.append(1)
        return SolveStatus.OPTIMAL, [0, len(calls)], 10, 10, 0.001

    memo = StageOneMemo()
    params = {"num_workers": 1}
    assert memo.wrap(runner, params)(part(), None, "stage 1")[1] == [0, 1]  # the plan's
    assert memo.wrap(runner, params, quick=True)(part(), None, "stage 1")[1] == [0, 1]  # taken
    other = StageOneMemo()
    assert other.wrap(runner, params, quick=True)(part(), None, "stage 1")[1] == [0, 2]  # a reading's
    assert other.wrap(runner, params)(part(), None, "stage 1")[1] == [0, 3]  # not taken by a plain run
    assert other.wrap(runner, params, quick=True)(part(), None, "stage 1")[1] == [0, 3]  # the plain one first
    assert (memo.reused, other.solved, other.reused) == (1, 2, 1)


def test_the_memo_may_know_parts_only_of_sizes_a_plain_run_solved() -> None:
    """may_know: every size (variables, constraints) among those a plain runner with the same parameters solved;
    a quick run's parts and other parameters do not count; no part at all is known. may_hold: a part a plain
    runner solved has at most the model's variables and constraints (at the edge: equal in both)."""

    def runner(proto: Any, hint: Any, stage: str, budget: float | None = None) -> Any:
        return SolveStatus.OPTIMAL, [0] * len(proto.variables), 1, 1, 0.001

    from grantstack.optimizer.linear import LinearModel, cpsat_proto

    def part(n: int) -> Any:
        m = LinearModel()
        vs = [m.new_var(0, 1, f"b{i}") for i in range(n)]
        m.add(vs, [1] * n, ub=1)
        m.maximize({v: 1 for v in vs})
        return cpsat_proto(m)

    memo, params = StageOneMemo(), {"num_workers": 1}
    memo.wrap(runner, params)(part(3), None, "stage 1")
    memo.wrap(runner, params, quick=True)(part(4), None, "stage 1")
    assert memo.may_know([(3, 1)], params) and memo.may_know([], params)
    assert not memo.may_know([(3, 1), (4, 1)], params) and not memo.may_know([(3, 1)], {"num_workers": 2})
    assert memo.may_hold(3, 1, params) and memo.may_hold(9, 9, params)
    assert not memo.may_hold(2, 1, params) and not memo.may_hold(3, 0, params)  # one fewer variable or row
    assert not memo.may_hold(9, 9, {"num_workers": 2})  # solved with other parameters
    memo.wrap(runner, params, quick=True)(part(2), None, "stage 1")
    assert not memo.may_hold(2, 1, params)  # a quick run's part does not count


def _run_fields(solve_with: Any, *args: Any) -> tuple:
    """A run's status, values, objective, bound, work and notes, or that its quick try did not prove the model."""
    from grantstack.optimizer import solve

    try:
        run = solve_with(*args)
    except solve._QuickMissed:
        return ("the quick try did not prove it",)
    return run.status, run.values, run.objective, run.bound, run.work, run.notes


def test_a_model_solved_whole_is_what_its_one_part_gives(cat: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    """solve._solve_whole (a reading's model solved whole, no bookkeeping of parts) gives, field by field, the run
    _solve_model gives with the whole model as its one part: every example firm's readings, defaults and generous,
    with a fresh memo each; and for outcomes the example firms do not reach (infeasible, invalid, unknown without a
    solution, feasible but not proven, optimal without an objective), from a runner that returns them."""
    from grantstack.optimizer import solve

    built = readings_built(cat, monkeypatch, (PlanOptions(), PlanOptions(interpretation=Interpretation(**GENEROUS))))
    whole = [b for b in built if not solve._small(b.model, list(range(b.model.num_vars)))]
    assert len(whole) > 60
    outcomes = []
    for b in whole:
        params = solve.solver_parameters(b.options)
        part = [(list(range(b.model.num_vars)), list(range(len(b.model.rows))))], []
        got = _run_fields(solve._solve_whole, b, params, None, StageOneMemo(), solve.QuickStart())
        assert got == _run_fields(solve._solve_model, b, None, False, None, StageOneMemo(), solve.QuickStart(), part)
        outcomes.append(got[0])
    assert outcomes.count(SolveStatus.OPTIMAL) > 40 and outcomes.count("the quick try did not prove it") > 0
    b = whole[0]
    n, params = b.model.num_vars, solve.solver_parameters(b.options)
    for outcome in [(SolveStatus.INFEASIBLE, [], None, None, 0.5), (SolveStatus.MODEL_INVALID, [], None, None, 0.0),
                    (SolveStatus.UNKNOWN, [], None, None, 1.0), (SolveStatus.FEASIBLE, [0] * n, 0, 7, 0.25),
                    (SolveStatus.OPTIMAL, [0] * n, None, None, 0.125), (SolveStatus.OPTIMAL, [0] * n, 0, 0, 0.5)]:
        class Fixed(solve._Runner):
            def __call__(self, *args: Any, _outcome: Any = outcome, **kwargs: Any) -> Any:
                return _outcome

        monkeypatch.setattr(solve, "_Runner", Fixed)
        part = [(list(range(n)), list(range(len(b.model.rows))))], []
        assert _run_fields(solve._solve_whole, b, params, None, None, solve.QuickStart()) == \
            _run_fields(solve._solve_model, b, None, False, None, None, solve.QuickStart(), part), outcome[0]
