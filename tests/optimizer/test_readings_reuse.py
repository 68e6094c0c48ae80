"""What a plan with readings reuses, and that it changes nothing: the stage-1 memo (optimizer/stage1_memo.py: a
part solved before is taken as it was, which is exactly what solving it again gives, deterministic CP-SAT) and
the model built up to the group rules, finished under each group-only reading (assemble.py with_groups)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.loading import load_catalogue, load_firm
from grantstack.models.options import GENEROUS, Interpretation, PlanOptions
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.stage1_memo import StageOneMemo
from tests.optimizer.readings_built import model_key

FIRMS = Path(__file__).resolve().parents[2] / "scenarios" / "firms"
YEARS = (2025, 2029)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


class _Off(StageOneMemo):
    """No memo: every part is solved."""

    def wrap(self, runner: Any, params: dict[str, object], quick: bool = False) -> Any:
        return runner


def _recorded(monkeypatch: pytest.MonkeyPatch) -> tuple[list[object], list[StageOneMemo]]:
    """Every re-solved plan (decoded lines) and every memo a plan with readings makes, as they come; the stage-1
    certificate is off (a part optimizer/stage1_bound.py proves never reaches CP-SAT, so never the memo)."""
    import grantstack.optimizer.decode as decode
    import grantstack.optimizer.solve as solve
    import grantstack.optimizer.stage1_bound as stage1_bound

    monkeypatch.setattr(stage1_bound, "MAX_VARS", 0)

    lines: list[object] = []
    memos: list[StageOneMemo] = []
    real_decode = decode.decode_plan

    def decoded(b, values, *args, **kwargs):  # type: ignore[no-untyped-def]
        got = real_decode(b, values, *args, **kwargs)
        if kwargs.get("explain") is False:  # a reading's plan (the plan's own is decoded with explanations)
            lines.append(got.model_dump())
        return got

    class Kept(StageOneMemo):
        def __init__(self) -> None:
            super().__init__()
            memos.append(self)

    monkeypatch.setattr(decode, "decode_plan", decoded)
    monkeypatch.setattr(solve, "StageOneMemo", Kept)
    return lines, memos


@pytest.mark.parametrize("options", [PlanOptions(), PlanOptions(interpretation=Interpretation(**GENEROUS)),
                                     PlanOptions(use_probability=True)], ids=["defaults", "generous", "probability"])
def test_readings_with_the_memo_are_those_without_it(cat: Catalogue, options: PlanOptions,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example firm: the readings of a plan that reuses its own stage-1 parts and those of earlier readings
    equal, field by field (time aside), the readings with every part solved afresh, and so do the re-solved
    plans themselves, line by line; the parts reused are counted."""
    import grantstack.optimizer.readings as readings
    from grantstack.optimizer.readings import value_at_stake
    from grantstack.optimizer.solve import plan

    monkeypatch.setattr(readings, "_total_is_objective", lambda options: False)  # no quick try: parts as the plan's
    lines, memos = _recorded(monkeypatch)
    reused = 0
    for path in sorted(FIRMS.glob("*.yaml")):
        firm = load_firm(path, cat)
        lines.clear()
        memos.clear()
        with_memo = plan(cat, firm, YEARS, options, readings=True)
        plans_with = list(lines)
        (memo,) = memos
        reused += memo.reused
        lines.clear()
        alone = plan(cat, firm, YEARS, options)
        without = value_at_stake(cat, firm, YEARS, alone, memo=_Off())
        assert with_memo.total_yuan == alone.total_yuan and with_memo.plan == alone.plan, path.stem
        assert [x.model_dump(exclude={"seconds"}) for x in with_memo.readings] == \
            [x.model_dump(exclude={"seconds"}) for x in without], path.stem
        assert plans_with == lines, path.stem
    assert reused >= 5  # defaults 9, generous 10, probability: the parts readings share with the plan or each other


