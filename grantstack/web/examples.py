"""The bundled example firms, opened by name only (a request never names a path)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from grantstack.models.firm import Firm
from grantstack.models.loading import InputError, load_firm

__all__ = ["example_names", "load_example"]


@lru_cache(maxsize=1)
def _examples() -> dict[str, Path]:
    folder = Path(str(files("grantstack.scenarios") / "firms"))
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def example_names() -> list[str]:
    """Names of the example firms, e.g. tongzhou_manufacturer."""
    return list(_examples())


def load_example(name: str) -> Firm:
    """The example firm of this name; InputError for any other name."""
    path = _examples().get(name)
    if path is None:
        raise InputError(f"'{name[:60]}': no such example firm. Choose one of: {', '.join(_examples())}.")
    return load_firm(path)
