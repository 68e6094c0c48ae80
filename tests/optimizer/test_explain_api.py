"""explain.py and the package's public names."""

from __future__ import annotations

from grantstack import optimizer
from grantstack.optimizer import explain
from tests.optimizer.helpers import catalogue, firm, measure

A = measure("a", {"form": "rate", "percent": 30, "base": {"of": "project", "field": "investment"}},
            subject="project", project_kinds=["rd_project"])
B = measure("b", {"form": "rate", "percent": 10, "base": {"of": "project", "field": "investment"}},
            subject="project", project_kinds=["rd_project"])
NEEDS = measure("needs", {"form": "fixed", "amount": 100_000}, eligibility=[{"kind": "status", "status": "tase"}])
ELSEWHERE = measure("elsewhere", {"form": "fixed", "amount": 1}, level="district", district="chaoyang")
INFO = measure("info", None, informational=True)


def test_public_names() -> None:
    assert optimizer.__all__ == ["plan", "explain", "build_model", "PlanResult", "SolveStatus", "Explanation"]
    for name in optimizer.__all__:
        assert getattr(optimizer, name) is not None


def test_explain_in_plan_group_exclusion_and_failing_predicate() -> None:
    cat = catalogue(A, B, NEEDS, ELSEWHERE, INFO,
                    groups=[{"id": "g", "kind": "most_favourable", "members": ["a", "b"], "scope": "matter"}])
    f = firm(projects=[{"id": "p", "kinds": ["rd_project"], "start": 2025, "costs": {"investment": [1_000_000]}}])
    out = {e.measure: e for e in explain(cat, f, (2025, 2029), None)}
    assert set(out) == {"a", "b", "needs"}  # other districts and informational entries are not listed
    assert out["a"].in_plan and "300,000" in out["a"].reason
    assert not out["b"].in_plan and out["b"].rule == "group" and "in favour of a" in out["b"].reason
    assert out["b"].value_if_forced == 100_000 and out["b"].value_lost == 200_000
    assert out["needs"].rule == "eligibility" and "tase" in out["needs"].reason
    assert out["needs"].value_if_forced is None and out["needs"].citation
