"""benchmarks/group_bench.py in quick mode: records and a report built from them, both methods agree."""

from __future__ import annotations

import json
from pathlib import Path

from grantstack.benchmarks import group_bench


def test_quick_run_writes_records_and_report(tmp_path: Path) -> None:
    assert group_bench.main(["--quick", "--out", str(tmp_path)]) == 0
    data = json.loads((tmp_path / "groups.json").read_text())
    rows = data["rows"]
    assert len(rows) == 4 and {(r["entities"], r["placeable"]) for r in rows} == {(2, 3), (3, 4)}
    for r in rows:
        d, m = r["decompose"], r["merged"]
        assert d["status"] == "OPTIMAL" and d["violations"] == 0
        assert m["status"] == "OPTIMAL" and abs(m["objective"] - d["objective"]) < 0.5
    report = (tmp_path / "groups.md").read_text()
    assert report == group_bench.render(data)  # every figure comes from the records
    assert "**Target**" in report and "| 2 x 3 | 2 | 2/2 |" in report
