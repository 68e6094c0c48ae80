"""The readings benchmark runs (one round, one firm: the quick mode) and writes its record."""

from __future__ import annotations

import json
from pathlib import Path

from grantstack.benchmarks.readings import main


def test_readings_benchmark_writes_its_record(tmp_path: Path) -> None:
    out = tmp_path / "readings.json"
    assert main(["--repeats", "1", "--only", "shijingshan_ss_sme", "--out", str(out)]) == 0
    record = json.loads(out.read_text())
    assert len(record["firms"]) == 1 and record["loadavg_before"]
    shijingshan = next(r for r in record["firms"] if r["firm"] == "shijingshan_ss_sme")
    assert shijingshan["readings"] == 6 and shijingshan["total_yuan"] == 800_000
    assert shijingshan["round_ratio"] == shijingshan["ratio"]  # one round: its own ratio is the ratio of medians
