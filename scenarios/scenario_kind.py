"""Whether a file is a scenario (a `scenario:` key at its top level) or a firm file, told apart without loading
the what-if engine, so that `grantstack plan FIRM` does not import it."""

from __future__ import annotations

from pathlib import Path

from grantstack.models.errors import InputError
from grantstack.models.yaml_reader import read_mapping

__all__ = ["is_scenario_file"]


def is_scenario_file(path: str | Path) -> bool:
    """True if the file's top level holds a `scenario:` key (a scenario, not a firm)."""
    try:
        return "scenario" in read_mapping(path)[1]
    except InputError:
        return False
