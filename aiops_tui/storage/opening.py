"""Opening the one SQLite file safely.

Everything a founder has lives in this file, so opening it is careful: a path
that is missing, read-only, locked, not a database, truncated or written by a
newer aiops is refused with one plain sentence (a `StoreError`) before a
single byte is written.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from aiops_tui.clock import Clock, system_clock
from aiops_tui.storage.db import (
    SQLITE_HEADER,
    Database,
    StoreError,
    connect,
    describe_sqlite_error,
)
from aiops_tui.storage.defaults import ensure_defaults
from aiops_tui.storage.migrations import migrate


def _check_existing_file(path: Path) -> None:
    """Refuse files that are not (whole) SQLite databases without touching them."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if not os.access(path, os.R_OK):
        raise StoreError(f"cannot read {path}: permission denied")
    size = path.stat().st_size
    if size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise StoreError(f"{path} is not an aiops database (not a SQLite file)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    if page_count and page_size and size < page_count * page_size:
        raise StoreError(
            f"{path} is damaged: the file is shorter than its header says (truncated?)"
        )
    if not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only: aiops needs to write to it")


def _create_private_file(path: Path) -> None:
    """A new database holds prompts and customer text: only its owner may read it."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def open_database(
    path: str | os.PathLike[str],
    clock: Clock = system_clock,
    actor: str = "",
    seed_defaults: bool = True,
) -> Database:
    """Check, open and bring the file up to this version's schema (and defaults)."""
    path = Path(path).expanduser()
    if not path.parent.exists():
        raise StoreError(f"folder {path.parent} does not exist")
    created = not path.exists()
    if created:
        if not os.access(path.parent, os.W_OK):
            raise StoreError(f"cannot create {path}: folder {path.parent} is read-only")
        _create_private_file(path)
    else:
        _check_existing_file(path)
    try:
        conn = connect(path)
    except sqlite3.Error as error:
        raise StoreError(describe_sqlite_error(path, error)) from None
    db = Database(conn, path, clock, actor)
    try:
        migrate(db, existed=not created)
        if seed_defaults:
            ensure_defaults(db)
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as error:
        conn.close()
        raise StoreError(describe_sqlite_error(path, error)) from None
    return db
