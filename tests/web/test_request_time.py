"""Where a re-plan's time goes (Server-Timing), what is not repeated per request, and what workers import."""

from __future__ import annotations

import re
import subprocess
import sys

from fastapi.testclient import TestClient

from grantstack.web.live import form_values
from grantstack.web.timing import Timings, parse_server_timing

HX = {"HX-Request": "true"}


def test_a_replan_says_where_its_time_went(opened: TestClient) -> None:
    form = form_values(opened.get("/").text)
    form["projects.0.costs.investment.0"] = "2000000"
    res = opened.post("/plan", data=form, headers=HX)
    parts = parse_server_timing(res.headers["Server-Timing"])
    assert set(parts) == {"read", "worker-build", "worker-cpsat", "solve", "render"}, parts
    assert parts["solve"] >= parts["worker-cpsat"] > 0  # the worker's own time is inside the pool's round trip
    again = parse_server_timing(opened.post("/plan", data=form, headers=HX).headers["Server-Timing"])
    assert "cached" in again and "worker-cpsat" not in again  # the same firm and options: the proven plan reused


def test_a_refused_value_is_not_solved(opened: TestClient) -> None:
    form = form_values(opened.get("/").text)
    form["projects.0.costs.investment.0"] = "lots"
    parts = parse_server_timing(opened.post("/plan", data=form, headers=HX).headers["Server-Timing"])
    assert set(parts) == {"read", "render"}


def test_why_not_is_worked_out_once_per_firm_and_options(opened: TestClient) -> None:
    first = opened.get("/whynot")
    lanes = opened.get("/healthz").json()["lanes"]
    second = opened.get("/whynot")
    assert first.text == second.text and "Would lose" in first.text
    assert opened.get("/healthz").json()["lanes"]["long"]["done"] == lanes["long"]["done"]


def test_why_not_waits_until_the_plan_has_settled(opened: TestClient) -> None:
    # The page asks for why-not half a second after a plan arrives: a plan replaced sooner (the advisor is
    # still typing) never sends its request, so the long lane does not work for plans no longer shown.
    assert 'hx-get="/whynot" hx-trigger="load delay:500ms"' in opened.get("/").text


def test_timings_header_round_trip() -> None:
    t = Timings()
    t.lap("read")
    t.add("worker-cpsat", 12.5)
    parsed = parse_server_timing(t.header() + ", miss;desc=none")
    assert list(parsed) == ["read", "worker-cpsat"] and parsed["worker-cpsat"] == 12.5


def test_solver_workers_import_no_web_framework() -> None:
    code = ("import sys; import grantstack.web.work; "
            "print(sorted(m for m in ('fastapi', 'jinja2', 'starlette', 'grantstack.web.app') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"


def test_readings_follow_the_plan_in_the_long_lane(opened: TestClient) -> None:
    html = opened.get("/").text
    assert 'hx-get="/readings" hx-trigger="load delay:500ms"' in html  # the plan is shown without them
    res = opened.get("/readings")
    assert res.status_code == 200
    rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td><td class=\"num\">([^<]+)</td>"
                      r"<td class=\"num\">([^<]+)</td><td>OPTIMAL</td>", res.text)  # fmt: skip
    # Tongzhou (28,400,000 under the defaults): Art. 4 and Art. 9 at 30% of the project's total investment
    # instead of each year's (+3,000,000), and every generous reading at once (+3,750,000).
    assert ("rate basis", "project_total", "31,400,000", "+3,000,000") in rows
    assert rows[-1][0] == "all generous" and rows[-1][3] == "+3,750,000"
    readings = opened.get("/download/json").json()["readings"]  # a downloaded report carries them
    assert [(r["option"], r["difference"]) for r in readings][0] == ("rate_basis", 3_000_000)
    assert opened.get("/healthz").json()["lanes"]["long"]["done"] >= 1
