"""The tie-breaking stages that run out of budget, solved to the end (benchmarks/tie_proof.py): with plan()'s tie
budget cut to almost nothing, every medium part's tie call is unfinished; solved to the end, CP-SAT in one solve,
HiGHS, and stage 2 then stage 3 must agree on the optimum of the canonical order, and none may beat a plan the
canonical stages would not allow."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from grantstack.benchmarks.report import REFERENCE, render
from grantstack.benchmarks.run import save_json
from grantstack.benchmarks.tie_proof import section_tie_proof, tie_proof, tie_proof_facts, tie_proof_text
from grantstack.optimizer import canonical

NAMES = ["medium-20x8x5-s00", "medium-20x8x5-s05", "medium-20x8x5-s08"]


@pytest.fixture(scope="module")
def result() -> dict:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(canonical, "TIE_MAX_WORK", 1e-4)  # every tie call runs out of budget ...
        mp.setattr(canonical, "TIE_MIN_WORK", 1e-4)
        return tie_proof("medium", cpsat_limit=20.0, highs_limit=20.0, names=NAMES)


def test_every_unfinished_tie_stage_is_solved_to_the_same_optimum_by_each_route(result: dict) -> None:
    recs = result["records"]
    assert [r["instance"] for r in recs] == NAMES and result["grouped_unfinished"] == 0
    assert result["parts_solved"] >= len(NAMES)
    for r in recs:
        assert r["tie_work"] <= 2e-4  # ... within that budget, so the plan's tie value is what it found by then
        assert r["cpsat"]["status"] == "OPTIMAL" and r["highs"]["status"] == "Optimal", r["instance"]
        assert r["highs"]["exact"]
        opt = r["cpsat"]["objective"]
        assert r["cpsat"]["bound"] == opt == r["highs"]["objective"] == r["stages_optimum"], r["instance"]
        assert r["cpsat_stage2"]["status"] == r["cpsat_stage3"]["status"] == "OPTIMAL"
        assert r["cpsat_stage3"]["objective"] == opt % r["tie_width"] == r["highs_stage3"]["objective"]  # fewest
        assert r["highs_stage3"]["status"] == "Optimal" and r["highs_stage3"]["exact"]
        assert opt <= r["plan_tie"]  # the budgeted plan is never better than the optimum in the canonical order
    assert any(r["plan_tie"] > r["cpsat"]["objective"] for r in recs)  # the cut budget does cost something


def test_facts_section_and_target_text(result: dict, tmp_path: Path) -> None:
    facts = tie_proof_facts(result)
    assert facts["tieproof.unfinished"] == str(len(NAMES))
    first = result["records"][0]
    key = f"tieproof.{first['instance'].replace('-', '_')}"  # a name notes.md can cite
    assert facts[f"{key}.cpsat"].startswith("OPTIMAL in ") and facts[f"{key}.highs"].startswith("Optimal in ")
    w = first["tie_width"]
    assert facts[f"{key}.optimum"] == f"{first['cpsat']['objective'] // w:,} / {first['cpsat']['objective'] % w}"
    assert REFERENCE.fullmatch("{{" + f"{key}.plan" + "}}")
    text = section_tie_proof(result)
    assert text.count("| medium-20x8x5-") == len(NAMES) and "CP-SAT stage 3 alone" in text
    assert "solved to the end" in tie_proof_text(result, first["instance"])
    assert tie_proof_text(result, "no-such-instance") == ""
    assert "not run (`python -m grantstack.benchmarks tie-proof`)" in render(tmp_path)
    save_json({**result, "environment": {"code": "abc123"}}, tmp_path / "tie_proof.json")
    assert "## Tie-breaking stages that run out of budget, solved to the end" in render(tmp_path)


def test_parts_whose_stage_1_the_certificate_proves_are_solved_to_the_end_from_its_plan() -> None:
    from grantstack.optimizer import stage1_bound

    calls: list[str] = []
    certify = stage1_bound.proven_optimum

    def counted(*args: object) -> object:
        calls.append(sys._getframe(1).f_globals["__name__"])  # the caller's module
        return certify(*args)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(canonical, "TIE_MAX_WORK", 1e-7)
        mp.setattr(canonical, "TIE_MIN_WORK", 1e-7)
        mp.setattr(stage1_bound, "proven_optimum", counted)
        got = tie_proof("typical", cpsat_limit=20.0, highs_limit=20.0, names=["typical-s0004", "typical-s0031"])
    assert calls.count("grantstack.benchmarks.tie_proof") == 2  # each part's hint and best total: the certificate's
    assert [r["instance"] for r in got["records"]] == ["typical-s0004", "typical-s0031"]
    for r in got["records"]:
        opt = r["cpsat"]["objective"]
        assert r["cpsat"]["status"] == "OPTIMAL" and opt == r["highs"]["objective"] == r["stages_optimum"]
        assert opt <= r["plan_tie"]
