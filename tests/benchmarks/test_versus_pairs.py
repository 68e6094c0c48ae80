"""The side-by-side benchmark against the earlier code: per-pair ratio of medians, and the report's pairs."""

from __future__ import annotations

import pytest

from grantstack.benchmarks.report_targets import _pairs
from grantstack.benchmarks.versus import _median_ratio

pytestmark = pytest.mark.timeout(30)


def test_a_pair_ratio_is_the_median_over_firms_of_each_firms_median_new_over_median_old() -> None:
    times = {"new": {"a": [1.0, 9.0, 2.0], "b": [3.0, 3.0, 30.0], "c": [1.0]},
             "old": {"a": [4.0, 4.0, 4.0], "b": [4.0, 1.0, 6.0], "c": [0.0]}}
    # a: 2/4 = 0.5; b: 3/4 = 0.75; c has no earlier time above zero and is left out
    assert _median_ratio(times, "new") == pytest.approx(0.625)


def test_the_report_names_each_pairs_ratio_only_where_there_are_several() -> None:
    assert _pairs({"pair_ratios": [0.61, 0.7, 0.655]}) == " over 3 pairs of processes (0.61, 0.70, 0.66)"
    assert _pairs({"pair_ratios": [0.6]}) == ""
    assert _pairs({}) == ""
