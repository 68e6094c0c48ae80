"""The PDF: A4 pages laid out by WeasyPrint from the HTML, nothing clipped, no table row split across pages."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from grantstack.cli import app
from grantstack.reports import ReportData, pdf_available
from grantstack.reports.html_report import html_text

pytestmark = pytest.mark.skipif(pdf_available() is not None, reason=str(pdf_available()))
A4 = (595.28, 841.89)


def _boxes(box):  # type: ignore[no-untyped-def]
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def layout_problems(html: str, doc: object = None) -> tuple[list[str], dict[str, int]]:
    """Boxes reaching past the page's right edge, and how many page fragments each table row has."""
    from weasyprint import HTML

    doc = doc or HTML(string=html).render()
    clipped: list[str] = []
    rows: dict[str, int] = {}
    for n, page in enumerate(doc.pages, start=1):  # type: ignore[attr-defined]
        right = page.width - 12 * 96 / 25.4 + 0.5  # right margin 12 mm
        for box in _boxes(page._page_box):
            if type(box).__name__ == "TextBox" and box.position_x + box.width > right:
                clipped.append(f"page {n}: {box.text[:40]!r} ends at {box.position_x + box.width:.0f} > {right:.0f}")
            if type(box).__name__ == "TableRowBox" and box.element is not None:
                key = box.element.get("data-measure")
                if key:
                    key = f"{key}/{box.element.get('data-year')}"
                    rows[key] = rows.get(key, 0) + 1
    return clipped, rows


def test_pdf_is_a4_with_the_plan_and_nothing_clipped(example: ReportData) -> None:
    from weasyprint import HTML

    doc = HTML(string=html_text(example)).render()  # laid out once: checked, then written
    pdf = doc.write_pdf()
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    w, h = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(w), round(h)) == (round(A4[0]), round(A4[1]))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Support plan for Tongzhou precision-equipment manufacturer" in text
    assert "28,400,000" in text and "Appendix A" in text and "page 1 of" in text
    clipped, rows = layout_problems("", doc)
    assert clipped == []
    assert len(rows) == len(example.rows) and set(rows.values()) == {1}  # each row on one page, never split


def test_missing_weasyprint_is_bad_input_naming_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    firm = Path(__file__).resolve().parents[2] / "scenarios" / "firms" / "tongzhou_manufacturer.yaml"
    res = CliRunner().invoke(app, ["plan", str(firm), "--out", str(tmp_path / "x.pdf")])
    assert res.exit_code == 2
    msg = res.stderr.strip()
    assert "\n" not in msg and "pip install 'grantstack[pdf]'" in msg and "libpango" in msg
    assert not (tmp_path / "x.pdf").exists()
