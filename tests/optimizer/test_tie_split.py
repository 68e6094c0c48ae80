"""The tie-breaking stages of a merged part solved component by component (optimizer/tie_split.py): the same
earliness and count as the part's one solve, each component's lexicographic optimum, within the part's budget."""

from __future__ import annotations

import itertools
import random
import time
from typing import Any

import pytest

from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.storage import find, load_instance
from grantstack.models.options import PlanOptions
from grantstack.optimizer import canonical, solve, stage1_bound
from grantstack.optimizer.assemble import build_model
from grantstack.optimizer.canonical import Objectives, solve_part
from grantstack.optimizer.linear import LinearModel, components
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.solve import _groups, _Merged, _Runner, solver_parameters
from grantstack.optimizer.tie_split import SPLIT_TIE_AT

TIE = "stages 2-3 (earliest money, fewest applications)"


def _runner() -> _Runner:
    return _Runner(solver_parameters(PlanOptions()), time.perf_counter() + 60)


def _amount(m: LinearModel, ub: int, name: str) -> tuple[int, int]:
    """An amount in [0, ub] and its application (amount > 0 needs it)."""
    x, b = m.new_var(0, ub, name), m.new_bool(f"apply {name}")
    m.add([x, b], [1, -ub], ub=0, tag="amount needs its application")
    return x, b


