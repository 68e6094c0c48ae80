"""Two scenarios side by side: totals by year, the what-if engine's decision-level diff, each line in A and B."""

from __future__ import annotations

from dataclasses import dataclass

from grantstack.models.catalogue import Catalogue
from grantstack.scenarios.comparison import PlanDiff, diff_plans
from grantstack.web.workspace import Scenario

__all__ = ["Comparison", "compare_scenarios"]


@dataclass(frozen=True)
class Comparison:
    """Totals and lines of A and B; `lines` are (year, measure, subject, amount A, amount B), changed ones first."""

    a: Scenario
    b: Scenario
    years: tuple[int, ...]
    totals: dict[int, tuple[int, int]]
    lines: list[tuple[int, str, str, int, int]]
    diff: PlanDiff

    @property
    def total_a(self) -> int:
        """A's total in yuan."""
        return self.a.result.total_yuan

    @property
    def total_b(self) -> int:
        """B's total in yuan."""
        return self.b.result.total_yuan


def _amounts(s: Scenario) -> dict[tuple[int, str, str], int]:
    apps = s.result.plan.applications if s.result.plan is not None else ()
    return {(a.year, a.measure, a.subject or "(firm)"): a.amount for a in apps}


def compare_scenarios(a: Scenario, b: Scenario, catalogue: Catalogue | None = None) -> Comparison:
    """Year totals, the decisions that change (scenarios.comparison.diff_plans) and every line of either plan."""
    left, right = _amounts(a), _amounts(b)
    years = tuple(sorted({*range(a.years[0], a.years[1] + 1), *range(b.years[0], b.years[1] + 1)}))
    totals = {y: (sum(v for k, v in left.items() if k[0] == y), sum(v for k, v in right.items() if k[0] == y))
              for y in years}  # fmt: skip
    keys = sorted(set(left) | set(right))
    lines = [(k[0], k[1], k[2], left.get(k, 0), right.get(k, 0)) for k in keys]
    lines.sort(key=lambda x: (x[3] == x[4], x[0], x[1], x[2]))
    diff = diff_plans(a.result.plan, b.result.plan, (catalogue,) if catalogue is not None else ())
    return Comparison(a, b, years, totals, lines, diff)
