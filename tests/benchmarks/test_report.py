"""results.md takes every figure from the record files: the notes cite named facts, never typed numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantstack.benchmarks.report import SOURCES, bare_figures, load, resolve_notes
from grantstack.benchmarks.report_targets import facts

RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results"


def test_a_typed_figure_or_an_unknown_fact_is_refused() -> None:
    assert resolve_notes("stage 1 took {{typical.stage1_p50_ms}} ms", {"typical.stage1_p50_ms": "1.2"}) == \
        "stage 1 took 1.2 ms"
    with pytest.raises(ValueError, match="types figures"):
        resolve_notes("stage 1 took 1.2 ms", {})
    with pytest.raises(ValueError, match="do not give: typical.nothing"):
        resolve_notes("{{typical.nothing}} ms", {})
    assert bare_figures("HiGHS is 2.3x faster, 45% of 1,200 yuan") == ["2.3x", "45%", "1,200 yuan"]
    assert bare_figures("issue 12, 2025-2029, 80x60x8, {{xl.n}} instances") == []


def test_the_committed_notes_cite_only_facts_the_committed_records_give() -> None:
    notes = (RESULTS / "notes.md").read_text()
    assert bare_figures(notes) == []
    src = {key: load(RESULTS, name) for key, name in SOURCES.items()}
    resolve_notes(notes, facts(src))  # raises on an unknown fact


def test_a_run_stopped_by_the_wall_clock_is_recorded_not_fatal() -> None:
    from grantstack.benchmarks.registry import spec_by_name
    from grantstack.benchmarks.solvers import run_cpsat
    from grantstack.benchmarks.storage import find, load_instance
    from grantstack.models.options import PlanOptions

    inst = load_instance(find(spec_by_name("large-40x12x5-s09")))
    rec, built = run_cpsat(inst, PlanOptions(time_limit=0.001))
    assert rec["status"] == "WALL_CLOCK" and not rec["optimal"] and "wall-clock" in rec["notes"][0]
    assert built.model.num_vars > 0  # HiGHS still gets the model


def test_append_keeps_each_parts_environment_and_replaces_re_run_records() -> None:
    from grantstack.benchmarks.run import merge_runs

    def run(suite: str, code: str, names: list[str]) -> dict[str, object]:
        return {"environment": {"code": code}, "suites": [suite], "methods": ["cpsat"], "wall_seconds": 1.0,
                "records": [{"instance": n, "method": "cpsat", "suite": suite} for n in names]}

    merged = merge_runs(merge_runs(None, run("typical", "a", ["t1", "t2"])), run("xl", "a", ["x1"]))
    merged = merge_runs(merged, run("xl", "a", ["x1"]))
    assert [r["instance"] for r in merged["records"]] == ["t1", "t2", "x1"]
    assert [p["suites"] for p in merged["parts"]] == [["typical"], ["xl"], ["xl"]] and merged["wall_seconds"] == 3.0


def test_the_xxl_row_gives_the_budget_runs_gap_split_into_plan_and_proof() -> None:
    from grantstack.benchmarks.report_targets import xxl_gap

    budget = {"work_limit": 4.0, "status": "FEASIBLE", "gap": 0.1, "plan_s": 41.0, "objective": 900.0,
              "bound": 1000.0}
    highs = {"objective": 950.0, "bound": 980.0}
    # best plan 950, best bound 980: plan side (950 - 900) / 980 = 5.10%, proof side (1000 - 980) / 980 = 2.04%
    text = xxl_gap(budget, highs)
    assert "with work limit 4: FEASIBLE, gap 0.1000 in 41.0 s" in text
    assert "5.10% of the best bound is plan" in text and "2.04% is proof" in text
    assert "3.06% is open to both" in text  # (980 - 950) / 980; the three add up to (1000 - 900) / 980
    # CP-SAT's own plan and bound are the best: all of its gap is between them, none on either side's account
    text = xxl_gap(budget, {"objective": 800.0, "bound": 1200.0})
    assert "0.00% of the best bound is plan" in text and "0.00% is proof" in text
    assert "10.00% is open to both" in text
    assert xxl_gap(budget, None).endswith("in 41.0 s")


def test_an_xxl_plan_that_ends_at_the_default_work_limit_is_measured_with_its_gap_split() -> None:
    from grantstack.benchmarks.report_targets import target_rows

    def rec(method: str, status: str, objective: float, bound: float, plan_s: float) -> dict:
        return {"instance": "xxl-a", "suite": "xxl", "method": method, "status": status, "optimal": status == "OPTIMAL",
                "objective": objective, "bound": bound, "gap": (bound - objective) / bound, "plan_s": plan_s,
                "stage1_s": plan_s}

    def row(*recs: dict) -> list[str]:
        return next(r for r in target_rows({"run": {"records": list(recs)}}) if r[0].startswith("xxl-a"))

    highs = rec("highs", "FEASIBLE", 950.0, 980.0, 60.0)
    got = row(rec("cpsat", "FEASIBLE", 900.0, 1000.0, 57.0), highs)  # stopped by its work limit within 60 s
    assert got[2] == "MEASURED (best gap and why)"
    assert "at the default work limit, of that gap, 5.10% of the best bound is plan" in got[1]
    assert row(rec("cpsat", "FEASIBLE", 900.0, 1000.0, 61.0), highs)[2] == "NOT MET"  # past the 60 s
    assert row(rec("cpsat", "OPTIMAL", 990.0, 990.0, 30.0), highs)[2] == "MET"


def test_the_budget_method_is_cp_sat_under_a_lower_work_limit() -> None:
    from grantstack.benchmarks.registry import spec_by_name
    from grantstack.benchmarks.run import run_suites

    out = run_suites(None, ("cpsat", "budget"), chosen=[spec_by_name("large-40x12x5-s09")], budget_work=0.001)
    default, budget = out["records"]
    assert (default["method"], budget["method"], budget["work_limit"], out["budget_work"]) == \
        ("cpsat", "budget", 0.001, 0.001)
    assert default["optimal"] and default["work"] > budget["work"]


def test_stage_1_alone_runs_the_planners_stage_1_in_a_worker_of_its_own() -> None:
    from grantstack.benchmarks.registry import spec_by_name
    from grantstack.benchmarks.run import run_suites

    out = run_suites(None, ("cpsat", "highs"), chosen=[spec_by_name("small-10x4x3-s00")])
    cp = next(r for r in out["records"] if r["method"] == "cpsat")
    assert cp["stage1_alone_status"] == "OPTIMAL" and cp["stage1_alone_cpu_s"] > 0


def test_the_speed_row_adds_the_like_for_like_ratio_only_where_every_pair_has_it() -> None:
    from grantstack.benchmarks.report_run import alone_text, speed

    def pair(name: str, cp: float, alone: float | None, hi: float) -> list[dict[str, object]]:
        a = {"instance": name, "suite": "typical", "method": "cpsat", "optimal": True, "objective": 1.0,
             "solve_s": cp, "stage1_cpu_s": cp}
        if alone is not None:
            a["stage1_alone_cpu_s"] = alone
        return [a, {"instance": name, "suite": "typical", "method": "highs", "optimal": True, "objective": 1.0,
                    "solve_s": hi, "solve_cpu_s": hi}]

    s = speed(pair("a", 0.002, 0.001, 0.004) + pair("b", 0.004, 0.002, 0.012) + pair("c", 0.006, 0.003, 0.009))
    assert (s["alone50"], s["alone_p50x"]) == (0.002, 0.009 / 0.002)
    assert "p50 2.0 vs 9.0 ms (4.50x)" in alone_text(s)
    assert alone_text(speed(pair("a", 0.002, 0.001, 0.004) + pair("b", 0.004, None, 0.012))) == ""


@pytest.mark.parametrize("name", sorted(SOURCES.values()))
def test_a_results_folder_with_one_record_file_renders_a_report(name: str, tmp_path: Path) -> None:
    from grantstack.benchmarks.report import render

    (tmp_path / name).write_bytes((RESULTS / name).read_bytes())
    text = render(tmp_path)
    assert text.startswith("# Benchmark results") and "## Targets" in text


def test_the_xl_facts_count_plans_and_stage_ones_under_the_target_time() -> None:
    def rec(name: str, plan_s: float, stage1_s: float, notes: list[str]) -> dict[str, object]:
        return {"instance": name, "method": "cpsat", "suite": "xl", "optimal": True, "plan_s": plan_s,
                "work": plan_s / 10, "stage1_s": stage1_s, "stages23_s": plan_s - stage1_s, "status": "OPTIMAL",
                "gap": 0.0, "notes": notes}

    late = "the tie-breaking stage did not finish within its budget"
    run = {"environment": {"code": "abc"}, "records": [rec("a", 1.999, 0.5, []), rec("b", 2.0, 1.999, [late]),
                                                       rec("c", 4.5, 2.0, [late])]}
    f = facts({"run": run})
    assert f["xl.plans_under_2s"] == "1 of 3" and f["xl.stage1_under_2s"] == "2 of 3"
    assert f["xl.tie_unfinished"] == "2" and f["xl.plan_max_ms"] == "4500.0" and f["xl.plan_work_max"] == "0.450"


def test_all_goes_on_past_a_step_whose_report_waits_for_a_later_record(monkeypatch: pytest.MonkeyPatch,
                                                                         tmp_path: Path) -> None:
    import argparse

    import grantstack.benchmarks.cli as cli
    from grantstack.benchmarks.cli_more import cmd_all
    from grantstack.benchmarks.report import NotesError

    seen: list[str] = []

    def main(argv: list[str]) -> int:
        seen.append(argv[0])
        if len(seen) == 1:  # the first step's record is written, its report refused
            raise NotesError("notes.md cites facts the records do not give: tieproof.load")
        return 3 if argv[0] == "floor" else 0

    monkeypatch.setattr(cli, "main", main)
    a = argparse.Namespace(root=tmp_path, results=tmp_path, baseline=tmp_path, ablation_suites="typical",
                           shell_rounds=1)
    assert cmd_all(a) == 1  # a step that fails is counted
    assert seen[0] == "run" and "tie-proof" in seen and seen[-2:] == ["floor", "book"]  # every step ran
    monkeypatch.setattr(cli, "main", lambda argv: (_ for _ in ()).throw(ValueError("a real bug")))
    with pytest.raises(ValueError, match="a real bug"):  # any other error is not swallowed
        cmd_all(a)
