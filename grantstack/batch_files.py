"""Which firm files a batch plans (plan-many): files, folders and glob patterns, and a distinct report name each.

Kept lean (no model is imported), so the command line checks its arguments before anything heavy loads.
"""

from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from grantstack.models.errors import InputError

__all__ = ["FIRM_SUFFIXES", "discover", "report_names"]

FIRM_SUFFIXES = (".yaml", ".yml", ".json")


def discover(sources: Sequence[str | Path]) -> list[Path]:
    """Firm files from files, folders (their *.yaml, *.yml, *.json) and glob patterns, in order, once each."""
    found: list[Path] = []
    for source in sources:
        text = str(source)
        p = Path(text)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.suffix.lower() in FIRM_SUFFIXES and f.is_file()
                           and not f.name.startswith("."))
            if not files:
                raise InputError(f"{p}: the folder holds no firm files (*.yaml, *.yml or *.json).")
        elif p.exists():
            files = [p]
        elif glob.has_magic(text):
            files = sorted(Path(f) for f in glob.glob(text, recursive=True) if Path(f).is_file())
            if not files:
                raise InputError(f"{text}: no file matches this pattern.")
        else:
            raise InputError(f"{text}: no such firm file or folder. Give firm files, folders of them, or a quoted "
                             "glob pattern such as 'clients/*.yaml'.")
        found += files
    seen: set[Path] = set()
    out = []
    for f in found:
        real = f.resolve()
        if real not in seen:
            seen.add(real)
            out.append(f)
    return out


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
