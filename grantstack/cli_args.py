"""Command-line input for grantstack: --option, --years, --catalog, output formats; all bad input is InputError."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from grantstack.cli_options import option_names, parse_options
from grantstack.models.errors import InputError, clip
from grantstack.reports import BINARY, format_for

if TYPE_CHECKING:
    from grantstack.models.catalogue import Catalogue

__all__ = [
    "DEFAULT_YEARS",
    "bad_input",
    "catalogue_files",
    "load_catalog",
    "option_names",
    "output_folder",
    "parse_options",
    "parse_years",
    "resolve_format",
]

DEFAULT_YEARS = "2025-2029"


@contextmanager
def bad_input() -> Iterator[None]:
    """Turn an InputError into one paragraph on stderr and exit code 2 (never a traceback)."""
    try:
        yield
    except InputError as exc:
        text = " ".join(clip(word, 200) for word in str(exc).split())  # a 100,000-character name stays short
        typer.echo(f"grantstack: error: {clip(text, 8_000)}", err=True)
        raise typer.Exit(2) from None


def parse_years(text: str) -> tuple[int, int]:
    """'2025-2029' (or one year '2026') as a (first, last) horizon."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-:]|\.\.)?\s*(\d{4})?\s*", text or "")
    if not m:
        raise InputError(f"--years '{text}': expected FIRST-LAST, e.g. --years 2025-2029.")
    y0 = int(m.group(1))
    y1 = int(m.group(2)) if m.group(2) else y0
    if y1 < y0:
        raise InputError(f"--years '{text}': the horizon ends ({y1}) before it starts ({y0}).")
    if y0 < 1990 or y1 > 2100:
        raise InputError(f"--years '{text}': years must lie between 1990 and 2100.")
    return y0, y1


def catalogue_files(path: Path) -> list[Path]:
    """A catalogue file, or every *.yaml/*.yml/*.json file of a directory, in name order."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml", ".json"} and p.is_file())
        if not files:
            raise InputError(f"{path}: the catalogue directory holds no .yaml, .yml or .json files.")
        return files
    if not path.exists():
        raise InputError(f"{path}: catalogue file not found. Check the path given to --catalog.")
    return [path]


def load_catalog(path: Path | None = None, replace: bool = False) -> Catalogue:
    """The bundled catalogue with the user's overlay file(s) of changes applied, or replaced by PATH's packages."""
    if path is None:
        if replace:
            raise InputError("--replace-catalog: give the replacement with --catalog PATH.")
        from grantstack.models.loading import load_catalogue as bundled

        return bundled()  # no overlay: the change machinery is not imported
    from grantstack.scenarios.overlay import load_catalogue

    return load_catalogue(overlay=list(catalogue_files(path)), replace=replace)


def output_folder(folder: Path, option: str) -> Path:
    """A folder to write into, created if needed; InputError naming the option if it is a file or cannot be made."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{option} {folder}: is a file; give a folder.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{option} {folder}: cannot create the folder ({exc.strerror or exc}).") from None
    return folder


def resolve_format(fmt: str | None, out: Path | None) -> str:
    """The output format: as given, else implied by --out's suffix, else the terminal table."""
    if out is not None:
        from grantstack.models.atomic_write import NotARegularFile, real_target

        try:
            target = real_target(out)  # a symlink is written through; a FIFO or device is refused
        except NotARegularFile as exc:
            raise InputError(f"--out {out}: {exc}. Give the path of a regular file (or a new one).") from None
        if not target.parent.is_dir():
            raise InputError(f"--out {out}: the directory {target.parent} does not exist.")
    fmt = format_for(fmt, out)
    if fmt in BINARY and out is None:
        raise InputError(f"--format {fmt} writes a binary file: give a file with --out, e.g. --out plan.{fmt}.")
    if fmt == "pdf":
        from grantstack.reports import pdf_available

        missing = pdf_available()
        if missing:
            raise InputError(missing)
    return fmt
