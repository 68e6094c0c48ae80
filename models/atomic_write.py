"""Atomic file output: a temporary file beside the target, then os.replace; nothing partial, ever.

- An error or an interrupt (Ctrl-C, SIGTERM) while writing removes the temporary file and leaves the
  target as it was. A process killed outright (SIGKILL) cannot clean up: its temporary file
  (`.NAME.PID.xxxx.tmp`) is removed by the next write to the same target once that process is gone.
- A symbolic link is written through (the file it points to is replaced, the link stays); a target that
  exists but is not a regular file (a FIFO, a device, a socket, a folder) is refused, never replaced.
- An existing file keeps its permission bits (a read-only report stays read-only); a new file gets
  0o666 less the umask, like any file the user creates.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

__all__ = ["NotARegularFile", "atomic_open", "real_target", "remove_leftovers", "write_atomic"]

_STALE_AFTER = 24 * 3600  # a leftover whose writer's pid was reused is removed after a day


class NotARegularFile(OSError):
    """The output path exists and is not a regular file (a FIFO, device, socket or folder)."""


def real_target(path: str | Path) -> Path:
    """The file a write to `path` replaces: symbolic links followed; NotARegularFile for a special file."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else \
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else \
            "not a regular file"
        raise NotARegularFile(f"{path} is {kind}; a report is written only to a regular file")
    return target


def _umask() -> int:
    """The process umask (read without changing it for long)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(target: Path) -> list[Path]:
    """Delete temporary files of earlier writes to `target` whose process is gone (killed mid-write)."""
    removed = []
    pattern = re.compile(re.escape(f".{target.name}.") + r"(\d+)\.[^.]+\.tmp")
    with suppress(OSError):
        for leftover in target.parent.iterdir():
            m = pattern.fullmatch(leftover.name)
            if m is None or int(m.group(1)) == os.getpid():
                continue
            with suppress(OSError):
                old = time.time() - leftover.lstat().st_mtime > _STALE_AFTER
                if old or not _alive(int(m.group(1))):
                    leftover.unlink()
                    removed.append(leftover)
    return removed


def _keep_owner_and_mode(tmp: str, target: Path) -> None:
    try:
        info = target.stat()
    except FileNotFoundError:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    os.chmod(tmp, stat.S_IMODE(info.st_mode))
    with suppress(OSError):  # only root may give a file away; the mode is what matters
        os.chown(tmp, info.st_uid, info.st_gid)


@contextmanager
def atomic_open(path: str | Path, binary: bool = False) -> Iterator[IO[Any]]:
    """Yield a file to write; on success it replaces `path` (through a symlink), on any error nothing changes."""
    target = real_target(path)
    remove_leftovers(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    try:
        fh: IO[Any] = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _keep_owner_and_mode(tmp, target)
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write text (UTF-8) or bytes to `path` atomically."""
    with atomic_open(path, binary=isinstance(data, bytes)) as fh:
        fh.write(data)
