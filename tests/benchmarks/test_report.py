"""results.md takes every figure from the record files: the notes cite named facts, never typed numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantstack.benchmarks.report import SOURCES, bare_figures, load, resolve_notes
from grantstack.benchmarks.report_targets import facts

RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results"


def test_a_typed_figure_or_an_unknown_fact_is_refused() -> None:
    assert resolve_notes("stage 1 took {{typical.stage1_p50_ms}} ms", {"typical.stage1_p50_ms": "1.2"}) == \
        "stage 1 took 1.2 ms"
    with pytest.raises(ValueError, match="types figures"):
        resolve_notes("stage 1 took 1.2 ms", {})
    with pytest.raises(ValueError, match="do not give: typical.nothing"):
        resolve_notes("{{typical.nothing}} ms", {})
    assert bare_figures("HiGHS is 2.3x faster, 45% of 1,200 yuan") == ["2.3x", "45%", "1,200 yuan"]
    assert bare_figures("issue 12, 2025-2029, 80x60x8, {{xl.n}} instances") == []


def test_the_committed_notes_cite_only_facts_the_committed_records_give() -> None:
    notes = (RESULTS / "notes.md").read_text()
    assert bare_figures(notes) == []
    src = {key: load(RESULTS, name) for key, name in SOURCES.items()}
    resolve_notes(notes, facts(src))  # raises on an unknown fact
