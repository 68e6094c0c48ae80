"""What follows a plan on the page without holding it up: "why not" and the readings (value at stake).

Both run in the long lane after the plan is shown, once per firm, horizon and options (kept in a bounded
cache), so the typical lane answers a changed figure with the plan alone.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from grantstack.optimizer.result import Explanation, PlanResult
from grantstack.web import work
from grantstack.web.pool import SolvePool
from grantstack.web.workspace import Workspace

__all__ = ["FollowUps", "remember"]


def remember(cache: OrderedDict[str, Any], key: str, value: Any, size: int = 512) -> None:
    """Keep value under key, dropping the least recently used entries beyond `size`."""
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > size:
        cache.popitem(last=False)


class FollowUps:
    """Why-not and readings of the workspaces' plans, worked out in the pool's long lane and kept by key."""

    def __init__(self) -> None:
        self.explained: OrderedDict[str, list[Explanation]] = OrderedDict()
        self.readings: OrderedDict[str, tuple[Any, ...]] = OrderedDict()

    async def why_not(self, pool: SolvePool, key: str, ws: Workspace) -> list[Explanation]:
        """Why each relevant measure is in or out of the plan (Busy or TimedOut when the lane cannot)."""
        if key not in self.explained:
            assert ws.firm is not None
            items = await pool.run(pool.long, work.explain_firm, ws.firm.model_dump_json(), ws.years,
                                   ws.options.model_dump_json())  # fmt: skip
            remember(self.explained, key, items)
        return self.explained[key]

    async def with_readings(self, pool: SolvePool, key: str, ws: Workspace) -> PlanResult:
        """The workspace's plan with the value at stake of every other reading that touches the firm."""
        assert ws.firm is not None and ws.result is not None
        if ws.result.plan is None:
            return ws.result
        if key not in self.readings:
            limit = min(ws.options.time_limit, pool.lanes[pool.long].lane.time_limit)
            found = await pool.run(pool.long, work.readings_of, ws.firm.model_dump_json(), ws.years,
                                   ws.result, limit)  # fmt: skip
            remember(self.readings, key, found)
        return ws.result.model_copy(update={"readings": self.readings[key]})
