"""Read an input file's text safely: regular files only, bounded in size, UTF-8, with its SHA-256.

A FIFO, a device (/dev/zero), a socket or a folder is refused before anything is read (a FIFO is opened
without blocking), and so is a file larger than MAX_FILE_BYTES: reading never hangs or fills memory.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from grantstack.models.errors import InputError
from grantstack.models.limits import MAX_FILE_BYTES

__all__ = ["SourceText", "read_source"]

_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file. Give the path of a .yaml or .json file."),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file. Save the content to a file and give its path."),
    (stat.S_ISCHR, "is a device, not a regular file. Give the path of a .yaml or .json file."),
    (stat.S_ISBLK, "is a device, not a regular file. Give the path of a .yaml or .json file."),
    (stat.S_ISSOCK, "is a socket, not a regular file. Give the path of a .yaml or .json file."),
)


@dataclass(frozen=True)
class SourceText:
    """An input file's path, its text and the SHA-256 of its bytes."""

    path: Path
    text: str
    sha256: str


def _kind_problem(mode: int) -> str | None:
    """Why a file of this mode cannot be read as input, or None for a regular file."""
    for test, why in _KINDS:
        if test(mode):
            return why
    return None if stat.S_ISREG(mode) else "is not a regular file. Give the path of a .yaml or .json file."


def _open(p: Path) -> int:
    """A read-only descriptor of a regular file (never blocks on a FIFO); InputError otherwise."""
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(f"{p}: file not found. Check the path.") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a folder, not a file. Give the path of a .yaml or .json file.") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror or exc}). Check the path and permissions.") \
            from None
    info = os.fstat(fd)
    why = _kind_problem(info.st_mode)
    if why is None and info.st_size > MAX_FILE_BYTES:
        why = (f"is {info.st_size:,} bytes; input files are at most {MAX_FILE_BYTES:,} bytes. "
               "Give the right file, or split a catalogue into several files")
    if why is not None:
        os.close(fd)
        raise InputError(f"{p}: {why.rstrip('.')}.")
    return fd


def read_source(path: str | Path) -> SourceText:
    """The file's text and hash; a missing, special, oversized, unreadable or non-UTF-8 file is an InputError."""
    p = Path(path)
    fd = _open(p)
    try:
        with os.fdopen(fd, "rb") as fh:
            size = min(os.fstat(fh.fileno()).st_size, MAX_FILE_BYTES)
            raw = fh.read(size + 1)  # a buffer of the file's size, not of the limit (16 MiB: 0.2 ms a file)
            if len(raw) > size:  # it grew while being read (or reports no size): read on, up to the limit
                raw += fh.read(MAX_FILE_BYTES + 1 - len(raw))
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror or exc}). Check the path and permissions.") \
            from None
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        raise InputError(f"{p}: input files are at most {MAX_FILE_BYTES:,} bytes. Give the right file.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.reason} at byte {exc.start}). Save it as UTF-8 text.") \
            from None
    return SourceText(p, text.removeprefix("\ufeff"), hashlib.sha256(raw).hexdigest())
