"""What a client is handed: who and when first, totals, each line's reason and source, clauses, disclaimer."""

from __future__ import annotations

from html import escape

import pytest

from grantstack.reports import ReportData, render
from grantstack.reports.charts import short_money
from grantstack.reports.json_report import to_document
from grantstack.reports.model import DISCLAIMER
from grantstack.reports.reasons import binding_reason


def _row(data: ReportData, measure: str, year: int):  # type: ignore[no-untyped-def]
    return next(r for r in data.rows if r.measure == measure and r.year == year)


def test_reasons_state_the_rate_the_base_year_and_the_figure(example: ReportData) -> None:
    # 003 Art. 4: 30% of verified investment; pilot-line invests 12M in 2025 -> 3.6M.
    r = _row(example, "tz.art4.pilot_testing", 2025)
    assert r.amount == 3_600_000
    assert r.reason == "30% of the project's 2025 investment (12,000,000 yuan)"
    # 'up to 30%' is discretionary (issue 9): the line says the authority may award less
    assert r.limit == "planned at the ceiling; the authority may award less"


def test_a_binding_cap_is_said_in_words(example: ReportData) -> None:
    # 003 Art. 4 pays 30% of each year's investment (12M, 18M, 9M: 3.6M + 5.4M + 2.7M = 11.7M) but caps a
    # project at 10M: whichever year the plan trims, that line says the per-project cap binds it.
    rows = [r for r in example.rows if r.measure == "tz.art4.pilot_testing"]
    assert sum(r.amount for r in rows) == 10_000_000
    capped = [r for r in rows if "cap of 10,000,000 yuan per project or event reached" in r.limit]
    assert len(capped) == 1 and capped[0].amount < {2025: 3_600_000, 2026: 5_400_000, 2027: 2_700_000}[capped[0].year]
    assert all("cap.subject" not in r.why for r in rows)


@pytest.mark.parametrize(
    ("tag", "words"),
    [
        ("ceiling (expected amount)", "planned at the firm's expected amount"),
        ("cap.year tz.art4.pilot_testing 2026", "annual cap"),
        ("cap.shared.year tz.art12.shared_cap 2026", "shared cap"),
        ("ladder tz.art7.ladder through tz.art7.platform_municipal 2027", "difference over the lower tier"),
        ("capacity 2026", "capacity"),
    ],
)
def test_binding_tags_become_plain_language(tag: str, words: str, bundled) -> None:  # type: ignore[no-untyped-def]
    text = binding_reason(tag, bundled, discretionary=False)
    assert words in text
    assert "." not in text.split(" ")[0]  # never starts with the internal tag


def test_up_to_lines_are_marked_and_explained(example: ReportData) -> None:
    r = _row(example, "tz.art13.standard_group", 2027)
    assert r.discretionary and r.amount == 100_000
    assert "up to 100,000 yuan at the authority's discretion" in r.reason
    assert "estimate" not in r.limit or "legal maximum" not in r.limit


def test_totals_by_issuer_and_document_add_up(example: ReportData) -> None:
    for key in ("issuer", "doc_label", "level"):
        assert sum(example.totals_by(key).values()) == example.total == example.result.total_yuan
    assert example.totals_by("doc_label") == {
        "[003] Implementation Guidelines on High-Quality Development of Advanced Manufacturing Industries in BMC "
        "(issued 2025-05-08)": 28_400_000
    }


