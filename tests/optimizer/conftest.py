"""Shared fixtures: one HiGHS worker process for the whole session (highspy cannot live beside OR-Tools)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from grantstack.optimizer.highs_worker import HighsWorker


@pytest.fixture(scope="session")
def highs() -> Iterator[HighsWorker]:
    with HighsWorker() as worker:
        yield worker
