"""Tiny builders for synthetic measures, firms and catalogues, and helpers that pin a plan into the model."""

from __future__ import annotations

from typing import Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.checker import check_plan
from grantstack.models.firm import Firm
from grantstack.models.measure import Measure
from grantstack.models.options import Interpretation, PlanOptions
from grantstack.models.plan import Application, Plan
from grantstack.optimizer import build_model, plan
from grantstack.optimizer.context import Build
from grantstack.optimizer.linear import LinearModel
from grantstack.optimizer.result import PlanResult, SolveStatus
from grantstack.optimizer.solve import solve_cpsat, solver_parameters

SEED = "003_817f70ee6d023492.txt"
EXACT = PlanOptions(money_unit=1)
YEARS = (2025, 2029)


def src(item: str = "Art. t") -> dict[str, str]:
    """A placeholder source."""
    return {"seed": SEED, "item": item, "clause": "A clause quoted for a unit test."}


def measure(mid: str, amount: dict[str, Any] | None, **extra: Any) -> Measure:
    """A municipal firm-level measure unless overridden."""
    data: dict[str, Any] = {"id": mid, "title": f"measure {mid}", "level": "municipal", "issuer": "test",
                            "source": src(), "edition": {"year": 2025}, "amount": amount}
    data.update(extra)
    return Measure.model_validate(data)


def firm(**extra: Any) -> Firm:
    """A Haidian firm with nothing else unless given."""
    data: dict[str, Any] = {"id": "f", "district": "haidian"}
    data.update(extra)
    return Firm.model_validate(data)


def catalogue(*measures: Measure, **rules: Any) -> Catalogue:
    """Measures plus rule lists given as dicts (a source is added where missing)."""
    lists = {k: [{"source": src(), **r} for r in v] for k, v in rules.items()}
    return Catalogue.model_validate({"measures": [m.model_dump() for m in measures], **lists})


def opts(unit: int = 1, **interp: Any) -> PlanOptions:
    """Plan options with an exact money unit by default and an interpretation."""
    return PlanOptions(money_unit=unit, interpretation=Interpretation(**interp))


def solve(cat: Catalogue, f: Firm, options: PlanOptions = EXACT, years: tuple[int, int] = YEARS) -> PlanResult:
    """Plan, insist on a proven optimum and a plan the checker accepts."""
    r = plan(cat, f, years, options)
    assert r.status == SolveStatus.OPTIMAL, r.status
    assert r.plan is not None
    assert r.violations == (), r.violations
    return r


def amounts(r: PlanResult) -> dict[tuple[str, str | None, int], int]:
    """Planned amounts by (measure, subject, year)."""
    assert r.plan is not None
    return {(a.measure, a.subject, a.year): a.amount for a in r.plan.applications}


def pinned(b: Build, p: Plan) -> LinearModel:
    """The model with exactly the plan's applications (amounts and schedule) forced."""
    model = b.model.copy()
    want = {(a.measure, a.subject, a.year): a.amount for a in p.applications}
    for slot, cs in b.by_slot.items():
        lits = [c.b for c in cs]
        if slot in want:
            assert want[slot] % b.unit == 0
            model.add(lits, [1] * len(lits), lb=1, ub=1, tag="test.pin")
            model.add(*b.amounts(cs), lb=want[slot] // b.unit, ub=want[slot] // b.unit, tag="test.pin")
        else:
            model.add(lits, [1] * len(lits), ub=0, tag="test.pin")
    for (sid, y), v in {**b.happen, **b.start}.items():
        chosen = p.schedule.get(sid, "fixed")
        if chosen != "fixed":
            model.add([v], [1], lb=int(chosen == y), ub=int(chosen == y), tag="test.pin")
    return model


def feasible(b: Build, p: Plan) -> bool:
    """Whether the model admits exactly this plan."""
    if {(a.measure, a.subject, a.year) for a in p.applications} - set(b.by_slot):
        return False
    run = solve_cpsat(pinned(b, p), solver_parameters(b.options))
    return run.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


def bumped(p: Plan, key: tuple[str, str | None, int], by: int = 1) -> Plan:
    """The plan with one application's amount raised (or a new application added) by `by` yuan."""
    apps = list(p.applications)
    for i, a in enumerate(apps):
        if (a.measure, a.subject, a.year) == key:
            apps[i] = a.model_copy(update={"amount": a.amount + by})
            break
    else:
        apps.append(Application(measure=key[0], subject=key[1], year=key[2], amount=by))
    return p.model_copy(update={"applications": tuple(apps)})


def agree_over_by_one(cat: Catalogue, f: Firm, key: tuple[str, str | None, int], rule: str,
                      options: PlanOptions = EXACT, by: int = 1) -> PlanResult:
    """The optimum is legal; one yuan more on `key` is infeasible in the model and a `rule` violation."""
    r = solve(cat, f, options)
    assert r.plan is not None
    b = build_model(cat, f, YEARS, options)
    assert feasible(b, r.plan)
    over = bumped(r.plan, key, by)
    assert not feasible(b, over)
    rules = {v.rule for v in check_plan(cat, f, over, options)}
    assert any(x == rule or x.startswith(rule) for x in rules), rules
    return r
