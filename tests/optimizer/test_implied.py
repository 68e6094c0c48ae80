"""rules/implied.py (with the ladders' totals): every implied row holds in every plan of the model without it, so the
plans are the same; the rows go only on parts of at least IMPLIED_AT variables, where they cut stage 1's work."""

from __future__ import annotations

from dataclasses import replace

import pytest

from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.storage import find, load_instance
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.options import PlanOptions
from grantstack.optimizer import build_model
from grantstack.optimizer.context import Build
from grantstack.optimizer.encoding import Encoding
from grantstack.optimizer.linear import Row
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.rules import implied
from grantstack.optimizer.solve import solve_cpsat, solve_model, solver_parameters
from tests.optimizer.generators import random_instance
from tests.optimizer.helpers import EXACT, YEARS, firm
from tests.optimizer.test_ladders import LADDER

WITHOUT = replace(Encoding(), implied_rows=False)


def _both(cat: Catalogue, f: Firm, options: PlanOptions, years: tuple[int, int] = YEARS) -> tuple[Build, list[Row]]:
    """The model without implied rows, and the rows the default build adds to it (the same variables and rows
    before them)."""
    base = build_model(cat, f, years, options, WITHOUT)
    full = build_model(cat, f, years, options)
    n = len(base.model.rows)
    assert full.model.num_vars == base.model.num_vars and full.model.rows[:n] == base.model.rows
    return base, full.model.rows[n:]


@pytest.mark.parametrize("seed", range(40))
def test_every_implied_row_holds_in_every_plan(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The greatest value of each added row's left side over the plans of the model without it (a CP-SAT proof) is
    at most its limit: the row cuts no plan off."""
    monkeypatch.setattr(implied, "IMPLIED_AT", 1)
    cat, f, options = random_instance(seed)
    base, added = _both(cat, f, options)
    for r in added:
        assert not r.enforce and r.lb is None and r.ub is not None
        m = base.model.copy()
        m.maximize(dict(zip(r.vars, r.coefs, strict=True)))
        run = solve_cpsat(m, solver_parameters(options))
        assert run.status == SolveStatus.OPTIMAL and run.objective is not None
        assert run.objective <= r.ub, r.tag


@pytest.mark.parametrize(("suite", "first"), [("random", 30), ("typical", 30), ("medium", 3)])
def test_implied_rows_hold_on_stored_instances(suite: str, first: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same proof on stored instances (statuses, history, windows, groups, shared caps): the first few of the
    suite, with the rows on every part (all 550 random, 60 typical, 10 medium and large, 2,329 rows: none cut a plan,
    checked once offline)."""
    monkeypatch.setattr(implied, "IMPLIED_AT", 1)
    checked = 0
    for spec in specs([suite])[:first]:
        inst = load_instance(find(spec))
        base, added = _both(inst.catalogue, inst.firm, PlanOptions(), inst.years)
        for r in added:
            m = base.model.copy()
            m.maximize(dict(zip(r.vars, r.coefs, strict=True)))
            run = solve_cpsat(m, solver_parameters(PlanOptions()))
            assert run.status == SolveStatus.OPTIMAL and run.objective is not None
            assert run.objective <= r.ub, (spec.name, r.tag)
            checked += 1
    assert checked >= 20


def test_the_random_instances_get_both_kinds_of_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above checks ladder totals and rows scaled by a literal, some of them tight at their limit."""
    monkeypatch.setattr(implied, "IMPLIED_AT", 1)
    tags = [r.tag.split(" ")[0] for seed in range(40) for r in _both(*random_instance(seed))[1]]
    assert tags.count("ladder.total") >= 5 and tags.count("implied") >= 20


def test_the_ladder_total_is_the_top_tier(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tiers of 200k and 800k, each possible in 2025 or 2026: all four applications pay at most 800k together (an
    upgrade pays the difference) where the LP relaxation of the enforced ladder rows allowed 1,600k; the two of the
    200k tier at most 200k."""
    monkeypatch.setattr(implied, "IMPLIED_AT", 1)
    f = firm(events=[{"id": "s", "kind": "recognition.ss_municipal", "window": [2025, 2026]},
                     {"id": "l", "kind": "recognition.little_giant_national", "window": [2025, 2026]}])
    base, added = _both(LADDER, f, EXACT)
    totals = [r for r in added if r.tag.startswith("ladder.total")]
    assert [(r.tag, r.ub, len(r.vars)) for r in totals] == [("ladder.total lad at most 200000", 200_000, 2),
                                                            ("ladder.total lad at most 800000", 800_000, 4)]
    names = sorted(base.model.names[v][2:].split("|")[0] for v in totals[1].vars)
    assert names == ["lg", "lg", "ss", "ss"]


def test_no_implied_rows_below_implied_at() -> None:
    """large-40x12x5-s01's largest part has 338 variables (< IMPLIED_AT): its model is the one without them, so its
    canonical plan (and every smaller stored instance's) is unchanged."""
    inst = load_instance(find(next(s for s in specs(["large"]) if s.name == "large-40x12x5-s01")))
    assert _both(inst.catalogue, inst.firm, PlanOptions(), inst.years)[1] == []
    assert implied.IMPLIED_AT > 338


def test_xl_stage_one_works_less_with_the_implied_rows() -> None:
    """xl-80x60x8-s00 (a ladder-heavy part of 910 variables): the same proven total for a fifth of the deterministic
    work or less (0.233 -> 0.026 with OR-Tools 9.15)."""
    inst = load_instance(find(next(s for s in specs(["xl"]) if s.name == "xl-80x60x8-s00")))
    runs = [solve_model(build_model(inst.catalogue, inst.firm, inst.years, PlanOptions(), e), stages=False)
            for e in (WITHOUT, Encoding())]
    assert [r.status for r in runs] == [SolveStatus.OPTIMAL] * 2 and runs[0].objective == runs[1].objective
    assert runs[1].work * 5 < runs[0].work
    rows = build_model(inst.catalogue, inst.firm, inst.years, PlanOptions()).model.rows
    assert any(r.tag.startswith("ladder.total") for r in rows) and any(r.tag.startswith("implied") for r in rows)
