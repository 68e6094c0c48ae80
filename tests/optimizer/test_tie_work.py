"""The tie-breaking stages' work per part (benchmarks/run_tie_work.py) is plan()'s: the same parts, stages and
deterministic work, and the final tie value is never above stage 1's."""

from __future__ import annotations

import pytest

from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.run_tie_work import summary, tie_work
from grantstack.benchmarks.storage import find, load_instance
from grantstack.models.options import PlanOptions
from grantstack.optimizer import plan, solve


@pytest.mark.parametrize("suite", ["tiny", "small"])
def test_tie_work_records_add_up_to_the_plans_work(suite: str) -> None:
    recs = tie_work([suite])
    for spec in specs([suite]):
        inst = load_instance(find(spec))
        mine = [r for r in recs if r["instance"] == spec.name]
        work = sum(r["stage1_work"] + r.get("tie_work", 0.0) for r in mine)
        assert work == pytest.approx(plan(inst.catalogue, inst.firm, inst.years).work, rel=1e-9, abs=1e-12)
    calls = [r for r in recs if r["tie_call"]]
    assert calls and any(r["certified"] for r in recs)  # both kinds occur on these suites
    assert all(r["tie_final"] <= r["tie_stage1"] for r in recs if "tie_final" in r)
    assert all(r["tie_work"] <= r["tie_budget"] * 1.01 for r in calls)
    assert summary(recs).splitlines()[2].startswith(f"| {suite} | {len(recs)} | ")


def test_merged_parts_split_per_component_are_recorded_as_plan_solves_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """With every merged part's tie stage solved per component (the xl rule, optimizer/tie_split.py, brought down
    to the small suite's sizes), a part's record sums its components' calls, and the work still adds up to plan()'s."""
    monkeypatch.setattr(solve, "SPLIT_TIE_AT", 2)
    recs = tie_work(["small"])
    split = [r for r in recs if "components" in r]
    assert split and all(r["components"] > 1 and r["tie_found"] is None for r in split)
    assert all(r["tie_work"] <= r["tie_budget"] * 1.01 for r in split)
    for spec in specs(["small"]):
        inst = load_instance(find(spec))
        work = sum(r["stage1_work"] + r.get("tie_work", 0.0) for r in recs if r["instance"] == spec.name)
        assert work == pytest.approx(plan(inst.catalogue, inst.firm, inst.years).work, rel=1e-9, abs=1e-12)


def test_an_instance_past_the_wall_clock_is_one_record_and_left_out_of_the_table() -> None:
    recs = tie_work(["tiny"], PlanOptions(time_limit=1e-9))
    clock = [r for r in recs if r.get("wall_clock")]
    assert clock and len({r["instance"] for r in clock}) == len(clock)
    proven = [r for r in recs if not r.get("wall_clock")]  # both certificates: no CP-SAT call, so no clock
    assert all(r["stage1_certified"] and r["certified"] for r in proven)
    n = len(proven)
    assert summary(recs).splitlines()[2].startswith(f"| tiny | {n} | {n} | 0 | 0 (0) | – |")