def test_html_puts_the_client_first_and_the_solver_last(example: ReportData, bundled) -> None:  # type: ignore[no-untyped-def]
    html = str(render(example, "html"))
    title = "Support plan for Tongzhou precision-equipment manufacturer, 2025-2029"
    assert f"<title>{title}</title>" in html and f"<h1>{title}</h1>" in html
    order = [html.index(x) for x in ('id="summary"', 'id="totals"', 'id="plan"', 'id="calendar"', 'id="readings"',
                                     'id="clauses"', 'id="solver"')]  # fmt: skip
    assert order == sorted(order)
    assert html.index("Best bound") > html.index('id="solver"')  # solver internals only in the appendix
    assert "made on 2026-03-01" in html and example.catalogue_version in html
    assert escape(DISCLAIMER, quote=True) in html or DISCLAIMER.replace("'", "&#39;") in html
    for note in example.appendix:  # every measure's clause word for word, with issuer and document
        m = bundled.by_id[note.id]
        assert escape(m.source.clause) in html and escape(m.issuer) in html
    assert html.count('class="by-issuer') == 1 or "By issuer" in html


def test_html_chart_has_axes_and_values(example: ReportData) -> None:
    html = str(render(example, "html"))
    chart = html[html.index('<svg class="chart"'):html.index("</svg>", html.index('<svg class="chart"'))]
    assert chart.count('class="axis"') == 2 and 'class="tick"' in chart and ">15M<" in chart
    for y in example.years:  # the yearly totals above the bars
        assert f">{short_money(example.year_total(y))}<" in chart

    assert ">yuan<" in chart


def test_calendar_shows_applications_validity_and_flexible_choices(example: ReportData) -> None:
    html = str(render(example, "html"))
    cal = html[html.index('<svg class="timeline"'):]
    cal = cal[:cal.index("</svg>")]
    assert cal.count('<rect class="event ') == len(example.rows)
    assert 'class="valid"' in cal and 'class="window"' in cal and 'class="chosen"' in cal
    assert ">3.6M<" in cal  # amounts written in the year cells
    assert "planned in 2026" in cal  # smart-upgrade starts 2026 (schedule)


def test_markdown_and_table_carry_the_same_content(example: ReportData) -> None:
    for fmt in ("md", "table"):
        text = " ".join(str(render(example, fmt)).replace("│", " ").split())
        assert "Tongzhou precision-equipment manufacturer" in text and "28,400,000" in text
        assert "30% of the project's 2025 investment (12,000,000 yuan)" in text
        assert "[003] Art. 4" in text
        assert "2026-03-01" in text


def test_every_format_says_what_the_total_rests_on(mixed: ReportData) -> None:
    # 3,600,000 on no assumption, 1,000,000 on a reading alone, the other 23,800,000 'up to' (discretionary)
    assert mixed.split == {"assumption_free": 3_600_000, "discretionary": 23_800_000, "other_assumptions": 1_000_000}
    assert [r.rests_on for r in mixed.rows if r.measure == "tz.art4.pilot_testing"] == \
        ["no assumption", "discretionary", "other assumption"]  # 2025, 2026, 2027
    for fmt in ("md", "table", "html"):
        text = " ".join(str(render(mixed, fmt)).replace("│", " ").split())
        assert "no assumption 3,600,000" in text, fmt
        assert "expectation) 23,800,000" in text, fmt
        assert "renewed) 1,000,000" in text, fmt
    assert to_document(mixed)["totals"]["by_assumption"] == mixed.split


def test_every_format_shows_the_value_at_stake(with_readings: ReportData, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from grantstack.reports import write_report

    # rate_basis=project_total: Art. 4 and Art. 9 at 30% of the project's total investment, +3,000,000
    md = str(render(with_readings, "md"))
    assert "| rate_basis | project_total | 31,400,000 | +3,000,000 | OPTIMAL |" in md
    html = str(render(with_readings, "html"))
    assert "<th>Other reading</th>" in html and "+3,000,000" in html
    table = " ".join(str(render(with_readings, "table")).split())
    assert "rate_basis=project_total" in table and "+3,000,000" in table
    write_report(with_readings, "xlsx", tmp_path / "r.xlsx")
    sheet = load_workbook(tmp_path / "r.xlsx")["Readings"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Option", "Other reading", "Total under it (yuan)", "Value at stake (yuan)")
    assert ("rate_basis", "project_total", 31_400_000, 3_000_000) in [r[:4] for r in rows[1:]]
