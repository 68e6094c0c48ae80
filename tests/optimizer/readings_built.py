"""The models the readings of every example firm build (optimizer/readings.py _built), for the readings' tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.loading import load_firm
from grantstack.models.options import PlanOptions

FIRMS = Path(__file__).resolve().parents[2] / "scenarios" / "firms"
YEARS = (2025, 2029)


def readings_built(cat: Catalogue, monkeypatch: pytest.MonkeyPatch, options: tuple[PlanOptions, ...]) -> list[Any]:
    """Every reading's Build of every example firm planned with readings under each of `options`, in order."""
    import grantstack.optimizer.readings as readings
    from grantstack.optimizer.solve import plan

    built: list[Any] = []
    real = readings._built

    def kept(*args: Any) -> Any:
        b = real(*args)
        built.append(b)
        return b

    monkeypatch.setattr(readings, "_built", kept)
    for path in sorted(FIRMS.glob("*.yaml")):
        for o in options:
            plan(cat, load_firm(path, cat), YEARS, o, readings=True)
    monkeypatch.setattr(readings, "_built", real)
    return built


def model_key(m: Any) -> tuple:
    """A LinearModel in full (variables with their names, bounds, rows with their tags, objective, hint): equal keys,
    the same model."""
    rows = tuple((r.vars, r.coefs, r.lb, r.ub, r.enforce, r.tag) for r in m.rows)
    return (tuple(m.names), tuple(m.lbs), tuple(m.ubs), rows, tuple(m.objective.items()), m.offset,
            tuple(m.hint.items()))
