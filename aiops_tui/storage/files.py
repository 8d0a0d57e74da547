"""Files that hold company data: private from their first byte, never left half-made.

Every copy of the database (a backup, a restore's temporary file, the copy a
migration keeps, a JSON dump) is created here with mode 0600 before a byte is
written, so there is no moment when another user of the machine can read it.
Temporary files are named `.<name>.tmp-<pid>`; a run that was killed leaves
one behind, and the next run beside it removes it (`sweep_leftovers`) once no
live process owns that pid.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

_TEMP = re.compile(r"^\.(?P<name>.+)\.tmp-(?P<pid>\d+)(?:-journal|-wal|-shm)?$")


def create_private(path: Path) -> Path:
    """A new empty file only its owner can read or write (any old one replaced)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    return path


def temp_beside(path: Path) -> Path:
    """This process's private temporary file next to `path`, for a write-then-rename."""
    return create_private(path.with_name(f".{path.name}.tmp-{os.getpid()}"))


def remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def leftovers(folder: Path) -> list[Path]:
    """The temporary files in `folder` whose run was killed (no live process owns them)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    found: list[Path] = []
    for name in names:
        match = _TEMP.match(name)
        if match is not None and not _alive(int(match["pid"])):
            found.append(folder / name)
    return found


def sweep_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files of killed runs in `folder`; returns what was removed."""
    removed: list[Path] = []
    for path in leftovers(folder):
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed
