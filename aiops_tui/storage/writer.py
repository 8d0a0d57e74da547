"""Writing an exported file without ever leaving half of it behind."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from aiops_tui.domain.text import inert


class ExportError(Exception):
    """A path or file the export cannot use, worded for the person who typed it."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_target(path: Path, forbid: Path | None = None) -> Path:
    """Refuse a path that cannot be written, before any work is done."""
    path = path.expanduser()
    if str(path).strip() == "":
        raise ExportError("give a file name, e.g. aiops-playbook.md")
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name inside it")
    parent = path.parent if str(path.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise ExportError(f"{parent} is a file, not a folder")
    if not parent.is_dir():
        raise ExportError(f"folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise ExportError(f"cannot write to folder {parent}: permission denied")
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportError(f"{path} is read-only")
    if forbid is not None and _same_file(path, forbid):
        raise ExportError(f"{path} is the database itself; choose another file name")
    return path


def write_text(path: Path, text: str, forbid: Path | None = None, newline: str = "\n") -> Path:
    """Write UTF-8 with `\\n` line ends (or `newline`: an iCalendar file needs `\\r\\n`)
    through a temporary file and a rename.

    Returns the absolute path written. A reader (or git) never sees a
    half-written playbook, and a failure leaves the old file as it was. Control
    characters in the text are written inert (`domain.text.inert`): a playbook
    shown with `cat` must not drive the terminal. The file follows the umask
    (it is meant to be shared), unlike every copy of the database.
    """
    text = inert(text)
    path = check_target(path, forbid)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8", newline=newline) as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    return path.resolve()
