"""The solvers' floor (benchmarks/floor.py): bare solves of the planner's own stage-1 parts and the baseline's
model, warm and cold, in worker processes, beside plan()'s stage 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantstack.benchmarks.floor import cpsat_floor, empty_model, floor, floor_facts, summary
from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.report import render
from grantstack.benchmarks.run import save_json
from grantstack.benchmarks.storage import find, load_instance
from grantstack.models.options import PlanOptions
from grantstack.optimizer.assemble import build_model
from grantstack.optimizer.linear import cpsat_proto
from grantstack.optimizer.solve import _parts, _small


def test_floor_times_the_planners_parts_and_the_empty_model(tmp_path: Path) -> None:
    result = floor("typical", reps=1, limit=3)
    empty, recs = result["records"][0], result["records"][1:]
    assert empty["instance"] == "(empty model)"
    assert 1 <= len(recs) <= 3
    for rec in [empty, *recs]:
        for key in ("cpsat_cold_s", "cpsat_warm_s", "highs_cold_s", "highs_warm_s"):
            assert 0 < rec[key] < 1.0, (rec["instance"], key)
    for rec, spec in zip(recs, specs(["typical"])[:3], strict=False):
        inst = load_instance(find(spec))
        b = build_model(inst.catalogue, inst.firm, inst.years, PlanOptions())
        solved = [vs for vs, _ in _parts(b)[0] if not _small(b.model, vs)]
        assert rec["variables"] == sum(map(len, solved)) and rec["parts"] == len(solved)
        assert rec["plan_stage1_cpu_s"] > 0
    text = summary(result)
    assert "| p50 |" in text and "| empty model |" in text and "highs_warm_s / plan_stage1_cpu_s" in text
    assert "not run (`python -m grantstack.benchmarks floor`)" in render(tmp_path)
    save_json({**result, "environment": {"code": "abc123"}}, tmp_path / "floor.json")
    report = render(tmp_path)
    assert "## Each solver's floor" in report and "code abc123" in report and "| empty model |" in report
    assert "| floor.json | ? | abc123 |" in report  # the record file is listed with its code version


def test_floor_facts_are_medians_and_their_ratios() -> None:
    ms = 1e-3
    rec = {"plan_stage1_cpu_s": 0.0, "cpsat_cold_s": 0.0, "cpsat_warm_s": 0.0, "highs_cold_s": 0.0, "highs_warm_s": 0.0}
    empty = {**rec, "cpsat_cold_s": 0.5 * ms, "cpsat_warm_s": 0.1 * ms, "highs_cold_s": 0.6 * ms,
             "highs_warm_s": 0.2 * ms}
    recs = [{**rec, "plan_stage1_cpu_s": p * ms, "cpsat_cold_s": c * ms, "cpsat_warm_s": w * ms,
             "highs_cold_s": hc * ms, "highs_warm_s": hw * ms}
            for p, c, w, hc, hw in [(2.2, 2.0, 1.0, 3.0, 2.0), (1.1, 1.0, 0.5, 1.0, 1.0), (3.3, 3.0, 2.0, 9.0, 8.0)]]
    f = floor_facts({"records": [empty, *recs], "load": [0.5, 0.75]})
    assert f["floor.n"] == "3" and f["floor.load"] == "0.50, 0.75"
    assert f["floor.cpsat_cold_p50_ms"] == "2.0" and f["floor.highs_warm_p50_ms"] == "2.0"
    assert f["floor.plan_stage1_cpu_p50_ms"] == "2.2" and f["floor.empty_cpsat_cold_ms"] == "0.50"
    assert f["floor.cold_speed_p50"] == "1.50x" and f["floor.warm_speed_p50"] == "2.00x"
    assert f["floor.ours_over_cold"] == "10%"  # plan()'s stage 1 is 1.1x CP-SAT's cold solve on every instance


def test_cpsat_floor_refuses_a_part_it_does_not_prove() -> None:
    m = empty_model()
    m.add([0], [1], lb=2, ub=2)  # x = 2 for a boolean: infeasible
    with pytest.raises(RuntimeError, match="did not prove"):
        cpsat_floor([str(cpsat_proto(m))], 1, 10.0)
    assert set(cpsat_floor([str(cpsat_proto(empty_model()))], 1, 10.0)) == {"cold_s", "warm_s"}


def test_the_floor_command_records_its_machine_like_every_record_file(tmp_path: Path) -> None:
    import json

    from grantstack.benchmarks.cli import main

    assert main(["floor", "--limit", "1", "--reps", "1", "--results", str(tmp_path)]) == 0
    env = json.loads((tmp_path / "floor.json").read_text())["environment"]
    assert {"date", "code", "loadavg", "calibration"} <= set(env) and env["calibration"]["cpsat_s"] > 0
    assert (tmp_path / "floor.md").read_text().startswith("floor, suite typical: 1 instances")
    assert "| floor.json |" in (tmp_path / "results.md").read_text()
