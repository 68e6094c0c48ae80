"""The typed result of planning a group: status, totals, placements and their value, each entity's plan."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from grantstack.models.group_options import GroupOptions
from grantstack.models.group_plan import GroupPlan, GroupViolation
from grantstack.models.options import PlanOptions
from grantstack.optimizer.result import PlanResult, SolveStatus

__all__ = ["EntityResult", "GroupPlanResult", "GroupReading", "PlacementValue"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EntityResult(_Model):
    """One entity's part: where it is, what was placed with it, and its own plan (canonical, checked)."""

    entity: str = Field(description="Entity id.")
    district: str = Field(description="District of registration (for the new entity: the one chosen).")
    new: bool = Field(default=False, description="True for the planned new entity.")
    items: tuple[str, ...] = Field(default=(), description="Placeable projects and events placed with it.")
    result: PlanResult = Field(description="The entity's plan result.")


class PlacementValue(_Model):
    """A placement (or the district) against its best alternative: one re-solve that forbids the choice."""

    kind: Literal["unit", "district"] = Field(description="A placed unit, or the new entity's district.")
    item: str = Field(description="Unit id (its first item), or the new entity's id.")
    items: tuple[str, ...] = Field(default=(), description="Items placed together.")
    chosen: str = Field(description="Entity chosen (or district).")
    options: tuple[str, ...] = Field(default=(), description="Every entity (or district) it could have had.")
    best_alternative: str | None = Field(default=None, description="Where it goes when the choice is forbidden.")
    objective_without: float | None = Field(default=None, description="Group objective with the choice forbidden.")
    value: float | None = Field(default=None, description="Group objective minus objective_without, in yuan.")
    status: SolveStatus | None = Field(default=None, description="Status of the re-solve; None: no alternative.")
    seconds: float = Field(default=0.0, description="Time of the re-solve.")


class GroupReading(_Model):
    """The whole group re-solved under another reading: its objective and the difference (value at stake)."""

    option: str = Field(description="Group option, interpretation option, or 'all_generous' (every one at once).")
    reading: str = Field(description="The value it was re-solved with (for all_generous: 'name=value, ...').")
    kind: Literal["group", "interpretation", "all_generous"] = Field(
        default="group", description="A group option; an interpretation option read for every entity alike; or all.")
    objective: float | None = Field(default=None, description="Group objective under that reading, in yuan.")
    difference: float | None = Field(default=None, description="objective minus the plan's objective.")
    status: SolveStatus = Field(description="Status of the re-solve (placements, district and every entity).")
    seconds: float = Field(default=0.0, description="Time of the re-solve.")


class GroupPlanResult(_Model):
    """Everything a group run produced; `plan` is None only when no legal placement was found."""

    status: SolveStatus = Field(description="OPTIMAL only if the placement search and every entity's plan are proven.")
    group: str = Field(description="Group id.")
    years: tuple[int, int] = Field(description="Planning horizon.")
    method: str = Field(description="decompose (exact, entity by entity) or merged (one model).")
    plan: GroupPlan | None = Field(default=None, description="Placements, district and each entity's plan.")
    total_yuan: int = Field(default=0, description="Total nominal support of the group in yuan.")
    objective: float | None = Field(default=None, description="Group objective in yuan (sum over entities).")
    best_bound: float | None = Field(default=None, description="Proven upper bound on the group objective.")
    gap: float | None = Field(default=None, description="Relative gap (bound - objective) / max(1, bound).")
    entities: tuple[EntityResult, ...] = Field(default=(), description="Each entity's part.")
    placements: tuple[PlacementValue, ...] = Field(default=(), description="Value of each placement choice.")
    readings: tuple[GroupReading, ...] = Field(default=(), description="Value at stake of each group reading.")
    violations: tuple[GroupViolation, ...] = Field(default=(), description="Group checker findings (must be empty).")
    options: PlanOptions = Field(description="Options of every entity's plan.")
    group_options: GroupOptions = Field(description="Group readings used.")
    stats: dict[str, float] = Field(default_factory=dict, description="Search statistics and times in seconds.")
    notes: tuple[str, ...] = Field(default=(), description="What the optimiser noticed.")

    @property
    def proven_optimal(self) -> bool:
        """True only if the placement and every entity's plan are proven optimal."""
        return self.status == SolveStatus.OPTIMAL
