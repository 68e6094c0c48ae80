"""What every report shows: the run summary, one row per application, totals by year and level."""

from __future__ import annotations

from dataclasses import dataclass, field

from grantstack.models.catalogue import Catalogue
from grantstack.models.options import Interpretation, PlanOptions
from grantstack.optimizer.result import PlanResult, SolveStatus

__all__ = ["LEVELS", "ReportData", "Row", "build_report", "fmt_gap", "fmt_yuan", "status_note"]

LEVELS: tuple[str, ...] = ("municipal", "district")
"""Issuing levels in stacking order (bottom first); measures missing from the catalogue show as 'unknown'."""


@dataclass(frozen=True)
class Row:
    """One application as reports print it."""

    year: int
    measure: str
    title: str
    level: str
    subject: str
    amount: int
    binding: str
    citation: str
    discretionary: bool
    source: str = ""


@dataclass(frozen=True)
class ReportData:
    """A PlanResult enriched with catalogue titles, levels and citations."""

    result: PlanResult
    rows: tuple[Row, ...]
    years: tuple[int, ...]
    levels: tuple[str, ...]
    documents: dict[str, str] = field(default_factory=dict)
    by_year_level: dict[int, dict[str, int]] = field(default_factory=dict)
    measures: dict[str, dict[str, str | None]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Total support over all applications, in yuan."""
        return sum(r.amount for r in self.rows)

    def year_total(self, year: int) -> int:
        """Support in one year, in yuan."""
        return sum(self.by_year_level.get(year, {}).values())

    def level_total(self, level: str) -> int:
        """Support at one level over the horizon, in yuan."""
        return sum(v.get(level, 0) for v in self.by_year_level.values())

    def interpretation_changes(self) -> dict[str, object]:
        """Interpretation options that differ from the defaults."""
        default = Interpretation().model_dump(mode="json")
        chosen = self.result.options.interpretation.model_dump(mode="json")
        return {k: v for k, v in chosen.items() if default.get(k) != v}

    def planning_changes(self) -> str:
        """Planning options that differ from the defaults (money unit aside), as 'name=value, ...'."""
        default = PlanOptions().model_dump(mode="json", exclude={"interpretation", "money_unit"})
        chosen = self.result.options.model_dump(mode="json", exclude={"interpretation", "money_unit"})
        changed = [f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in chosen.items() if default[k] != v]
        return ", ".join(changed) or "all defaults"


def build_report(result: PlanResult, catalogue: Catalogue | None = None) -> ReportData:
    """Rows sorted by year, measure and subject, with titles and levels looked up in the catalogue."""
    by_id = catalogue.by_id if catalogue is not None else {}
    rows: list[Row] = []
    measures: dict[str, dict[str, str | None]] = {}
    documents: dict[str, str] = {}
    apps = result.plan.applications if result.plan is not None else ()
    for a in apps:
        m = by_id.get(a.measure)
        level = m.level if m is not None else "unknown"
        citation = a.citation or (m.citation() if m is not None else "")
        rows.append(
            Row(
                year=a.year,
                measure=a.measure,
                title=m.title if m is not None else "",
                level=level,
                subject=a.subject or "(firm)",
                amount=a.amount,
                binding=a.binding,
                citation=citation,
                discretionary=a.discretionary,
                source=f"{m.source.seed.split('_')[0]} {m.source.item}" if m is not None else citation,
            )
        )
        if m is not None:
            documents[m.source.seed.split("_")[0]] = m.source.document or m.source.seed
            measures[m.id] = {"title": m.title, "level": m.level, "district": m.district, "issuer": m.issuer}
    rows.sort(key=lambda r: (r.year, r.level != "municipal", r.measure, r.subject))
    y0, y1 = result.years
    years = tuple(sorted(set(range(y0, y1 + 1)) | {r.year for r in rows}))
    levels = LEVELS + (("unknown",) if any(r.level == "unknown" for r in rows) else ())
    table = {y: dict.fromkeys(levels, 0) for y in years}
    for r in rows:
        table[r.year][r.level] += r.amount
    return ReportData(
        result, tuple(rows), years, levels, dict(sorted(documents.items())), table, dict(sorted(measures.items()))
    )


def fmt_yuan(value: float | int | None) -> str:
    """Yuan with thousands separators; a dash for no value."""
    if value is None:
        return "—"
    return f"{round(value):,}"


def fmt_gap(gap: float | None) -> str:
    """Relative gap as a percentage."""
    return "—" if gap is None else f"{gap * 100:.2f}%"


def status_note(result: PlanResult) -> str:
    """One sentence on what the status means for the reader."""
    notes = {
        SolveStatus.OPTIMAL: "proven optimal: no legal plan pays more under these options",
        SolveStatus.FEASIBLE: "NOT proven optimal: a legal plan, but the solver stopped (time limit or gap) "
        "before proving nothing better exists; see the bound",
        SolveStatus.INFEASIBLE: "no legal plan exists under these options",
        SolveStatus.MODEL_INVALID: "the model was rejected by CP-SAT (a bug; please report it)",
        SolveStatus.UNKNOWN: "no plan found before the time limit; raise time_limit",
    }
    return notes[result.status]