def test_a_reading_meets_the_plans_own_part(cat: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    """Changping: reference_editions=renewed adds a part of five candidates (enumerated, no solver) beside the
    plan's own part, which it takes from the plan's stage 1: 3 CP-SAT solves (the plan's, scope=entity_year,
    span=package) and 1 reuse for the plan and its 5 readings. Daxing: every reading's model is the plan's or
    the one of reference_editions=renewed, whose solver part is again the plan's: the plan's solve only. The same
    with the quick tries (solve.QuickStart) as without: a reading whose solver parts have the sizes of parts the
    plan solved is solved in parts as the plan's, so it meets them in the memo."""
    import grantstack.optimizer.readings as readings
    from grantstack.optimizer.solve import plan

    _, memos = _recorded(monkeypatch)
    changping = load_firm(FIRMS / "changping_high_tech.yaml", cat)
    daxing = load_firm(FIRMS / "daxing_hydrogen.yaml", cat)
    r = plan(cat, changping, YEARS, readings=True)
    assert len(r.readings) == 5 and (memos[0].solved, memos[0].reused) == (3, 1)
    r = plan(cat, daxing, YEARS, readings=True)
    assert len(r.readings) == 5 and (memos[1].solved, memos[1].reused) == (1, 2)
    monkeypatch.setattr(readings, "_total_is_objective", lambda options: False)
    r = plan(cat, changping, YEARS, readings=True)
    assert len(r.readings) == 5 and (memos[2].solved, memos[2].reused) == (3, 1)
    r = plan(cat, daxing, YEARS, readings=True)
    assert len(r.readings) == 5 and (memos[3].solved, memos[3].reused) == (1, 2)


@pytest.mark.parametrize("options", [PlanOptions(), PlanOptions(interpretation=Interpretation(**GENEROUS))],
                         ids=["defaults", "generous"])
def test_group_only_readings_finish_the_same_model_a_full_build_gives(cat: Catalogue, options: PlanOptions) -> None:
    """Every example firm, every reading of scope, span or routes_add_up: the plan's model built up to the group
    rules and finished under the reading is, variable by variable and row by row (tags, objective, scale and
    notes too), the model a full build under that reading gives; the started model is left as it was."""
    from grantstack.optimizer.assemble import build_model
    from grantstack.optimizer.readings import _built, _Firm, _relevant, fresh

    finished = 0
    for path in sorted(FIRMS.glob("*.yaml")):
        f = _Firm(cat, load_firm(path, cat), YEARS, options)
        for r in _relevant(f):
            if r.changed is not None:
                continue
            under = options.model_copy(update={"interpretation": f.reading(r.update)[0]})
            got = _built(f, r, under, float("inf"))
            assert f.started is not None, path.stem
            rows_before = len(f.started.model.rows)
            full = build_model(cat, f.firm, YEARS, under, candidates=fresh(f.here))
            assert model_key(got.model) == model_key(full.model), (path.stem, r.option, r.value)
            assert (got.yuan_per_point, got.notes) == (full.yuan_per_point, full.notes), (path.stem, r.option)
            assert len(f.started.model.rows) == rows_before and got.options == under
            finished += 1
    assert finished >= 15  # 19 with the defaults: 2 or 3 group-only readings per firm


def _part(ub: int, name: str = "x", weight: int = 2) -> Any:
    """A CP-SAT proto of two 0..ub variables, x + y <= ub, maximising x + weight y (what solve_part hands the
    runner)."""
    from grantstack.optimizer.linear import LinearModel, cpsat_proto

    m = LinearModel()
    x, y = m.new_var(0, ub, name), m.new_var(0, ub, "y")
    m.add([x, y], [1, 1], ub=ub)
    m.maximize({x: 1, y: weight})
    return cpsat_proto(m, names=True)  # with its variable names, so a part differing only in one is another proto


def test_the_memo_reuses_only_a_part_equal_in_full() -> None:
    """Parts that share the cheap signature (sizes, objective size) but differ in a bound, a name or an objective
    coefficient are each solved;
    an equal part (a new proto object) is reused with the same outcome; the memo keeps a copy, so a proto changed
    by its caller after its solve neither matches its old self nor changes what the memo compares against."""
    calls: list[str] = []

    def runner(proto: Any, hint: Any, stage: str, budget: float | None = None) -> Any:
        calls.append(str(proto))
        return SolveStatus.OPTIMAL, [0, len(calls)], 2 * len(calls), 2 * len(calls), 0.001

    memo = StageOneMemo()
    run = memo.wrap(runner, {"num_workers": 1})
    first = _part(5)
    assert run(first, None, "stage 1") == (SolveStatus.OPTIMAL, [0, 1], 2, 2, 0.001)
    assert run(_part(6), None, "stage 1")[1] == [0, 2]  # same sizes and objective, another bound: solved
    assert run(_part(5, "z"), None, "stage 1")[1] == [0, 3]  # another name: solved
    assert run(_part(5), None, "stage 1")[1] == [0, 1] and (memo.solved, memo.reused) == (3, 1)
    assert run(_part(5, weight=3), None, "stage 1")[1] == [0, 4]  # another objective coefficient: solved
    first.variables[0].domain[1] = 7  # the caller changes its proto: the memo kept what was solved
    assert run(first, None, "stage 1")[1] == [0, 5]
    assert run(_part(5), None, "stage 1")[1] == [0, 1]
    assert run(_part(5), None, "stages 2-3")[1] == [0, 6]  # other stages are never taken from the memo
    assert StageOneMemo().wrap(runner, {"num_workers": 2})(_part(5), None, "stage 1")[1] == [0, 7]
    assert (memo.solved, memo.reused) == (5, 2)


def test_enumerating_a_few_measures_finds_what_a_full_enumeration_finds_of_them(cat: Catalogue) -> None:
    """enumerate_candidates(only=...) (the readings' relevance check) looks its measures up by id: every example
    firm, the candidates of any few measures (of the district, the city, another district, unknown) are those a
    full enumeration finds of them, in the same order, with the same reasons."""
    from grantstack.optimizer.candidates import enumerate_candidates

    interp = Interpretation()
    ids = sorted(m.id for m in cat.measures)
    for path in sorted(FIRMS.glob("*.yaml")):
        firm = load_firm(path, cat)
        full = enumerate_candidates(cat, firm, YEARS, interp, 1)
        paying = sorted({c.measure for c in full.cands})
        for only in (frozenset(paying[::2]), frozenset(ids[::7]) | {"no.such.measure"}, frozenset()):
            few = enumerate_candidates(cat, firm, YEARS, interp, 1, only=only)
            assert few.cands == [c for c in full.cands if c.measure in only], path.stem  # dataclass: field by field
            assert few.reasons == {m: why for m, why in full.reasons.items() if m in only}, path.stem
            assert few.history == full.history


def test_the_plan_and_its_group_only_readings_finish_one_model_built_once(cat: Catalogue,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan with readings builds its model up to the group rules once and finishes it (the same model, row for
    row, as a full build); its group-only readings (Shunyi: scope twice, span) finish that same started model, so
    nothing is built up to the group rules a second time; the plan is the plan without readings."""
    import grantstack.optimizer.assemble as assemble
    import grantstack.optimizer.readings as readings
    import grantstack.optimizer.solve as solve
    from grantstack.optimizer.readings import enumerated, fresh

    firm = load_firm(FIRMS / "shunyi_tech_service.yaml", cat)
    started: list[bool] = []
    real = assemble.build_model

    def counted(*args: Any, **kwargs: Any) -> Any:
        started.append(bool(kwargs.get("before_groups")))
        return real(*args, **kwargs)

    monkeypatch.setattr(solve, "build_model", counted)
    monkeypatch.setattr(readings, "build_model", counted)
    r = solve.plan(cat, firm, YEARS, readings=True)
    assert started.count(True) == 1 and sum(x.option in ("most_favourable_scope", "most_favourable_span")
                                            for x in r.readings) == 3
    assert r.plan == solve.plan(cat, firm, YEARS).plan
    here = enumerated(cat, firm, YEARS, PlanOptions())
    begun = real(cat, firm, YEARS, PlanOptions(), candidates=fresh(here), before_groups=True)
    finished = assemble.with_groups(begun, PlanOptions())
    assert model_key(finished.model) == model_key(real(cat, firm, YEARS, PlanOptions()).model)
