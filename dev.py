#!/usr/bin/env python3
"""grantstack's developer commands, needing only Python 3.10+: `python3 dev.py example` and `python3 dev.py test`.

Each command sets up `.venv` itself (created with the standard `venv` module, grantstack installed into it in
editable mode with its dev extras) the first time, and again only when pyproject.toml changes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".grantstack-installed"
EXAMPLE = "scenarios/firms/tongzhou_manufacturer.yaml"
USAGE = """usage: python3 dev.py COMMAND [ARGS...]

  example [ARGS]   plan the bundled example firm (extra ARGS go to `grantstack plan`)
  test [ARGS]      ruff check, then pytest (extra ARGS go to pytest)
  bench-smoke      a tiny end-to-end benchmark run (python -m benchmarks smoke)
  venv             only set up .venv
"""


def _run(*cmd: str | Path) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=ROOT)


def ensure_venv() -> Path:
    """The virtual environment's python, created and installed if missing or older than pyproject.toml."""
    python = BIN / ("python.exe" if os.name == "nt" else "python")
    if not python.exists():
        print(f"dev.py: creating {VENV.name}/ ...", flush=True)
        venv.create(VENV, with_pip=True)
    if not STAMP.exists() or STAMP.stat().st_mtime < (ROOT / "pyproject.toml").stat().st_mtime:
        print("dev.py: installing grantstack and its dev tools into .venv ...", flush=True)
        code = _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", ".[dev]")
        if code:
            sys.exit(f"dev.py: pip install failed (exit {code}); see the messages above.")
        STAMP.touch()
    return python


def main(argv: list[str]) -> int:
    """Dispatch one developer command; returns its exit code."""
    if sys.version_info < (3, 10):  # noqa: UP036 - dev.py may be run by an older python3
        print(f"dev.py: grantstack needs Python 3.10 or later; this is {sys.version.split()[0]}.", file=sys.stderr)
        return 2
    if not argv or argv[0] not in {"example", "test", "bench-smoke", "venv"}:
        print(USAGE, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_venv()
    if command == "example":
        return _run(python, "-m", "optimizer.cli", "plan", EXAMPLE, *rest)
    if command == "test":
        return _run(python, "-m", "ruff", "check", ".") or _run(python, "-m", "pytest", *rest)
    if command == "bench-smoke":
        return _run(python, "-m", "benchmarks", "smoke")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
