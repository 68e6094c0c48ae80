"""What a group scenario file holds: a base group file, the horizon, options, and changes to the group and the
catalogue (docs/groups.md, docs/changes.md)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from grantstack.models.base import Frozen, Id, Year
from grantstack.models.scenario_file import Change

__all__ = ["GroupScenarioFile"]


class GroupScenarioFile(Frozen):
    """A group scenario: a base group file, the horizon, options, and the changes that make the variant."""

    scenario: Id = Field(description="Name of the scenario, e.g. subsidiary-in-changping.")
    title: str = Field(default="", description="What the scenario asks, in a line.")
    description: str = Field(default="", description="Why, and what the changes mean.")
    group: str = Field(min_length=1, description="The base group file, relative to this file (or absolute).")
    years: tuple[Year, Year] | None = Field(
        default=None, description="Planning horizon [first, last]; empty: the command's --years (default 2025-2029).")
    options: dict[str, Any] = Field(
        default_factory=dict,
        description="Options by name: every entity's (see `grantstack options`) and the group's "
                    "(move_started_projects, new_entity_introduced).")
    group_changes: tuple[Change, ...] = Field(default=(), description="Changes to the base group, in order.")
    catalogue_changes: tuple[Change, ...] = Field(default=(), description="Changes to the catalogue, in order.")

    @model_validator(mode="after")
    def _horizon(self) -> GroupScenarioFile:
        if self.years is not None and self.years[1] < self.years[0]:
            raise ValueError(f"the horizon ends ({self.years[1]}) before it starts ({self.years[0]})")
        return self
