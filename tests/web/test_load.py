"""A bounded load run on localhost (CI): clients re-plan examples while a heavy firm goes to the long lane.

The full measurement (20 clients, 3 minutes) is `python -m grantstack.benchmarks.web_load load`.
"""

from __future__ import annotations

from grantstack.benchmarks.web_load import heavy_firm_yaml, run_load
from grantstack.models.loading import parse_firm


def test_heavy_firm_is_big_enough_for_the_long_lane() -> None:
    firm = parse_firm("heavy.yaml", heavy_firm_yaml())
    assert (len(firm.projects) + len(firm.events) + 1) * 5 > 150  # ServeSettings.heavy_size


def test_short_load_has_no_errors_and_reports_its_numbers() -> None:
    record = run_load(clients=6, seconds=10, heavy_seconds=10, heavy_every=2.0)
    assert record["errors"] == 0, record
    a, b = record["typical_only"], record["with_heavy"]
    assert a["typical"]["n"] >= 2 and b["typical"]["n"] >= 2 and b["heavy"]["n"] >= 1  # bounded, on a shared machine
    assert a["typical"]["p95_ms"] > 0 and record["p95_ratio_with_heavy"] > 0
    assert 0 < a["generator_cpu_percent_of_one_core"] < 100
    assert record["lanes"]["long"]["done"] >= b["heavy"]["n"]  # the heavy firm ran in the long lane
    assert len(a["rss_mb"]) == 2 and all(v > 50 for v in a["rss_mb"].values())
