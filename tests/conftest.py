"""Fixtures shared by every test folder."""

from __future__ import annotations

import builtins
from typing import Any

import pytest


@pytest.fixture()
def no_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `import distributed` / `import dask` fail, as where the optional extra is not installed."""
    real = builtins.__import__

    def blocked(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in {"distributed", "dask"}:
            raise ImportError(f"No module named '{name}'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", blocked)
