"""Each browser's workspace: the open firm, its options and horizon, the last plan, and named scenarios."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from grantstack.models.firm import Firm
from grantstack.models.options import PlanOptions
from grantstack.optimizer.result import PlanResult

__all__ = ["MAX_SCENARIOS", "Scenario", "Workspace", "WorkspaceStore"]

MAX_SCENARIOS = 20


@dataclass(frozen=True)
class Scenario:
    """A named state of the firm with the plan it gave."""

    name: str
    firm: Firm
    years: tuple[int, int]
    options: PlanOptions
    result: PlanResult


@dataclass
class Workspace:
    """What one browser works on; nothing here is ever a server-side path."""

    firm: Firm | None = None
    source: str = ""
    years: tuple[int, int] = (2025, 2029)
    options: PlanOptions = field(default_factory=PlanOptions)
    result: PlanResult | None = None
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    marked: set[str] = field(default_factory=set)
    """Fields showing a message now (their message is cleared in place once they are right)."""
    touched: float = field(default_factory=time.monotonic)

    def save(self, name: str) -> Scenario:
        """Keep the current state under a name (replacing one of the same name); at most MAX_SCENARIOS."""
        if self.firm is None or self.result is None:
            raise ValueError("open a firm and plan it before saving a scenario")
        if name not in self.scenarios and len(self.scenarios) >= MAX_SCENARIOS:
            raise ValueError(f"at most {MAX_SCENARIOS} scenarios: delete one first")
        scenario = Scenario(name, self.firm, self.years, self.options, self.result)
        self.scenarios[name] = scenario
        return scenario


class WorkspaceStore:
    """Workspaces by session id, least recently used dropped beyond `limit` (memory stays bounded)."""

    def __init__(self, limit: int = 256) -> None:
        self.limit = limit
        self._items: OrderedDict[str, Workspace] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, sid: str | None) -> tuple[str, Workspace]:
        """The workspace of a session id (a new one, with a fresh random id, if unknown)."""
        with self._lock:
            if sid and sid in self._items:
                self._items.move_to_end(sid)
                ws = self._items[sid]
                ws.touched = time.monotonic()
                return sid, ws
            sid = secrets.token_urlsafe(18)
            ws = Workspace()
            self._items[sid] = ws
            while len(self._items) > self.limit:
                self._items.popitem(last=False)
            return sid, ws

    def __len__(self) -> int:
        return len(self._items)
