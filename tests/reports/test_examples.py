"""Every example firm's report prints on A4 without a clipped column or a table row split across pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantstack.models.loading import load_firm
from grantstack.optimizer.solve import plan
from grantstack.reports import build_report, pdf_available
from grantstack.reports.examples import example_files
from grantstack.reports.html_report import html_text
from tests.reports.test_pdf import layout_problems

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(pdf_available() is not None, reason=str(pdf_available()))
@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_example_pdf_prints_without_clipping(path: Path, bundled) -> None:  # type: ignore[no-untyped-def]
    firm = load_firm(path)
    data = build_report(plan(bundled, firm, years=(2025, 2029), readings=True), bundled, firm)  # as the CLI does
    clipped, rows = layout_problems(html_text(data))
    assert clipped == []
    assert len(rows) == len({(r.measure, r.year) for r in data.rows}) and set(rows.values()) <= {1, 2}
    assert sum(rows.values()) == len(data.rows)  # every application row on exactly one page


def test_committed_example_reports_exist_for_every_example() -> None:
    folder = ROOT / "docs" / "examples"
    for path in example_files():
        for fmt in ("html", "pdf", "xlsx", "md"):
            assert (folder / f"{path.stem}.{fmt}").is_file(), "regenerate: python -m grantstack.reports.examples"
