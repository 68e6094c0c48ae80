"""dev.py's `test --latest` installs every optional-dependency group, as the lock does (--all-extras)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is Python 3.11+")
def test_latest_installs_every_extra_of_pyproject() -> None:
    """A new extra (as 'web' was) is installed by --latest without editing dev.py."""
    import tomllib

    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "dev.py")
    assert spec and spec.loader
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert sorted(dev._extras()) == sorted(extras) and "web" in extras
