"""A bounded load run on localhost (CI): clients re-plan examples while a heavy firm goes to the long lane.

The record (one client, then 20 clients for 3 minutes, then heavy firms; about 4 minutes on one server) is
`python -m grantstack.benchmarks.web_load full`; `quick` runs the same steps at CI size.
"""

from __future__ import annotations

import json
from pathlib import Path

from grantstack.benchmarks.web_load import heavy_firm_yaml, main
from grantstack.benchmarks.web_load_report import markdown, write_record
from grantstack.models.loading import parse_firm


def test_heavy_firm_is_big_enough_for_the_long_lane() -> None:
    firm = parse_firm("heavy.yaml", heavy_firm_yaml())
    assert (len(firm.projects) + len(firm.events) + 1) * 5 > 150  # ServeSettings.heavy_size


def test_records_and_their_markdown_say_where_the_time_goes(tmp_path: Path) -> None:
    parts = {"read": 5.0, "solve": 90.0, "worker-build": 10.0, "worker-cpsat": 70.0, "render": 8.0, "http": 6.0}
    latency = {"kind": "latency", "when": "w", "python": "3", "load_avg_start": [0.1], "load_avg_end": [0.2],
               "met": True, "why_not_after_change": {"n": 1, "errors": 0, "p50_ms": 1, "p95_ms": 1, "max_ms": 1},
               "changed_figure_to_new_plan": {"n": 3, "errors": 0, "p50_ms": 110.0, "p95_ms": 140.0, "max_ms": 150,
                                              "median_parts_ms": parts, "p95_parts_ms": parts}}  # fmt: skip
    write_record(latency, tmp_path)
    write_record(latency, tmp_path)
    md = (tmp_path / "web.md").read_text()
    assert "| of it: CP-SAT (~10 solves: stages 1-3 per part) | 70.0 | 70.0 |" in md
    assert "p95 < 300 ms: MET" in md and "load average [0.1] -> [0.2]" in md
    assert md == markdown([latency]) and (tmp_path / "web.json").read_text().count('"kind": "latency"') == 2


def test_quick_mode_runs_every_step_without_errors_and_records_nothing(capsys: object) -> None:
    results = Path(__file__).parents[2] / "benchmarks" / "results"
    before = {p.name: p.stat().st_mtime for p in results.glob("web.*")}
    assert main(["quick"]) == 0  # one client, then clients re-planning, then heavy firms, on one server
    latency, record = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert {p.name: p.stat().st_mtime for p in results.glob("web.*")} == before
    c = latency["changed_figure_to_new_plan"]
    assert c["errors"] == 0 and c["n"] == 12 and {"read", "solve", "render", "http"} <= set(c["median_parts_ms"])
    assert record["errors"] == 0, record
    a, b = record["typical_only"], record["with_heavy"]
    assert a["typical"]["n"] >= 2 and b["typical"]["n"] >= 2 and b["heavy"]["n"] >= 1  # bounded, on a shared machine
    assert a["typical"]["p95_ms"] > 0 and record["p95_ratio_with_heavy"] > 0
    assert 0 < a["generator_cpu_percent_of_one_core"] < 100
    assert record["lanes"]["long"]["done"] >= b["heavy"]["n"]  # the heavy firm ran in the long lane
    assert len(a["rss_mb"]) == 2 and all(v > 50 for v in a["rss_mb"].values())
