"""Readings that concern a group as a whole; each generous reading is a named option, off by default."""

from __future__ import annotations

from pydantic import Field

from grantstack.models.base import Flag, Frozen

__all__ = ["GroupOptions"]


class GroupOptions(Frozen):
    """How a group's facts are read; the optimiser and the group checker both follow it."""

    move_started_projects: Flag = Field(
        default=False,
        description=(
            "A project already started by one entity may move to another carrier to use that entity's caps "
            "(false: it stays with the entity that started it; its past awards count against both)."
        ),
    )
    new_entity_introduced: Flag = Field(
        default=False,
        description=(
            "The new subsidiary counts as introduced from outside Beijing on its settlement date (false: it is "
            "newly incorporated in its district, not introduced, since the group is already in Beijing)."
        ),
    )
