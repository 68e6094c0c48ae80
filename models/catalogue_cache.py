"""A cache of the validated bundled catalogue, so the command line does not parse its YAML on every run.

Parsing and checking the bundled YAML files takes about a tenth of a second; validating the same catalogue
from its JSON dump (pydantic-core) takes a few milliseconds. The JSON is kept in the user's cache folder
($XDG_CACHE_HOME/grantstack, else ~/.cache/grantstack), named by the SHA-256 of the catalogue files and of
the models' source code, so any change to either is a cache miss. The cached catalogue is validated again
by the same models (every reference and consistency check runs); only the YAML-specific checks (names in the
vocabulary, exact numbers) are not repeated, because the same bytes passed them when the entry was written.
Writing is atomic and best-effort; GRANTSTACK_NO_CACHE=1 turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from grantstack.models.catalogue import Catalogue

__all__ = ["cache_key", "cached_catalogue", "store_catalogue"]

_MODELS = Path(__file__).resolve().parent


def _folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "grantstack"


def cache_key(contents: list[bytes]) -> str:
    """SHA-256 over the catalogue files' bytes and the models' source files."""
    h = hashlib.sha256()
    for raw in contents:
        h.update(hashlib.sha256(raw).digest())
    for p in sorted(_MODELS.glob("*.py")) + sorted(_MODELS.glob("*/*.py")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _enabled() -> bool:
    return os.environ.get("GRANTSTACK_NO_CACHE", "") in ("", "0")


def cached_catalogue(key: str) -> Catalogue | None:
    """The catalogue stored under this key, or None (no entry, unreadable, or the cache is off)."""
    if not _enabled():
        return None
    path = _folder() / f"catalogue-{key[:32]}.json"
    try:
        return Catalogue.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return None


def store_catalogue(key: str, catalogue: Catalogue) -> None:
    """Write the catalogue's JSON under this key (atomically; any failure is ignored)."""
    if not _enabled():
        return
    folder = _folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".catalogue-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(catalogue.model_dump_json(warnings=False).encode())
        os.replace(tmp, folder / f"catalogue-{key[:32]}.json")
    except OSError:
        return
