"""The terminal report at 80 columns: no line wider, every id whole, no internal jargon."""

from __future__ import annotations

import io

from grantstack.reports import ReportData
from grantstack.reports.table_report import render_table


def test_fits_80_columns_with_ids_whole(example: ReportData) -> None:
    buf = io.StringIO()
    render_table(example, buf, width=80)
    text = buf.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 80
    for r in example.rows:
        assert r.measure in text  # never broken mid-word
        assert r.why.split(";")[0].split(" (")[0] in " ".join(text.replace("│", " ").split())
    for jargon in ("cap.subject", "cap.year", "ceiling (legal maximum)", "estimate and legal maximum"):
        assert jargon not in text
