#!/usr/bin/env python3
"""grantstack's developer commands, needing only Python 3.10+: `python3 dev.py example` and `python3 dev.py test`.

Each command sets up `.venv` itself: created with the standard `venv` module, the exact versions of
`requirements.lock` installed into it, then grantstack itself in editable mode. It is set up again whenever
`requirements.lock` or `pyproject.toml` changes. `test --latest` runs the suite in a separate `.venv-latest`
against the newest releases instead, and on a failure names the package whose new release broke it.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LOCK = ROOT / "requirements.lock"
EXAMPLE = "scenarios/firms/tongzhou_manufacturer.yaml"
PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check")
LOCK_COMMAND = ("uv", "pip", "compile", "pyproject.toml", "--all-extras", "--universal", "--python-version", "3.10",
                "--output-file", "requirements.lock")
USAGE = """usage: python3 dev.py COMMAND [ARGS...]

  example [ARGS]       plan the bundled example firm (extra ARGS go to `grantstack plan`)
  test [ARGS]          ruff check, then pytest (extra ARGS go to pytest), in .venv with the locked versions
  test --latest [ARGS] the same in .venv-latest with the newest releases; names the package that broke a test
  bench-smoke          a tiny end-to-end benchmark run (python -m grantstack.benchmarks smoke)
  lock                 regenerate requirements.lock (universal: every Python from 3.10) after a dependency change
  venv                 only set up .venv
"""


def _run(*cmd: str | Path, env: dict[str, str] | None = None) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)


def _python(folder: Path) -> Path:
    return folder / ("Scripts" if os.name == "nt" else "bin") / ("python.exe" if os.name == "nt" else "python")


def _create(folder: Path) -> Path:
    python = _python(folder)
    if not python.exists():
        print(f"dev.py: creating {folder.name}/ ...", flush=True)
        venv.create(folder, with_pip=True)
    return python


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_venv() -> Path:
    """.venv's python, with the locked versions and grantstack installed (again when the lock or pyproject change)."""
    folder = ROOT / ".venv"
    python = _create(folder)
    stamp = folder / ".grantstack-installed"
    want = _fingerprint()
    if not stamp.exists() or stamp.read_text().strip() != want:
        print("dev.py: installing the locked dependencies (requirements.lock) and grantstack into .venv ...",
              flush=True)
        code = _run(python, *PIP, "-r", LOCK) or _run(python, *PIP, "--no-deps", "--no-build-isolation", "-e", ".")
        if code:
            sys.exit(f"dev.py: pip install failed (exit {code}); see the messages above.")
        stamp.write_text(want + "\n")
    return python


def run_tests(python: Path, args: list[str]) -> int:
    """ruff, then pytest, with that environment's tools."""
    return _run(python, "-m", "ruff", "check", ".") or _run(python, "-m", "pytest", *args)


def _locked() -> dict[str, str]:
    """Package -> locked version for this Python (markers evaluated by the locked environment's pip)."""
    out = subprocess.run([str(_python(ROOT / ".venv")), "-m", "pip", "freeze", "--exclude-editable"],
                         capture_output=True, text=True, check=True).stdout
    return _versions(out)


def _versions(freeze: str) -> dict[str, str]:
    pairs = (line.split("==", 1) for line in freeze.splitlines() if "==" in line and not line.startswith("#"))
    return {name.lower().replace("_", "-"): version for name, version in pairs}


def _extras() -> list[str]:
    """Every optional-dependency group in pyproject.toml (the lock is compiled with all of them, so --latest too)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    section = text.split("[project.optional-dependencies]", 1)[1].split("\n[", 1)[0]
    return re.findall(r"^([A-Za-z0-9_-]+)\s*=\s*\[", section, flags=re.MULTILINE)


def test_latest(args: list[str]) -> int:
    """The suite against the newest releases; on failure, bisect the upgraded packages to name the culprit."""
    ensure_venv()
    locked = _locked()
    folder = ROOT / ".venv-latest"
    python = _create(folder)
    print("dev.py: installing the newest releases into .venv-latest ...", flush=True)
    if _run(python, *PIP, "--upgrade", "--upgrade-strategy", "eager", "-e", f".[{','.join(_extras())}]"):
        print("dev.py: installing the newest releases failed; see the messages above.", file=sys.stderr)
        return 1
    latest = _versions(subprocess.run([str(python), "-m", "pip", "freeze", "--exclude-editable"],
                                      capture_output=True, text=True, check=True).stdout)
    newer = sorted(p for p, v in latest.items() if p in locked and locked[p] != v)
    for p in newer:
        print(f"  {p}: {locked[p]} (locked) -> {latest[p]}")
    code = run_tests(python, args)
    if code == 0:
        print(f"dev.py: the suite passes with the newest releases ({len(newer)} newer than the lock).")
        return 0
    culprit = _bisect(python, newer, locked, latest)
    if culprit:
        print(f"dev.py: the newest release that breaks the suite: {culprit} {latest[culprit]} "
              f"(locked: {locked[culprit]}).", file=sys.stderr)
    else:
        print("dev.py: the failure does not follow one package; see the test output above.", file=sys.stderr)
    return code


def _bisect(python: Path, newer: list[str], locked: dict[str, str], latest: dict[str, str]) -> str | None:
    """The one upgraded package that alone reproduces the last failed tests, found by halving the set."""

    def fails_with(upgraded: list[str]) -> bool:
        pins = [f"{p}=={latest[p] if p in upgraded else locked[p]}" for p in newer]
        _run(python, *PIP, "--no-deps", *pins)
        return _run(python, "-m", "pytest", "--last-failed", "-x") != 0

    suspects = list(newer)
    if not suspects or not fails_with(suspects):
        return None
    while len(suspects) > 1:
        half = suspects[: len(suspects) // 2]
        suspects = half if fails_with(half) else suspects[len(half):]
    return suspects[0] if fails_with(suspects) else None


def main(argv: list[str]) -> int:
    """Dispatch one developer command; returns its exit code."""
    if sys.version_info < (3, 10):  # noqa: UP036 - dev.py may be run by an older python3
        print(f"dev.py: grantstack needs Python 3.10 or later; this is {sys.version.split()[0]}.", file=sys.stderr)
        return 2
    if not argv or argv[0] not in {"example", "test", "bench-smoke", "venv", "lock"}:
        print(USAGE, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "test" and rest[:1] == ["--latest"]:
        return test_latest(rest[1:])
    python = ensure_venv()
    if command == "example":
        return _run(python, "-m", "grantstack.cli", "plan", EXAMPLE, *rest)
    if command == "test":
        return run_tests(python, rest)
    if command == "bench-smoke":
        return _run(python, "-m", "grantstack.benchmarks", "smoke")
    if command == "lock":
        return _run(python.parent / "uv", *LOCK_COMMAND[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
