"""A group's plan: where each placeable item goes, the new entity's district, and each entity's own plan."""

from __future__ import annotations

from pydantic import Field, model_validator

from grantstack.models.base import District, Frozen, Id, Year
from grantstack.models.plan import Plan, Violation

__all__ = ["GroupPlan", "GroupViolation"]


class GroupPlan(Frozen):
    """Placements, the new entity's district and one plan per entity (the new entity's included)."""

    group: Id = Field(description="Group id.")
    years: tuple[Year, Year] = Field(description="First and last year of the horizon.")
    district: District | None = Field(default=None, description="District chosen for the new entity, if any.")
    placements: dict[Id, Id] = Field(
        default_factory=dict, description="Entity that carries each placeable project or event (item id -> entity).")
    plans: tuple[Plan, ...] = Field(default=(), description="Each entity's plan (plan.firm is the entity id).")

    @model_validator(mode="after")
    def _one_plan_each(self) -> GroupPlan:
        seen: set[str] = set()
        for p in self.plans:
            if p.firm in seen:
                raise ValueError(f"two plans for entity '{p.firm}'")
            seen.add(p.firm)
        return self

    @property
    def total(self) -> int:
        """Total support of the group in yuan."""
        return sum(p.total for p in self.plans)

    def plan_of(self, entity: str) -> Plan | None:
        """The plan of one entity, if any."""
        return next((p for p in self.plans if p.firm == entity), None)


class GroupViolation(Frozen):
    """A broken rule of a group plan: a placement or group rule (entity empty), or one entity's own rule."""

    entity: Id | None = Field(default=None, description="Entity whose plan breaks it; empty for a group rule.")
    violation: Violation = Field(description="The rule broken, where, and by how much.")
