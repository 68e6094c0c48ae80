"""The API's firm (with what-if changes) and result (as a DataFrame, a dict, JSON, and readable in a notebook)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import PrivateAttr

from grantstack.api_args import type_error
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm as _Firm
from grantstack.models.provenance import inputs_of, record_inputs
from grantstack.optimizer.result import PlanResult
from grantstack.scenarios.changes import Change

if TYPE_CHECKING:
    import pandas

    from grantstack.reports.model import ReportData

__all__ = ["FRAME_COLUMNS", "Firm", "Result"]

FRAME_COLUMNS = ("year", "measure", "title", "level", "subject", "amount_yuan", "discretionary", "binding",
                 "citation")
"""Columns of Result.to_frame(): the CSV report's, one row per application."""


class Firm(_Firm):
    """A firm (grantstack.models.firm.Firm) that can make changed copies of itself for what-ifs."""

    @classmethod
    def of(cls, firm: _Firm) -> Firm:
        """The same firm as this class (no copy when it already is one)."""
        if isinstance(firm, cls):
            return firm
        out = cls.model_construct(_fields_set=set(firm.model_fields_set), **dict(firm))
        record_inputs(out, inputs_of(firm))  # the files it was read from (models/provenance.py)
        return out

    def with_changes(self, changes: Iterable[Change | Mapping[str, Any]] | Mapping[str, Any] = (), *,
                     set: Mapping[str, Any] | None = None) -> Firm:
        """A copy with changes applied (scenarios/changes.py, docs/changes.md); this firm is left as it is.

        `changes` is a list of {op, path, value} changes (or one); `set={path: value, ...}` is short for
        `set` changes. Every change is checked before any is applied; a bad one is an InputError naming it.

            variant = firm.with_changes(set={"events[expo].year": 2027})
            variant = firm.with_changes([{"op": "remove", "path": "events[expo]"}])
        """
        from grantstack.scenarios.changes import apply_firm_changes

        if isinstance(changes, Mapping):
            changes = [changes]
        if isinstance(changes, (str, bytes)) or not isinstance(changes, Iterable):
            raise type_error("Firm.with_changes", "changes", "a list of changes such as "
                             "[{'op': 'set', 'path': 'events[expo].year', 'value': 2027}]", changes)
        items = list(changes)
        if set is not None:
            if not isinstance(set, Mapping):
                raise type_error("Firm.with_changes", "set", "a dict of path: value", set)
            items += [{"op": "set", "path": path, "value": value} for path, value in set.items()]
        return Firm.of(apply_firm_changes(self, items, source="with_changes()", label="changes"))


class Result(PlanResult):
    """A PlanResult that knows its catalogue (for titles, levels, citations) and renders itself."""

    _catalogue: Catalogue | None = PrivateAttr(default=None)

    @classmethod
    def of(cls, result: PlanResult, catalogue: Catalogue | None) -> Result:
        """Wrap an optimizer result (no copy of its fields)."""
        out = cls.model_construct(_fields_set=set(result.model_fields_set), **dict(result))
        out._catalogue = catalogue
        return out

    def report(self) -> ReportData:
        """What every report shows (rows with titles and citations, totals by year and level)."""
        from grantstack.reports import build_report

        return build_report(self, self._catalogue)

    def to_dict(self) -> dict[str, Any]:
        """The versioned JSON document of `grantstack plan --format json` (docs/plan-json.md) as a dict."""
        from grantstack.reports import to_document

        return to_document(self.report())

    def to_json(self, indent: int | None = 2) -> str:
        """The same document as JSON text (UTF-8, Chinese titles kept as they are)."""
        import json

        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_frame(self) -> pandas.DataFrame:
        """One row per application (the CSV report's columns), sorted by year; amounts in whole yuan."""
        import pandas

        rows = [(r.year, r.measure, r.title, r.level, r.subject, r.amount, r.discretionary, r.binding, r.citation)
                for r in self.report().rows]
        frame = pandas.DataFrame(rows, columns=list(FRAME_COLUMNS))
        return frame.astype({"year": "int64", "amount_yuan": "int64", "discretionary": "bool"})

    def by_year(self) -> dict[int, int]:
        """Total support per year of the horizon, in yuan."""
        data = self.report()
        return {y: data.year_total(y) for y in data.years}

    def _summary(self) -> str:
        n = len(self.plan.applications) if self.plan is not None else 0
        gap = "—" if self.gap is None else f"{self.gap * 100:.2f}%"
        return (f"firm={self.firm!r}, status={self.status}, total={self.total_yuan:,} yuan, applications={n}, "
                f"years={self.years[0]}-{self.years[1]}, gap={gap}")

    def __repr__(self) -> str:
        return f"Result({self._summary()})"

    def __str__(self) -> str:
        from grantstack.reports import render

        return str(render(self.report(), "table"))

    def _repr_html_(self) -> str:
        """A notebook's view: the summary line, then the applications table."""
        frame = self.to_frame()
        table = frame.to_html(index=False, escape=True, border=0) if len(frame) else "<p>No applications.</p>"
        return f"<p><b>grantstack plan</b>: {html.escape(self._summary())}</p>{table}"
