"""Where the bundled catalogue's files are: kept lean (no model is imported), so a process can name and hash
them without building the catalogue (plan-many's parent sends its workers only that reference)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["bundled_catalogue_paths"]


def bundled_catalogue_paths() -> list[Path]:
    """The Beijing catalogue files shipped with the package, in seed order."""
    folder = resources.files("grantstack.scenarios") / "catalogue"
    return sorted(Path(str(folder)).glob("*.yaml"))
