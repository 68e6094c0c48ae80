"""Which firm files a batch plans (plan-many): files, folders and glob patterns, and a distinct report name each.

Kept lean (no model is imported), so the command line checks its arguments before anything heavy loads.
"""

from __future__ import annotations

import glob
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from grantstack.models.errors import InputError

__all__ = ["FIRM_SUFFIXES", "discover", "report_names"]

FIRM_SUFFIXES = (".yaml", ".yml", ".json")


def discover(sources: Sequence[str | Path]) -> list[Path]:
    """Firm files from files, folders (their *.yaml, *.yml, *.json) and glob patterns, in order, once each (a file
    met twice, by another path or a symbolic link, is kept where it comes first)."""
    found: list[tuple[Path, Path | None]] = []  # (file, its real path where already known)
    for source in sources:
        text = str(source)
        p = Path(text)
        if p.is_dir():
            files = _folder(p)
            if not files:
                raise InputError(f"{p}: the folder holds no firm files (*.yaml, *.yml or *.json).")
            found += files
            continue
        if p.exists():
            files = [p]
        elif glob.has_magic(text):
            files = sorted(Path(f) for f in glob.glob(text, recursive=True) if Path(f).is_file())
            if not files:
                raise InputError(f"{text}: no file matches this pattern.")
        else:
            raise InputError(f"{text}: no such firm file or folder. Give firm files, folders of them, or a quoted "
                             "glob pattern such as 'clients/*.yaml'.")
        found += [(f, None) for f in files]
    seen: set[Path] = set()
    out = []
    for f, real in found:
        real = real or f.resolve()
        if real not in seen:
            seen.add(real)
            out.append(f)
    return out


def _folder(p: Path) -> list[tuple[Path, Path | None]]:
    """A folder's firm files in name order, with their real paths: the folder is resolved once, and only an entry
    that is a symbolic link is resolved on its own (resolving each of 1,000 files cost 0.08 s warm, 0.24 s in a cold
    profiled run)."""
    real = p.resolve()
    with os.scandir(p) as entries:
        kept = [e for e in entries if Path(e.name).suffix.lower() in FIRM_SUFFIXES and not e.name.startswith(".")
                and e.is_file()]
    files = sorted((p / e.name, e.is_symlink()) for e in kept)
    return [(f, f.resolve() if link else real / f.name) for f, link in files]


def report_names(labels: Sequence[str], paths: Sequence[Path | None]) -> list[str]:
    """A distinct file-name stem per firm: its file's stem, or its folders too where two stems are the same."""
    counts = Counter(labels)
    names = []
    for label, path in zip(labels, paths, strict=True):
        if counts[label] > 1 and path is not None:
            label = "__".join([*path.parent.parts[-2:], path.stem]).replace("/", "_").lstrip("_.")
        names.append(label)
    taken: Counter[str] = Counter()
    out = []
    for name in names:
        taken[name] += 1
        out.append(name if taken[name] == 1 else f"{name}-{taken[name]}")
    return out
