"""The page through HTTP: open, edit with messages in place, plan moves, scenarios, compare, downloads."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from grantstack.models.loading import InputError, load_firm
from grantstack.web.forms import firm_fields
from grantstack.web.live import form_values

ROOT = Path(__file__).resolve().parents[2]
HX = {"HX-Request": "true"}


def total(html: str) -> int:
    (value,) = re.findall(r'id="total-yuan" data-total="(\d+)"', html)
    return int(value)


def test_opening_an_example_plans_it(opened: TestClient) -> None:
    html = opened.get("/").text
    assert total(html) == 28_400_000
    assert "Support plan for Tongzhou precision-equipment manufacturer, 2025-2029" in html
    apps = opened.get("/download/json").json()["plan"]["applications"]
    assert html.count('<tr class="app"') == len(apps)
    assert '<svg class="chart"' in html and '<svg class="timeline"' in html
    assert 'hx-get="/whynot"' in html


def test_a_changed_figure_moves_the_plan(opened: TestClient) -> None:
    form = form_values(opened.get("/").text)
    # pilot-line 2025 investment 12M -> 1M: Art. 4 pays 30% a year up to 10M a project, so 3.6M + 5.4M + 1.0M
    # (10M, capped) becomes 0.3M + 5.4M + 2.7M = 8.4M: the total falls by 1.6M.
    form["projects.0.costs.investment.0"] = "1,000,000"
    res = opened.post("/plan", data=form, headers=HX)
    assert res.status_code == 200
    assert total(res.text) == 28_400_000 - 1_600_000
    assert ">300k<" in res.text  # the calendar follows
    assert 'hx-swap-oob="true"' in res.text and '<form id="firm-form"' not in res.text  # only the result is sent


def test_a_bad_value_gets_its_message_in_place_and_the_last_plan_stays(opened: TestClient) -> None:
    form = form_values(opened.get("/").text)
    form["projects.0.costs.investment.1"] = "lots"
    form["projects.1.start_window"] = "2027-2026"
    res = opened.post("/plan", data=form, headers=HX)
    html = res.text
    assert re.search(r'id="err-f-projects_0_costs_investment_1" hx-swap-oob="true">write a whole number', html)
    assert total(html) == 28_400_000
    form["projects.0.costs.investment.1"] = "18000000"
    res = opened.post("/plan", data=form, headers=HX)
    msg = re.search(r'id="err-f-projects_1_start_window" hx-swap-oob="true">([^<]+)<', res.text)
    assert msg and "window ends (2026) before it starts (2027)" in msg.group(1)
    # the paragraph is the CLI's, word for word, naming the file, the entry and the field
    assert "tongzhou_manufacturer.yaml: invalid firm file" in res.text and "project &#39;smart-upgrade&#39;" in res.text


def test_malformed_upload_shows_the_same_paragraph_as_the_cli(client: TestClient, tmp_path: Path) -> None:
    text = "id: acme\ndistrict: tongzhou\nmetrics:\n  revenue: {2024: lots}\n"
    (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as cli:
        load_firm(tmp_path / "acme.yaml")
    res = client.post("/open/upload", files={"file": ("acme.yaml", text.encode(), "application/x-yaml")})
    assert res.status_code == 400
    shown = re.search(r'id="open-error" role="alert">([^<]+)<', res.text)
    assert shown and shown.group(1).replace("&#39;", "'") == str(cli.value).replace(str(tmp_path) + "/", "")


def test_an_upload_is_parsed_in_memory_and_opened(client: TestClient) -> None:
    text = (ROOT / "scenarios" / "firms" / "daxing_hydrogen.yaml").read_bytes()
    res = client.post("/open/upload", files={"file": ("../../etc/passwd", text, "application/x-yaml")})
    assert res.status_code == 200 and total(res.text) > 0
    assert "etc/passwd" not in res.text.replace("passwd.yaml", "")  # the name is only a label: 'passwd'


def test_unknown_example_name_opens_nothing(client: TestClient) -> None:
    res = client.post("/open/example", data={"name": "../../../etc/passwd"})
    assert res.status_code == 400 and "no such example firm" in res.text


def test_scenarios_compare_side_by_side(opened: TestClient) -> None:
    assert opened.post("/scenarios", data={"name": "base"}).status_code == 200
    form = form_values(opened.get("/").text)
    form["projects.0.costs.investment.0"] = "1000000"
    opened.post("/plan", data=form, headers=HX)
    res = opened.post("/scenarios", data={"name": "small pilot"})
    assert "compare-a" in res.text and "28,400,000" in res.text and "26,800,000" in res.text
    res = opened.get("/compare", params={"a": "base", "b": "small pilot"})
    assert res.status_code == 200
    assert re.search(r'id="compare-change">-1,600,000<', res.text)
    assert '<tr class="changed"><td>2025</td><td>tz.art4.pilot_testing</td>' in res.text
    # the what-if engine's decision-level diff (scenarios.comparison.diff_plans)
    assert "changed tz.art4.pilot_testing (pilot-line) in 2025: 3,600,000 -&gt; 300,000 yuan" in res.text


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "html", "md", "json", "csv", "table"])
def test_every_report_format_downloads(opened: TestClient, fmt: str) -> None:
    res = opened.get(f"/download/{fmt}")
    assert res.status_code == 200
    assert res.headers["content-disposition"].startswith("attachment; filename=\"tongzhou-manufacturer-plan.")
    if fmt == "pdf":
        assert res.content.startswith(b"%PDF")
    elif fmt == "xlsx":
        wb = load_workbook(io.BytesIO(res.content))
        assert sum(r[7] for r in wb["Plan"].iter_rows(min_row=2, values_only=True)) == 28_400_000
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(res.text)))
        assert sum(int(r["amount_yuan"]) for r in rows) == 28_400_000
    else:
        assert "28,400,000" in res.text or "28400000" in res.text


def test_why_not_lists_left_out_measures_with_their_cost(opened: TestClient) -> None:
    res = opened.get("/whynot")
    assert res.status_code == 200 and "Why not the other measures" in res.text
    assert "cannot apply" in res.text or "Would lose" in res.text


def test_form_offers_every_figure(opened: TestClient) -> None:
    html = opened.get("/").text
    firm = load_firm(ROOT / "scenarios" / "firms" / "tongzhou_manufacturer.yaml")
    for f in firm_fields(firm):
        assert f'name="{f.name}"' in html
    for option in ("opt.most_favourable_scope", "opt.rate_basis", "opt.discretionary"):
        assert f'name="{option}"' in html
