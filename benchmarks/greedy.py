"""Greedy baseline: a match-only calculator plus a careful human, checked by the arbiter at every step."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from grantstack.benchmarks.baseline import Cand, candidates, components, flexible_ids, human_schedule
from grantstack.models.catalogue import Catalogue
from grantstack.models.checker import check_plan
from grantstack.models.firm import Firm
from grantstack.models.options import Interpretation
from grantstack.models.plan import Application, Plan, Violation

__all__ = ["GreedyResult", "greedy", "reducible_cut"]

MAX_TRIES = 6


@dataclass(frozen=True)
class GreedyResult:
    """The greedy plan, its total in yuan, wall seconds and how many times the checker ran."""

    plan: Plan
    total: int
    seconds: float
    checks: int
    candidates: int


def reducible_cut(violations: list[Violation]) -> int | None:
    """Yuan to take off the new application so amount-type violations vanish; None if lowering cannot help."""
    cut = 0
    for v in violations:
        amount_rule = v.rule in ("ceiling", "matching", "ladder") or v.rule.startswith("cap.")
        if not amount_rule or v.limit is None or v.amount is None:
            return None
        cut = max(cut, v.amount - v.limit)
    return cut if cut > 0 else None


def _app(c: Cand, amount: int) -> Application:
    return Application(measure=c.measure, subject=c.subject, year=c.year, amount=amount)


def greedy(catalogue: Catalogue, firm: Firm, years: tuple[int, int], interp: Interpretation | None = None,
           unit: int = 1) -> GreedyResult:
    """Largest eligible amounts first; keep each if the checker passes, else the largest amount that does."""
    t0 = time.perf_counter()
    interp = interp or Interpretation()
    schedule = human_schedule(firm)
    plan_schedule = {sid: schedule.get(sid) for sid in flexible_ids(firm)}
    cands = candidates(catalogue, firm, years, schedule, interp)
    cands.sort(key=lambda c: (-c.ceiling, c.year, c.measure, c.subject or ""))
    comp = components(catalogue)
    kept: dict[str, list[Application]] = defaultdict(list)
    checks = 0
    for c in cands:
        amount = c.ceiling // unit * unit
        group = kept[comp[c.measure]]
        for _ in range(MAX_TRIES):
            if amount <= 0:
                break
            trial = Plan(firm=firm.id, years=years, applications=(*group, _app(c, amount)), schedule=plan_schedule)
            violations = check_plan(catalogue, firm, trial, interp)
            checks += 1
            if not violations:
                group.append(_app(c, amount))
                break
            cut = reducible_cut(violations)
            if cut is None:
                break
            amount = (amount - cut) // unit * unit
    apps = sorted((a for g in kept.values() for a in g), key=lambda a: (a.year, a.measure, a.subject or ""))
    plan = Plan(firm=firm.id, years=years, applications=tuple(apps), schedule=plan_schedule)
    return GreedyResult(plan, plan.total, time.perf_counter() - t0, checks, len(cands))
