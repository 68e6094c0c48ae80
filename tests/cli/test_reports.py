"""Every report format renders a hand-built PlanResult and shows every application."""

from __future__ import annotations

import csv
import io
import json
import re
from html import escape
from pathlib import Path

import pytest
from openpyxl import load_workbook

from grantstack.models.catalogue import Catalogue
from grantstack.models.loading import load_plan
from grantstack.models.plan import Application, Plan
from grantstack.optimizer.result import PlanResult, SolveStatus
from grantstack.reports import BINARY, FORMATS, build_report, render, to_document, write_report
from tests.cli.conftest import APPLICATIONS, ROOT, make_result


def test_rows_carry_catalogue_levels_and_sort_by_year(result: PlanResult, tiny: Catalogue) -> None:
    data = build_report(result, tiny)
    assert [r.year for r in data.rows] == sorted(r.year for r in data.rows)
    levels = {r.measure: r.level for r in data.rows}
    assert levels == {
        "t.muni.award": "municipal",
        "t.dist.rate": "district",
        "t.dist.upto": "district",
        "t.not.in.catalogue": "unknown",
    }
    assert data.levels == ("municipal", "district", "unknown")
    assert data.by_year_level[2025] == {"municipal": 500_000, "district": 300_000, "unknown": 0}
    assert data.total == sum(a.amount for a in APPLICATIONS)
    assert sum(data.year_total(y) for y in data.years) == data.total


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in BINARY])
def test_text_formats_list_every_application(fmt: str, result: PlanResult, tiny: Catalogue) -> None:
    text = render(build_report(result, tiny), fmt)
    assert isinstance(text, str)
    for a in APPLICATIONS:
        assert a.measure in text
        assert f"{a.amount:,}" in text or str(a.amount) in text
    if fmt != "csv":
        assert "OPTIMAL" in text


def test_csv_has_one_row_per_application(result: PlanResult, tiny: Catalogue) -> None:
    rows = list(csv.DictReader(io.StringIO(str(render(build_report(result, tiny), "csv")))))
    assert len(rows) == len(APPLICATIONS)
    got = sorted((r["year"], r["measure"], r["subject"], r["amount_yuan"]) for r in rows)
    want = sorted((str(a.year), a.measure, a.subject or "(firm)", str(a.amount)) for a in APPLICATIONS)
    assert got == want
    assert {r["citation"] for r in rows} >= {"003 Art. 3 | piped"}


def test_xlsx_has_plan_and_totals(result: PlanResult, tiny: Catalogue, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    write_report(build_report(result, tiny), "xlsx", out)
    wb = load_workbook(out)
    assert {"Plan", "Totals", "Schedule", "Options", "Clauses", "Run"} <= set(wb.sheetnames)
    apps = list(wb["Plan"].iter_rows(values_only=True))
    assert apps[0][:2] == ("Year", "Measure")
    assert len(apps) == len(APPLICATIONS) + 1
    assert sorted(r[11] for r in apps[1:]) == sorted(a.measure for a in APPLICATIONS)
    assert sum(r[7] for r in apps[1:]) == sum(a.amount for a in APPLICATIONS)


def test_json_document_is_versioned_and_its_plan_loads_back(
    result: PlanResult, tiny: Catalogue, tmp_path: Path
) -> None:
    out = tmp_path / "plan.json"
    write_report(build_report(result, tiny), "json", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema_version"] == "1.3" and doc["status"] == "OPTIMAL" and doc["proven_optimal"] is True
    assert len(doc["plan"]["applications"]) == len(APPLICATIONS)
    assert doc["totals"]["by_level"]["municipal"] == 500_000
    assert load_plan(out) == result.plan


def test_json_fields_are_documented(result: PlanResult, tiny: Catalogue) -> None:
    doc = to_document(build_report(result, tiny))
    text = (ROOT / "docs" / "plan-json.md").read_text(encoding="utf-8")
    assert f"`{doc['schema_version']}`" in text
    for key in doc:
        assert f"`{key}`" in text, f"docs/plan-json.md does not describe top-level field {key!r}"
    for key in doc["totals"]:
        assert f"`totals.{key}`" in text
    for key in doc["plan"]["applications"][0]:
        assert f"`{key}`" in text


def test_html_is_self_contained_and_escaped(result: PlanResult, tiny: Catalogue) -> None:
    html = str(render(build_report(result, tiny), "html"))
    assert html.count('<tr class="app"') == len(APPLICATIONS)
    assert html.count("<svg") == 2 and 'class="bar municipal"' in html and 'class="bar district"' in html
    assert "<b>& co</b>" not in html and escape("District rate <b>& co</b>") in html
    assert "<script" not in html
    assert "999 Art. 9" in html  # a measure the catalogue does not know keeps the plan's own citation
    assert not re.search(r"""src\s*=|href\s*=\s*["'](?!#)|@import|url\(""", html)


def test_markdown_escapes_pipes(result: PlanResult, tiny: Catalogue) -> None:
    apps = (*APPLICATIONS, Application(measure="t.other", year=2026, amount=1, citation="004 Art. 3 | piped"))
    plan = Plan(firm="f", years=(2025, 2027), applications=apps)
    md = str(render(build_report(make_result(plan=plan, total_yuan=plan.total), tiny), "md"))
    assert "004 Art. 3 \\| piped" in md
    assert sum(1 for line in md.splitlines() if line.startswith("| 20")) >= len(APPLICATIONS)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("status", [SolveStatus.INFEASIBLE, SolveStatus.UNKNOWN])
def test_no_plan_renders_in_every_format(fmt: str, status: SolveStatus, tiny: Catalogue, tmp_path: Path) -> None:
    write_report(build_report(make_result(status, with_plan=False), tiny), fmt, tmp_path / f"out.{fmt}")
    assert (tmp_path / f"out.{fmt}").stat().st_size > 0


def test_report_without_catalogue_still_lists_rows(result: PlanResult) -> None:
    text = str(render(build_report(result, None), "csv"))
    assert text.count("\n") == len(APPLICATIONS) + 1


@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_changed_options_are_shown(fmt: str, tiny: Catalogue) -> None:
    from grantstack.models.options import Interpretation, PlanOptions

    opts = PlanOptions(use_probability=True, interpretation=Interpretation(most_favourable_scope="matter"))
    text = str(render(build_report(make_result(options=opts), tiny), fmt))
    assert "use_probability=true" in text and "most_favourable_scope=matter" in text