def _two_components(twin: bool = False) -> tuple[LinearModel, Objectives, list[tuple[list[int], list[int]]]]:
    """A: three amounts under one cap of 4: p (at most 2) and q (at most 2) pay in the first year, r (at most 4) a
    year later: the most (4) is p = q = 2 (earliness 0, two applications) or r = 4 (earliness 4, one), or a mix; the
    lexicographic optimum is p = q = 2, r = 0 (earliness before applications). B: s and t under a cap of 3, s paying
    three years late, t one (and worth 2 a unit of earliness in money units: amounts of 2 yuan): the optimum is t = 3
    (earliness 6, one application) rather than s = 3 (earliness 9) or a mix (two applications). No row joins A and B;
    A's earliness coefficients have gcd 1, B's gcd 2, and their counts differ (3 and 2), so their own tie objectives
    weigh differently from the part's. `twin`: B also has u, like t in every way (under the same cap), last."""
    m = LinearModel()
    (p, bp), (q, bq), (r, br) = _amount(m, 2, "p"), _amount(m, 2, "q"), _amount(m, 4, "r")
    m.add([p, q, r], [1, 1, 1], ub=4, tag="cap A")
    a_rows = list(range(len(m.rows)))
    (s, bs), (t, bt) = _amount(m, 3, "s"), _amount(m, 3, "t")
    b_vars = [s, bs, t, bt]
    if twin:
        b_vars += _amount(m, 3, "u")
    m.add(b_vars[::2], [1] * (len(b_vars) // 2), ub=3, tag="cap B")
    b_rows = list(range(len(a_rows), len(m.rows)))
    total = {p: 1, q: 1, r: 1} | dict.fromkeys(b_vars[::2], 2)
    m.maximize(total)
    obj = Objectives(total=total, earliness={r: 1, s: 6} | dict.fromkeys(b_vars[2::2], 2),
                     count=dict.fromkeys([bp, bq, br, *b_vars[1::2]], 1))
    return m, obj, [([p, bp, q, bq, r, br], a_rows), (b_vars, b_rows)]


def _merged(groups: list[tuple[list[int], list[int]]]) -> tuple[list[int], list[int]]:
    return sorted(v for vs, _ in groups for v in vs), sorted(r for _, rs in groups for r in rs)


def _score(obj: Objectives, values: dict[int, int]) -> tuple[int, int, int]:
    return tuple(sum(k * values[v] for v, k in terms.items()) for terms in (obj.total, obj.earliness, obj.count))


def test_each_component_reaches_its_own_lexicographic_optimum_as_the_joint_solve_does() -> None:
    m, obj, groups = _two_components()
    vs, rs = _merged(groups)
    split = solve_part(m, vs, rs, obj, _runner(), groups)
    joint = solve_part(m, vs, rs, obj, _runner())
    p, bp, q, bq, r, br = groups[0][0]
    s, bs, t, bt = groups[1][0]
    want = {p: 2, bp: 1, q: 2, bq: 1, r: 0, br: 0, s: 0, bs: 0, t: 3, bt: 1}
    assert split.status == SolveStatus.OPTIMAL and split.objective == 10 and not split.notes
    assert split.values == want == joint.values
    assert _score(obj, split.values) == (10, 6, 3)


def test_stage_4_runs_per_component_after_its_tie_stage() -> None:
    """With a base plan (stage 4: fewest changes from it), each component breaks its remaining ties by the distance:
    B gets a twin u of t (same money, same year): t = 3 and u = 3 tie in stages 2-3; the base applied for u, so
    stage 4 takes u = 3, as the joint solve does; A's optimum was unique and stays."""
    m, obj, groups = _two_components(twin=True)
    t, u, bu = groups[1][0][2], groups[1][0][4], groups[1][0][5]
    obj = Objectives(obj.total, obj.earliness, obj.count, distance={groups[1][0][3]: 1, bu: -1})
    vs, rs = _merged(groups)
    split = solve_part(m, vs, rs, obj, _runner(), groups)
    joint = solve_part(m, vs, rs, obj, _runner())
    assert not split.notes and split.values == joint.values
    assert (split.values[u], split.values[t], split.values[bu]) == (3, 0, 1)


def test_each_component_gets_its_own_tie_solve_and_the_rest_of_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Smallest component first, with the budget left times its share of the variables left; the largest gets all
    that is left. Here every tie solve is cut at its budget: each component keeps stage 1's plan and says so."""
    monkeypatch.setattr(canonical, "proves_canonical", lambda *a: False)  # every component makes its CP-SAT call
    monkeypatch.setattr(stage1_bound, "MAX_VARS", 0)  # and stage 1 too (its work sets the budget)
    m, obj, groups = _two_components()
    vs, rs = _merged(groups)
    runner = _runner()
    calls: list[tuple[str, int, float | None]] = []
    first: list[int] = []

    def run(proto: Any, hint: dict[str, list[int]] | None, stage: str, budget: float | None = None) -> Any:
        calls.append((stage, len(proto.variables), budget))
        if stage == "stage 1":
            out = runner(proto, hint, stage, budget)
            first[:] = out[1]
            return (*out[:4], 0.01)  # stage 1's work: the part's tie budget is 20 x 0.01 = 0.2
        assert hint is not None
        return SolveStatus.FEASIBLE, hint["values"], None, None, 0.6 * (budget or 0)  # 60% used, not finished

    part = solve_part(m, vs, rs, obj, run, groups)
    assert [(s, n) for s, n, _ in calls] == [("stage 1", 10), (TIE, 4), (TIE, 6)]
    assert calls[1][2] == pytest.approx(0.2 * 4 / 10) and calls[2][2] == pytest.approx(0.2 - 0.6 * 0.08)
    assert part.work == pytest.approx(0.01 + 0.6 * 0.08 + 0.6 * 0.152)
    assert part.values == dict(zip(vs, first, strict=True))  # stage 1's plan in both components
    assert part.notes == [f"{TIE} did not finish within its budget: the plan is the previous stage's"]


def test_only_large_merged_parts_are_split() -> None:
    """Parts solved alone, and merged parts below SPLIT_TIE_AT variables (every stored suite but xl), keep one
    tie-breaking solve, so their plans stay exactly as they were."""
    small = [([0, 1], [0]), ([2, 3], [1])]
    big = [(list(range(SPLIT_TIE_AT // 2)), [0]), (list(range(SPLIT_TIE_AT // 2, SPLIT_TIE_AT)), [1])]
    merged = _Merged(big)
    vs, rs = merged  # still a (variables, rows) pair
    assert vs == list(range(SPLIT_TIE_AT)) and rs == [0, 1]
    assert _groups(merged) == big
    assert _groups(_Merged(small)) is None and _groups((vs, rs)) is None and _groups(_Merged(big[:1])) is None


def _random_part(rng: random.Random) -> tuple[LinearModel, Objectives, list[tuple[list[int], list[int]]], list[int]]:
    """Two or three components of two or three amounts in [0, 2] (at most 7 in all) under a random cap each, random
    money per unit and years; and the amounts."""
    m = LinearModel()
    groups = []
    total: dict[int, int] = {}
    early: dict[int, int] = {}
    count: dict[int, int] = {}
    amounts: list[int] = []
    for size in rng.choice([(2, 2), (2, 3), (3, 2), (3, 3), (2, 2, 2), (2, 2, 3), (2, 3, 2)]):
        first_row = len(m.rows)
        mine: list[int] = []
        xs = []
        for _ in range(size):
            x, b = _amount(m, 2, f"x{len(amounts)}")
            xs.append(x)
            mine += [x, b]
            total[x] = rng.randint(1, 3)
            early[x] = total[x] * rng.randint(0, 3)
            count[b] = 1
        amounts += xs
        m.add(xs, [1] * len(xs), ub=rng.randint(1, 4), tag="cap")
        groups.append((mine, list(range(first_row, len(m.rows)))))
    m.maximize(total)
    return m, Objectives(total, {v: k for v, k in early.items() if k}, count), groups, amounts


@pytest.mark.parametrize("seed", range(12))
def test_the_split_equals_brute_force(seed: int) -> None:
    """The lexicographic optimum (total, then earliness, then applications) by enumeration of every choice of the
    amounts, each applied for exactly when it is not 0 (an application without an amount only adds to the count),
    and the joint solve's (total, earliness, applications)."""
    m, obj, groups, amounts = _random_part(random.Random(seed))
    vs, rs = _merged(groups)
    got = solve_part(m, vs, rs, obj, _runner(), groups)
    assert got.status == SolveStatus.OPTIMAL and not got.notes
    applies = {x: x + 1 for x in amounts}  # _amount adds each amount's application right after it
    best = None
    for point in itertools.product(range(3), repeat=len(amounts)):
        values = dict(zip(amounts, point, strict=True)) | {applies[x]: int(k > 0) for x, k in zip(amounts, point,
                                                                                                 strict=True)}
        if canonical._feasible([m.rows[i] for i in rs], values):
            score = _score(obj, values)
            key = (score[0], -score[1], -score[2])
            best = key if best is None or key > best else best
    total, early, n = _score(obj, got.values)
    assert (total, -early, -n) == best
    assert _score(obj, got.values) == _score(obj, solve_part(m, vs, rs, obj, _runner()).values)


def test_the_merged_part_of_a_plan_carries_its_components() -> None:
    """solve._parts: the merged part of a stored typical firm is the union of its components (those neither of
    SPLIT_AT variables nor enumerated), as linear.components finds them, and no row of one reads another's variable."""
    inst = load_instance(find(specs(["typical"])[0]))
    b = build_model(inst.catalogue, inst.firm, inst.years, PlanOptions())
    parts = solve._parts(b)[0]
    merged = [p for p in parts if isinstance(p, _Merged)]
    assert len(merged) == 1 and merged[0] is parts[-1]
    comps = [c for c in components(b.model)[0] if len(c[0]) < solve.SPLIT_AT and not solve._small(b.model, c[0])]
    assert merged[0].groups == comps and len(comps) > 1
    assert merged[0] == _merged(comps)
    owner = {v: i for i, (vs, _) in enumerate(comps) for v in vs if b.model.lbs[v] != b.model.ubs[v]}
    for i, (_, rs) in enumerate(comps):
        for r in rs:
            row = b.model.rows[r]
            assert all(owner.get(v, i) == i for v in (*row.vars, *(e if e >= 0 else ~e for e in row.enforce)))
