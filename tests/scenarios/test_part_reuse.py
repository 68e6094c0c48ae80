"""Part reuse: a probe's model solved only where it differs from parts already proven, with the same results."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from grantstack.optimizer.linear import LinearModel
from grantstack.optimizer.result import SolveStatus
from grantstack.scenarios.part_reuse import PartMemo
from grantstack.scenarios.scenario import Scenario
from grantstack.scenarios.sensitivity_analysis import Reuse, sensitivity
from tests.scenarios import small

PARAMS = {"num_workers": 1, "random_seed": 0, "max_deterministic_time": 10.0, "max_time_in_seconds": 60.0,
          "relative_gap_limit": 0.0, "linearization_level": 2, "cp_model_presolve": True}


def two_parts(cap_a: int, cap_b: int, names: tuple[str, str] = ("a", "b")) -> LinearModel:
    """Two independent parts: 3 items of 5, 4 and 3 yuan under a cap on each; maximise what is taken."""
    m = LinearModel()
    for part, cap in zip(names, (cap_a, cap_b), strict=True):
        vs = [m.new_bool(f"{part}{i}") for i in range(3)]
        m.add(vs, [5, 4, 3], ub=cap)
        for v, k in zip(vs, (5, 4, 3), strict=True):
            m.objective[v] = k
    return m


def test_a_changed_part_is_solved_alone_and_an_unchanged_one_is_not() -> None:
    memo = PartMemo(PARAMS, 60.0)
    base = two_parts(8, 9)  # 5 + 3 = 8 under 8; 5 + 4 = 9 under 9
    memo.learn(base, Fraction(1), [1, 0, 1, 1, 1, 0])
    r = memo.solve(two_parts(8, 7), Fraction(1))  # b under 7: 4 + 3 = 7
    assert (r.status, r.objective, r.parts, r.solved) == (SolveStatus.OPTIMAL, 15, 2, 1)
    again = memo.solve(two_parts(8, 7), Fraction(1))
    assert (again.objective, again.solved) == (15, 0)  # both parts are known now
    scaled = memo.solve(two_parts(8, 7), Fraction(2))  # the same part at 2 yuan a point is another part
    assert (scaled.objective, scaled.solved) == (30, 2)


def test_a_part_is_known_by_its_names_not_its_place() -> None:
    memo = PartMemo(PARAMS, 60.0)
    memo.learn(two_parts(8, 9), Fraction(1), [1, 0, 1, 1, 1, 0])
    swapped = two_parts(9, 8, names=("b", "a"))  # the same parts, built in the other order
    assert memo.solve(swapped, Fraction(1)).solved == 0
    renamed = two_parts(8, 9, names=("a", "c"))
    assert memo.solve(renamed, Fraction(1)).solved == 1


def test_an_infeasible_part_makes_the_model_infeasible() -> None:
    memo = PartMemo(PARAMS, 60.0)
    m = two_parts(8, 9)
    m.add([0, 1, 2], [1, 1, 1], lb=3)  # all of part a, 12 yuan over its cap of 8
    r = memo.solve(m, Fraction(1))
    assert r.status == SolveStatus.INFEASIBLE and r.objective is None


@pytest.mark.parametrize(("firm", "several_parts"), [("tongzhou_manufacturer", True), ("changping_high_tech", False)])
def test_probes_by_parts_give_the_same_results_as_whole_models(firm: str, several_parts: bool) -> None:
    s = Scenario.from_firm(f"scenarios/firms/{firm}.yaml")
    fast, whole = sensitivity(s), sensitivity(s, reuse=Reuse(parts=False))
    assert fast.proven and whole.proven
    key = {r.probe.label: (r.status, r.objective, r.total, r.delta) for r in whole.results}
    assert {r.probe.label: (r.status, r.objective, r.total, r.delta) for r in fast.results} == key
    assert sum(1 for r in fast.results if "parts solved" in r.how) >= 10
    counts = [tuple(map(int, re.search(r", (\d+) of (\d+) parts", r.how).groups())) for r in fast.results
              if "parts" in r.how and r.probe.kind != "option"]  # an option can reshape the whole model
    if several_parts:  # a cost, event, measure or cap touches some of the parts (Changping is one part)
        assert all(solved < parts for solved, parts in counts)


def test_weighted_objectives_are_solved_whole() -> None:
    s = Scenario.from_firm(small.firm(), catalogue=small.catalogue(), options={"discount_rate": "0.05"})
    result = sensitivity(s)
    assert result.proven and not any("parts" in r.how for r in result.results)
