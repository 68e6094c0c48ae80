"""solve._configs: the parts of at least BIG_AT variables (xl only) break ties without CP-SAT's implied bounds and MIR
cuts; every smaller part is solved as before, so the plans of the other stored suites are the same."""

from __future__ import annotations

from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.storage import find, load_instance
from grantstack.models.options import PlanOptions
from grantstack.optimizer import plan, solve
from grantstack.optimizer.result import SolveStatus


def test_configurations_by_part_size() -> None:
    """Below SPLIT_AT the light ones; from SPLIT_AT the defaults; from BIG_AT the tie-breaking solve alone changes."""
    assert solve._configs(solve.SPLIT_AT - 1) == (solve.SMALL_CONFIGS, solve.SMALL_TIE_CONFIG)
    assert solve._configs(solve.SPLIT_AT) == solve._configs(solve.BIG_AT - 1) == (solve.CONFIGS, solve.TIE_CONFIG)
    assert solve._configs(solve.BIG_AT) == (solve.CONFIGS, solve.BIG_TIE_CONFIG)
    assert solve.BIG_TIE_CONFIG == {**solve.TIE_CONFIG, "use_implied_bounds": False, "add_mir_cuts": False}


def test_no_stored_part_but_xl_is_big() -> None:
    """The largest part of the stored suites below xl has 338 variables (large-40x12x5-s01; medium 325, random 179,
    typical 65), so only xl (parts of 415-1804) and xxl get the big parts' configuration."""
    assert solve.BIG_AT > 338


def test_an_xl_tie_stage_finishes_with_less_work() -> None:
    """xl-80x60x8-s05 (a part of 1188 variables and a merged one of 433): with the default tie-breaking configuration
    the big part's tie stage needs 0.433 of deterministic work (the plan 0.475); with BIG_TIE_CONFIG it proves the
    same-ranked plan (earliness 551,709,530 yuan x years, 387 applications) with about 0.08 (the plan 0.117, OR-Tools
    9.15)."""
    inst = load_instance(find(next(s for s in specs(["xl"]) if s.name == "xl-80x60x8-s05")))
    r = plan(inst.catalogue, inst.firm, inst.years, PlanOptions())
    assert r.status == SolveStatus.OPTIMAL and r.plan is not None and r.total_yuan == 159_216_075
    assert not any("did not finish" in n for n in r.notes)
    assert r.work < 0.25
    assert sum(a.amount * (a.year - inst.years[0]) for a in r.plan.applications) == 551_709_530
    assert len(r.plan.applications) == 387
