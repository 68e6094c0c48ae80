"""Corporate groups: choose placements and the new entity's district, plan every entity, prove it optimal."""

from grantstack.optimizer.group.result import EntityResult, GroupPlanResult, GroupReading, PlacementValue
from grantstack.optimizer.group.solve import plan_group

__all__ = ["EntityResult", "GroupPlanResult", "GroupReading", "PlacementValue", "plan_group"]
