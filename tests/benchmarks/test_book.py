"""The plan-many benchmark: same firms as the portfolio, totals equal, ratio recorded; its results section."""

from __future__ import annotations

from pathlib import Path

from grantstack.benchmarks.book import _same_plans, book_benchmark
from grantstack.benchmarks.book_report import book_targets, section_book


def test_book_benchmark_on_a_few_firms(tmp_path: Path) -> None:
    record = book_benchmark(12, jobs=2, rounds=1, dask=False, cache=tmp_path)
    (r,) = record["rounds"]
    assert r["plan_many"]["firms"] == 12 and r["plan_many"]["complete"] and r["plan_many"]["exit_code"] == 0
    assert r["totals_differ_from_portfolio"] == 0, "plan-many and the portfolio plan the same firms alike"
    assert r["ratio"] == r["plan_many"]["wall_s"] / r["portfolio"]["wall_s"] > 0
    assert record["optimal_share"] == 1.0 and record["verdict"]["optimal_share_100"]
    assert len(list(tmp_path.glob("book-*/firm*.json"))) == 12
    text = section_book(record)
    assert "| 1 |" in text and "plan-many" in text
    assert [row[0].split(":")[0] for row in book_targets(record)] == [
        "plan-many over 12 typical firms", "plan-many wall time within 1.3x of the portfolio's (same firms, same run)"]


def test_same_plans_compares_every_plan_field() -> None:
    row = {"name": "a", "firm": "a", "status": "OPTIMAL", "total_yuan": 5, "by_year": {"2025": 5}, "gap": 0.0,
           "applications": 1, "top_measures": [{"measure": "m", "amount_yuan": 5}], "violations": 0, "seconds": 1}
    same = {"rows": [row | {"seconds": 9}]}
    moved = {"rows": [row | {"by_year": {"2026": 5}}]}
    assert _same_plans({"rows": [row]}, same) == [] and _same_plans({"rows": [row]}, moved) == ["a"]
