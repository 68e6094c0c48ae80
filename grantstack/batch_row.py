"""One firm's line in a batch summary (plan-many): kept lean, since worker processes build it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ERROR", "NOT_RUN", "FirmRow"]

ERROR = "ERROR"
"""Status of a firm whose file could not be read or planned: see its error."""
NOT_RUN = "NOT_RUN"
"""Status of a firm the batch did not reach (it was interrupted)."""

@dataclass(frozen=True)
class FirmRow:
    """One firm of the batch: how its planning went, its totals, and its error if it failed."""

    name: str
    file: str | None
    firm: str = ""
    status: str = NOT_RUN
    total_yuan: int | None = None
    by_year: dict[int, int] = field(default_factory=dict)
    gap: float | None = None
    applications: int = 0
    top_measures: tuple[tuple[str, int], ...] = ()
    warnings: tuple[str, ...] = ()
    violations: int = 0
    error: str | None = None
    report: str | None = None
    seconds: float = 0.0
    sha256: str | None = None

    @property
    def ok(self) -> bool:
        """Planned, proven optimal, accepted by the checker, and its report (if asked for) written."""
        return self.status == "OPTIMAL" and not self.violations and self.error is None

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON-ready data."""
        return {"name": self.name, "file": self.file, "sha256": self.sha256, "firm": self.firm, "status": self.status,
                "total_yuan": self.total_yuan, "by_year": {str(y): v for y, v in self.by_year.items()},
                "gap": self.gap, "applications": self.applications,
                "top_measures": [{"measure": m, "amount_yuan": a} for m, a in self.top_measures],
                "warnings": list(self.warnings), "violations": self.violations, "error": self.error,
                "report": self.report, "seconds": round(self.seconds, 4)}
