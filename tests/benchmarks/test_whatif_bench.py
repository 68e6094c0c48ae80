"""benchmarks/whatif.py: the markdown is generated from the records, each figure with its load."""

from __future__ import annotations

from pathlib import Path

from grantstack.benchmarks.whatif import write_markdown


def test_markdown_comes_from_the_records(tmp_path: Path) -> None:
    run = {"seconds": 0.9, "probes": 46, "proven": True, "build_seconds": 0.2, "solve_seconds": 0.6, "load": [1.5]}
    doc = {
        "environment": {"date": "2026-12-01 17:00", "cpus": 2, "platform": "linux", "python": "3.11", "ortools": "9",
                        "code_sha256": "abc", "load_at_start": [1.5, 1.4, 1.3]},
        "stage1": {"repeats": 9, "load": [1.5], "firms": {"tongzhou": {"whole_ms": 12.5, "parts_ms": 20.0}}},
        "sensitivity": {"repeats": 3, "pool_startup_seconds": 1.2, "same_results_in_every_configuration": True,
                        "median_seconds": {"all reuse": 0.9}, "speedup_over_no_reuse": {"all reuse": 1.5},
                        "speedup_over_before": {"all reuse": 2.0}, "median_cpu_seconds": {"all reuse": 0.45},
                        "runs": {"all reuse": [run]}},
        "sweep": {"sweep": "s.yaml", "points": 1000,
                  "local": {"wall_seconds": 9.1, "points_per_second": 110.0, "startup_seconds": 1.0, "solved": 1000,
                            "reused": 0, "proven": True, "load": [1.5]},
                  "dask": {"wall_seconds": 11.0, "startup_seconds": 2.0, "load": [1.6], "identical_to_local": True}},
    }
    out = tmp_path / "whatif.md"
    write_markdown(doc, out)
    text = out.read_text()
    assert "| all reuse | 0.900 | 1.50x | 2.00x | 0.450 | 46 | 51.1 |" in text
    assert "| tongzhou | 12.5 | 20.0 |" in text
    assert "9.1 s" in text and "identical to the local run: True" in text and "load [1.5]" in text
