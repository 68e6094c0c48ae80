"""What every report shows: who and when, totals first, one row per application with its reason and source."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.measure import Measure
from grantstack.models.options import Interpretation, PlanOptions
from grantstack.optimizer.result import PlanResult, SolveStatus
from grantstack.reports.reasons import amount_reason, binding_reason, money

__all__ = [
    "DISCLAIMER",
    "LEVELS",
    "READING_HEADERS",
    "RESTS_ON",
    "MeasureNote",
    "ReportData",
    "Row",
    "build_report",
    "catalogue_version",
    "fmt_gap",
    "fmt_yuan",
    "status_note",
]

NOT_PLANNING = {"interpretation", "money_unit", "time_limit", "workers"}
"""Options left out of 'planning options': the readings are shown on their own; the money unit in the appendix;
the wall-clock limit and the worker count cannot change the plan (the same input gives the same plan whatever
the worker count, and a solve that runs out of wall-clock time returns no plan)."""

RESTS_ON = {"assumption_free": "no assumption", "discretionary": "discretionary",
            "other_assumptions": "other assumption"}  # fmt: skip
"""The parts of the total by what they rest on (Plan.by_assumption's keys), as reports name them."""

READING_HEADERS = {"option": "Option", "reading": "Other reading", "total_yuan": "Total under it (yuan)",
                   "value_at_stake_yuan": "Value at stake (yuan)", "status": "Re-solve",
                   "measures": "Measures it touches"}  # fmt: skip
"""Column headers of the readings table (ReportData.readings' keys)."""

LEVELS: tuple[str, ...] = ("municipal", "district")
"""Issuing levels in stacking order (bottom first); measures missing from the catalogue show as 'unknown'."""

DISCLAIMER = (
    "This plan is a planning aid, not a decision of any authority. Amounts are the most the quoted clauses "
    "allow for the figures given (or the firm's stated expectation where the law says 'up to'); the issuing "
    "authorities decide eligibility and amounts, and 2022 notices 'for reference only' may have been replaced. "
    "Check each measure's current notice before applying."
)


@dataclass(frozen=True)
class Row:
    """One application as reports print it: what, for what, when, how much, why, and where the law says so."""

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
    issuer: str = ""
    document: str = ""
    item: str = ""
    subject_title: str = ""
    reason: str = ""
    limit: str = ""
    flags: tuple[str, ...] = ()

    @property
    def doc_key(self) -> str:
        """The policy document's short key: its seed number, e.g. 003."""
        return self.source.split(" ", 1)[0] if self.item else ""

    @property
    def doc_label(self) -> str:
        """'[003] Document title' (the key the plan's source column uses)."""
        return f"[{self.doc_key}] {self.document}" if self.item else self.citation

    @property
    def label(self) -> str:
        """Readable title of the measure, or its id when the catalogue does not know it."""
        return self.title or self.measure

    @property
    def rests_on(self) -> str:
        """What the amount rests on, as Plan.by_assumption splits the total: 'no assumption', 'discretionary'
        ('up to', or planned at the firm's expectation) or 'other assumption' (a reading, a renewed edition)."""
        if self.discretionary or "discretionary" in self.flags:
            return RESTS_ON["discretionary"]
        return RESTS_ON["other_assumptions" if self.flags else "assumption_free"]

    @property
    def why(self) -> str:
        """The amount's reason and what limits it, in one sentence."""
        return "; ".join(x for x in (self.reason, self.limit) if x)


@dataclass(frozen=True)
class MeasureNote:
    """A measure used by the plan, for the appendix: its clause word for word, issuer, document and validity."""

    id: str
    title: str
    level: str
    issuer: str
    document: str
    seed: str
    item: str
    clause: str
    validity: str
    validity_years: tuple[int | None, int | None]
    edition: str
    notes: str


@dataclass(frozen=True)
class ReportData:
    """A PlanResult enriched with the firm, catalogue titles, reasons, citations and totals."""

    result: PlanResult
    rows: tuple[Row, ...]
    years: tuple[int, ...]
    levels: tuple[str, ...]
    documents: dict[str, str] = field(default_factory=dict)
    by_year_level: dict[int, dict[str, int]] = field(default_factory=dict)
    measures: dict[str, dict[str, str | None]] = field(default_factory=dict)
    firm_name: str = ""
    made: str = ""
    catalogue_version: str = ""
    appendix: tuple[MeasureNote, ...] = ()
    firm: Firm | None = None
    catalogue: Catalogue | None = None

    @property
    def title(self) -> str:
        """'Support plan for NAME, 2025-2029'."""
        return f"Support plan for {self.firm_name or self.result.firm}, {self.result.years[0]}-{self.result.years[1]}"

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

    def totals_by(self, key: str) -> dict[str, int]:
        """Totals per issuer, document or level (the Row attribute `key`), largest first."""
        out: dict[str, int] = defaultdict(int)
        for r in self.rows:
            out[getattr(r, key) or "(unknown)"] += r.amount
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def split(self) -> dict[str, int]:
        """The total by what it rests on: assumption_free, discretionary and other_assumptions (yuan)."""
        plan = self.result.plan
        if plan is not None and hasattr(plan, "by_assumption"):
            return dict(plan.by_assumption())
        names = {v: k for k, v in RESTS_ON.items()}
        out = dict.fromkeys(RESTS_ON, 0)
        for r in self.rows:
            out[names[r.rests_on]] += r.amount
        return out

    def split_text(self) -> str:
        """The split in one sentence, e.g. 'no assumption 0; discretionary ('up to', or the firm's expectation)
        28,400,000; other assumptions (a reading, a renewed reference edition) 0 (yuan)'."""
        s = self.split
        return (f"no assumption {fmt_yuan(s['assumption_free'])}; discretionary ('up to', or the firm's "
                f"expectation) {fmt_yuan(s['discretionary'])}; other assumptions (a non-default reading, a 2022 "
                f"edition assumed renewed) {fmt_yuan(s['other_assumptions'])} (yuan)")

    @property
    def discretionary_total(self) -> int:
        """Support resting on an 'up to' estimate or an assumed reading (flags), in yuan."""
        return self.total - self.split["assumption_free"]

    @property
    def warnings(self) -> tuple[str, ...]:
        """Plausibility warnings of the run (empty when the result carries none)."""
        return tuple(getattr(self.result, "warnings", ()) or ())

    @property
    def readings(self) -> list[dict[str, Any]]:
        """Each other reading with the total under it and the value at stake, as plain dicts (yuan; '-': the
        re-solve found no plan, or the checker found it at fault, which the status then says); `measures` are the
        firm's candidates the reading touches."""
        raw = getattr(self.result, "readings", ()) or ()
        out = []
        for r in raw:
            x = r.model_dump(mode="json") if hasattr(r, "model_dump") else dict(r)
            out.append({
                "option": x["option"], "reading": x["reading"],
                "total_yuan": x.get("total_yuan") if x.get("total_yuan") is not None else "-",
                "value_at_stake_yuan": x.get("difference") if x.get("difference") is not None else "-",
                "status": "rejected by the checker" if x.get("violations") else x.get("status", ""),
                "measures": ", ".join(x.get("measures", ())),
            })
        return out

    @property
    def inputs(self) -> list[dict[str, Any]]:
        """Files the run read (role, path, SHA-256): the result's record, else those of the firm and catalogue."""
        raw = getattr(self.result, "inputs", None)
        if raw is None:
            from grantstack.models.provenance import inputs_of

            raw = inputs_of(*(x for x in (self.firm, self.catalogue) if x is not None))
        return [x.model_dump(mode="json") if hasattr(x, "model_dump") else dict(x) for x in raw]

    def interpretation_changes(self) -> dict[str, object]:
        """Interpretation options that differ from the defaults."""
        default = Interpretation().model_dump(mode="json")
        chosen = self.result.options.interpretation.model_dump(mode="json")
        return {k: v for k, v in chosen.items() if default.get(k) != v}

    def planning_changes(self) -> str:
        """Planning options that differ from the defaults, as 'name=value, ...' (the money unit and the run
        settings, which cannot change the plan, are in the solver appendix)."""
        default = PlanOptions().model_dump(mode="json", exclude=NOT_PLANNING)
        chosen = self.result.options.model_dump(mode="json", exclude=NOT_PLANNING)
        changed = [f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in chosen.items() if default[k] != v]
        return ", ".join(changed) or "all defaults"

    def readings_text(self) -> str:
        """The interpretation in force, as 'name=value, ...' or 'all defaults'."""
        return ", ".join(f"{k}={v}" for k, v in self.interpretation_changes().items()) or "all defaults"


_VERSIONS: dict[int, tuple[Catalogue, str]] = {}


def catalogue_version(catalogue: Catalogue | None) -> str:
    """Packages, newest edition and a content fingerprint (SHA-256 of the catalogue, 12 hex digits)."""
    if catalogue is None:
        return "unknown (no catalogue)"
    cached = _VERSIONS.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    digest = hashlib.sha256(catalogue.model_dump_json().encode()).hexdigest()[:12]
    seeds = sorted({m.source.seed.split("_")[0] for m in catalogue.measures})
    newest = max((m.edition.year for m in catalogue.measures), default=0)
    text = f"packages {', '.join(seeds)}; editions up to {newest}; fingerprint {digest}"
    _VERSIONS[id(catalogue)] = (catalogue, text)
    return text


def _note(m: Measure) -> MeasureNote:
    v = m.validity
    span = f"{v.start or 'open'} to {v.end or 'open'}"
    edition = f"{m.edition.year}" + (" (for reference only, subject to the latest notice)" if m.edition.reference_only
                                      else "")
    return MeasureNote(
        m.id, m.title, m.level, m.issuer, m.source.document or m.source.seed, m.source.seed, m.source.item,
        m.source.clause, span, (v.start.year if v.start else None, v.end.year if v.end else None), edition, m.notes,
    )


def _subject_title(firm: Firm | None, sid: str | None) -> str:
    if firm is None or sid is None:
        return ""
    s = firm.project(sid) or firm.event(sid)
    return s.title if s is not None else ""


def build_report(
    result: PlanResult, catalogue: Catalogue | None = None, firm: Firm | None = None, made: date | None = None
) -> ReportData:
    """Rows sorted by year, level and measure, with titles, reasons, issuers and clauses from the catalogue."""
    by_id = catalogue.by_id if catalogue is not None else {}
    rows: list[Row] = []
    measures: dict[str, dict[str, str | None]] = {}
    documents: dict[str, str] = {}
    used: dict[str, Measure] = {}
    plan = result.plan
    total_basis = result.options.interpretation.rate_basis == "project_total"
    for a in plan.applications if plan is not None else ():
        m = by_id.get(a.measure)
        citation = a.citation or (m.citation() if m is not None else "")
        rows.append(
            Row(
                year=a.year, measure=a.measure, title=m.title if m is not None else "",
                level=m.level if m is not None else "unknown", subject=a.subject or "(firm)", amount=a.amount,
                binding=a.binding, citation=citation, discretionary=a.discretionary,
                source=f"{m.source.seed.split('_')[0]} {m.source.item}" if m is not None else citation,
                issuer=m.issuer if m is not None else "", document=(m.source.document or m.source.seed) if m else "",
                item=m.source.item if m is not None else "", subject_title=_subject_title(firm, a.subject),
                reason=amount_reason(m, a, firm, plan, catalogue, total_basis) if m is not None else "",
                limit=binding_reason(a.binding, catalogue, a.discretionary),
                flags=tuple(getattr(a, "flags", ()) or ()),
            )
        )  # fmt: skip
        if m is not None:
            used[m.id] = m
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
        result, tuple(rows), years, levels, dict(sorted(documents.items())), table, dict(sorted(measures.items())),
        firm_name=(firm.name if firm is not None and firm.name else result.firm),
        made=(made or date.today()).isoformat(), catalogue_version=catalogue_version(catalogue),
        appendix=tuple(_note(used[k]) for k in sorted(used)), firm=firm, catalogue=catalogue,
    )  # fmt: skip


def fmt_yuan(value: float | int | None) -> str:
    """Yuan with thousands separators; a dash for no value."""
    return "—" if value is None else money(round(value))


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
