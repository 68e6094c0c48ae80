"""Compare plans at the level of decisions: applications added, removed, moved to another year, changed in amount;
schedule changes; totals by year, measure and level with the difference.

Applications are matched by (measure, subject): a year present in both plans with another amount is an amount
change; years only in one plan are paired in order as moves (a run that starts a year later moves every year);
what is left is added or removed. A variant that changes nothing of value has an empty diff.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from grantstack.models.catalogue import Catalogue
from grantstack.models.plan import Plan

if TYPE_CHECKING:
    from grantstack.optimizer.result import PlanResult
    from grantstack.scenarios.scenario import Scenario

__all__ = ["Comparison", "Decision", "Delta", "PlanDiff", "ScheduleChange", "compare", "diff_plans"]

Kind = Literal["added", "removed", "moved", "amount"]


@dataclass(frozen=True)
class Decision:
    """One changed decision: an application added, removed, moved to another year, or changed in amount."""

    kind: Kind
    measure: str
    subject: str | None
    year_before: int | None
    year_after: int | None
    amount_before: int
    amount_after: int

    @property
    def difference(self) -> int:
        """After minus before, in yuan."""
        return self.amount_after - self.amount_before

    def text(self) -> str:
        """The decision in words."""
        who = f"{self.measure} ({self.subject or 'firm'})"
        if self.kind == "added":
            return f"added {who} in {self.year_after}: {self.amount_after:,} yuan"
        if self.kind == "removed":
            return f"removed {who} in {self.year_before}: {self.amount_before:,} yuan"
        if self.kind == "moved":
            amounts = "" if not self.difference else f", {self.amount_before:,} -> {self.amount_after:,} yuan"
            return f"moved {who} from {self.year_before} to {self.year_after}{amounts}"
        return f"changed {who} in {self.year_after}: {self.amount_before:,} -> {self.amount_after:,} yuan"


@dataclass(frozen=True)
class ScheduleChange:
    """A flexible event or project whose chosen year differs (None: skipped or not in the plan)."""

    subject: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class Delta:
    """A total before and after."""

    key: str
    before: int
    after: int

    @property
    def difference(self) -> int:
        """After minus before, in yuan."""
        return self.after - self.before


@dataclass(frozen=True)
class PlanDiff:
    """What differs between two plans: decisions, schedule, totals by year, measure and level."""

    decisions: tuple[Decision, ...]
    schedule: tuple[ScheduleChange, ...]
    by_year: tuple[Delta, ...]
    by_measure: tuple[Delta, ...]
    by_level: tuple[Delta, ...]
    total: Delta

    @property
    def empty(self) -> bool:
        """True if no decision and no scheduled year differ."""
        return not self.decisions and not self.schedule

    def counts(self) -> dict[str, int]:
        """Number of decisions of each kind."""
        out = dict.fromkeys(("added", "removed", "moved", "amount"), 0)
        for d in self.decisions:
            out[d.kind] += 1
        return out


def _by_run(plan: Plan | None) -> dict[tuple[str, str | None], dict[int, int]]:
    out: dict[tuple[str, str | None], dict[int, int]] = defaultdict(dict)
    for a in plan.applications if plan is not None else ():
        out[(a.measure, a.subject)][a.year] = out[(a.measure, a.subject)].get(a.year, 0) + a.amount
    return out


def _decisions(before: Plan | None, after: Plan | None) -> list[Decision]:
    b, a = _by_run(before), _by_run(after)
    out: list[Decision] = []
    for key in sorted(set(b) | set(a), key=lambda k: (k[0], k[1] or "")):
        mid, sid = key
        yb, ya = b.get(key, {}), a.get(key, {})
        for y in sorted(set(yb) & set(ya)):
            if yb[y] != ya[y]:
                out.append(Decision("amount", mid, sid, y, y, yb[y], ya[y]))
        only_b, only_a = sorted(set(yb) - set(ya)), sorted(set(ya) - set(yb))
        for y0, y1 in zip(only_b, only_a, strict=False):
            out.append(Decision("moved", mid, sid, y0, y1, yb[y0], ya[y1]))
        out += [Decision("removed", mid, sid, y, None, yb[y], 0) for y in only_b[len(only_a):]]
        out += [Decision("added", mid, sid, None, y, 0, ya[y]) for y in only_a[len(only_b):]]
    return sorted(out, key=lambda d: (min(x for x in (d.year_before, d.year_after) if x is not None),
                                      d.measure, d.subject or "", d.kind))


def _deltas(before: dict[str, int], after: dict[str, int], keys: Iterable[str] | None = None) -> tuple[Delta, ...]:
    names = list(keys) if keys is not None else sorted(set(before) | set(after))
    return tuple(Delta(k, before.get(k, 0), after.get(k, 0)) for k in names)


def _sums(plan: Plan | None, key: str, levels: dict[str, str]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for a in plan.applications if plan is not None else ():
        k = {"year": str(a.year), "measure": a.measure, "level": levels.get(a.measure, "unknown")}[key]
        out[k] += a.amount
    return dict(out)


def diff_plans(before: Plan | None, after: Plan | None, catalogues: Sequence[Catalogue] = ()) -> PlanDiff:
    """The decision-level difference between two plans (None: no plan); `catalogues` give measure levels."""
    levels: dict[str, str] = {}
    for cat in reversed(list(catalogues)):
        levels.update({m.id: m.level for m in cat.measures})
    sb = before.schedule if before is not None else {}
    sa = after.schedule if after is not None else {}
    schedule = tuple(ScheduleChange(s, sb.get(s), sa.get(s)) for s in sorted(set(sb) | set(sa))
                     if sb.get(s) != sa.get(s))
    horizon = [p.years for p in (before, after) if p is not None]
    years = sorted({y for y0, y1 in horizon for y in range(y0, y1 + 1)})
    total_b = before.total if before is not None else 0
    total_a = after.total if after is not None else 0
    seen = {*_sums(before, "level", levels), *_sums(after, "level", levels)}
    level_keys = ["municipal", "district", *sorted(seen - {"municipal", "district"})]
    return PlanDiff(
        decisions=tuple(_decisions(before, after)), schedule=schedule,
        by_year=_deltas(_sums(before, "year", levels), _sums(after, "year", levels), [str(y) for y in years]),
        by_measure=_deltas(_sums(before, "measure", levels), _sums(after, "measure", levels)),
        by_level=_deltas(_sums(before, "level", levels), _sums(after, "level", levels), level_keys),
        total=Delta("total", total_b, total_a),
    )


@dataclass(frozen=True)
class Comparison:
    """A base scenario and its plan, and for each variant its plan and the diff against the base."""

    base: Scenario
    base_result: PlanResult
    variants: tuple[Scenario, ...]
    results: tuple[PlanResult, ...]
    diffs: tuple[PlanDiff, ...] = field(default=())

    @property
    def proven(self) -> bool:
        """True if every plan compared is proven optimal."""
        return all(r.proven_optimal and not r.violations for r in (self.base_result, *self.results))


def compare(base: Scenario, variants: Iterable[Scenario]) -> Comparison:
    """Plan the base and each variant (each variant's plan kept closest to the base plan, where the planner
    supports it) and diff each against the base."""
    variants = tuple(variants)
    base_result = base.plan()
    results = tuple(v.plan(base=base_result.plan) for v in variants)
    diffs = tuple(diff_plans(base_result.plan, r.plan, (v.catalogue, base.catalogue))
                  for v, r in zip(variants, results, strict=True))
    return Comparison(base, base_result, variants, results, diffs)
