"""Brute force for tiny instances: every schedule and every subset of candidates, checked by the arbiter."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

from grantstack.benchmarks.baseline import Cand, candidates, flexible_ids, human_schedule
from grantstack.benchmarks.greedy import reducible_cut
from grantstack.models.catalogue import Catalogue
from grantstack.models.checker import check_plan
from grantstack.models.firm import Firm
from grantstack.models.options import Interpretation
from grantstack.models.plan import Application, Plan

__all__ = ["BruteResult", "brute_force", "schedules"]


@dataclass(frozen=True)
class BruteResult:
    """Best plan found by exhaustive search, its total, nodes visited and whether the budget ran out."""

    plan: Plan | None
    total: int
    seconds: float
    nodes: int
    complete: bool


def schedules(firm: Firm) -> list[dict[str, int | None]]:
    """Every combination of years for flexible events (None too if optional) and flexible project starts."""
    base = human_schedule(firm)
    options: list[tuple[str, tuple[int | None, ...]]] = []
    for e in firm.events:
        if e.window is not None:
            options.append((e.id, (*e.years(), *((None,) if e.optional else ()))))
    for p in firm.projects:
        if p.start_window is not None:
            options.append((p.id, p.start_years()))
    out = []
    for combo in itertools.product(*(vals for _, vals in options)):
        s = dict(base)
        s.update({sid: y for (sid, _), y in zip(options, combo, strict=True)})
        out.append(s)
    return out


def _order(catalogue: Catalogue, cands: list[Cand]) -> list[Cand]:
    """Chronological; within a year, matched and bonused measures before those that depend on them."""
    def dependent(c: Cand) -> int:
        m = catalogue.measure(c.measure)
        return int(m.matches is not None or bool(m.bonus_to))
    return sorted(cands, key=lambda c: (c.year, dependent(c), c.measure, c.subject or ""))


class _Search:
    """Depth-first include/exclude with pruning; amounts filled to the largest legal value."""

    def __init__(self, catalogue: Catalogue, firm: Firm, years: tuple[int, int], interp: Interpretation,
                 unit: int, budget: int) -> None:
        self.catalogue, self.firm, self.years, self.interp = catalogue, firm, years, interp
        self.unit, self.budget, self.nodes = unit, budget, 0
        self.best_total = -1
        self.best: Plan | None = None

    def plan(self, apps: list[Application], schedule: dict[str, int | None]) -> Plan:
        keep = {sid: schedule.get(sid) for sid in flexible_ids(self.firm)}
        return Plan(firm=self.firm.id, years=self.years, applications=tuple(apps), schedule=keep)

    def fill(self, c: Cand, apps: list[Application], schedule: dict[str, int | None]) -> Application | None:
        amount = c.ceiling // self.unit * self.unit
        while amount > 0:
            app = Application(measure=c.measure, subject=c.subject, year=c.year, amount=amount)
            self.nodes += 1
            violations = check_plan(self.catalogue, self.firm, self.plan([*apps, app], schedule), self.interp)
            if not violations:
                return app
            cut = reducible_cut(violations)
            if cut is None:
                return None
            amount = (amount - cut) // self.unit * self.unit
        return None

    def dfs(self, order: list[Cand], i: int, apps: list[Application], total: int, rest: list[int],
            schedule: dict[str, int | None]) -> None:
        if self.nodes > self.budget or total + rest[i] <= self.best_total:
            return
        if i == len(order):
            self.best_total, self.best = total, self.plan(apps, schedule)
            return
        app = self.fill(order[i], apps, schedule)
        if app is not None:
            self.dfs(order, i + 1, [*apps, app], total + app.amount, rest, schedule)
        self.dfs(order, i + 1, apps, total, rest, schedule)


def brute_force(catalogue: Catalogue, firm: Firm, years: tuple[int, int], interp: Interpretation | None = None,
                unit: int = 1, budget: int = 200_000) -> BruteResult:
    """The best plan over all schedules and candidate subsets (each at its largest legal amount)."""
    t0 = time.perf_counter()
    interp = interp or Interpretation()
    search = _Search(catalogue, firm, years, interp, unit, budget)
    for schedule in schedules(firm):
        base = search.plan([], schedule)
        if check_plan(catalogue, firm, base, interp):
            continue  # the schedule itself breaks an event rule
        order = _order(catalogue, candidates(catalogue, firm, years, schedule, interp))
        rest = list(itertools.accumulate((c.ceiling for c in reversed(order)), initial=0))[::-1]
        search.dfs(order, 0, [], 0, rest, schedule)
    return BruteResult(search.best, max(search.best_total, 0), time.perf_counter() - t0, search.nodes,
                       search.nodes <= budget)
