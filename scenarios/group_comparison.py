"""Compare group scenarios: the group total, placements that moved, the new entity's district, and for each
entity the decision-level diff of its plan (scenarios/comparison.py's diff_plans)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grantstack.scenarios.comparison import Delta, PlanDiff, diff_plans
from grantstack.scenarios.group_scenario import GroupScenario

if TYPE_CHECKING:
    from grantstack.optimizer.group.result import GroupPlanResult

__all__ = ["GroupComparison", "GroupDiff", "PlacementMove", "compare_groups"]


@dataclass(frozen=True)
class PlacementMove:
    """A placeable item carried by another entity (None: not in that group)."""

    item: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class GroupDiff:
    """What differs between the base group plan and a variant's."""

    total: Delta
    moves: tuple[PlacementMove, ...]
    district: tuple[str | None, str | None] | None
    entities: dict[str, PlanDiff]

    @property
    def empty(self) -> bool:
        """True if no placement, district or entity decision differs."""
        return not self.moves and self.district is None and all(d.empty for d in self.entities.values())


@dataclass(frozen=True)
class GroupComparison:
    """A base group scenario and its plan, and for each variant its plan and the diff against the base."""

    base: GroupScenario
    base_result: GroupPlanResult
    variants: tuple[GroupScenario, ...]
    results: tuple[GroupPlanResult, ...]
    diffs: tuple[GroupDiff, ...]

    @property
    def proven(self) -> bool:
        """True if every group plan compared is proven optimal and checked."""
        return all(r.proven_optimal and not r.violations for r in (self.base_result, *self.results))


def diff_groups(before: GroupPlanResult, after: GroupPlanResult, catalogues: tuple = ()) -> GroupDiff:
    """The difference between two group plans."""
    pb = before.plan.placements if before.plan else {}
    pa = after.plan.placements if after.plan else {}
    moves = tuple(PlacementMove(i, pb.get(i), pa.get(i)) for i in sorted(set(pb) | set(pa)) if pb.get(i) != pa.get(i))
    db = before.plan.district if before.plan else None
    da = after.plan.district if after.plan else None
    plans_b = {e.entity: e.result.plan for e in before.entities}
    plans_a = {e.entity: e.result.plan for e in after.entities}
    entities = {e: diff_plans(plans_b.get(e), plans_a.get(e), catalogues)
                for e in dict.fromkeys([*plans_b, *plans_a])}
    return GroupDiff(Delta("total", before.total_yuan, after.total_yuan), moves,
                     None if db == da else (db, da), entities)


def compare_groups(base: GroupScenario, variants: Iterable[GroupScenario]) -> GroupComparison:
    """Plan the base and each variant (each entity's plan kept closest to its base plan where the planner
    supports it) and diff each against the base."""
    variants = tuple(variants)
    base_result = base.plan()
    results = tuple(v.plan(base=base_result.plan) for v in variants)
    diffs = tuple(diff_groups(base_result, r, (v.catalogue, base.catalogue)) for v, r in zip(variants, results,
                                                                                              strict=True))
    return GroupComparison(base, base_result, variants, results, diffs)
