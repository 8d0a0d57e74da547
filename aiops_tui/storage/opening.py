"""Opening the one SQLite file safely.

Everything a founder has lives in this file, so opening it is careful: a path
that is missing, empty, read-only, locked, not a database, truncated, damaged
(`PRAGMA quick_check` fails) or written by a newer aiops is refused with one
plain sentence (a `StoreError`) before a single byte is written. Only a caller
that says `create=True` (`aiops init`, the app's first start, tests) gets a new
file, created 0600 from its first byte.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from aiops_tui.clock import Clock, system_clock
from aiops_tui.storage.db import (
    SQLITE_HEADER,
    Database,
    StoreError,
    connect,
    damaged,
    describe_sqlite_error,
    no_database,
)
from aiops_tui.storage.defaults import ensure_defaults
from aiops_tui.storage.migrations import SCHEMA_VERSION, migrate


def _check_existing_file(path: Path, write: bool = True) -> None:
    """Refuse files that are not (whole) SQLite databases without touching them."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if not os.access(path, os.R_OK):
        raise StoreError(f"cannot read {path}: permission denied")
    size = path.stat().st_size
    if size == 0:
        raise StoreError(f"{path} is an empty file, not a database: remove it or run aiops init")
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
    if write and not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only: aiops needs to write to it")


def _create_private_file(path: Path) -> None:
    """A new database holds prompts and customer text: only its owner may read it."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def check_file(path: Path, write: bool = True) -> None:
    """Every check `open_database` makes before connecting, for callers that check first."""
    if not path.exists():
        raise no_database(path)
    _check_existing_file(path, write)


FULL_CHECK_MAX_BYTES = 32 * 1024 * 1024
"""Files up to this size get SQLite's full `integrity_check` (about 20 ms a MB), which
also finds an index that lost a row; larger ones `quick_check` (about 1 ms a MB)."""


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file whose pages do not hold together, before anything writes to it.

    `PRAGMA quick_check`, or the full `integrity_check` for a file of at most
    FULL_CHECK_MAX_BYTES (a company's real database is a few MB: there the full
    check costs milliseconds). A damaged file can also fail as undecodable text
    (a table name that is not UTF-8) or as any SQLite error; all of them end as
    one `StoreError`.
    """
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    pragma = "integrity_check" if size <= FULL_CHECK_MAX_BYTES else "quick_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        conn.execute("SELECT name, sql FROM sqlite_master").fetchall()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise StoreError(describe_sqlite_error(path, error)) from None
        raise damaged(path, str(error)) from None
    except (sqlite3.Error, UnicodeDecodeError) as error:
        raise damaged(path, str(error)) from None
    first = str(rows[0][0]) if rows else "no answer"
    if first != "ok":
        more = f" and {len(rows) - 1} more problem(s)" if len(rows) > 1 else ""
        raise damaged(path, f"{pragma}: {first}{more}")


def whole_file_check_due(conn: sqlite3.Connection, path: Path, reads_only: bool) -> bool:
    """Whether opening must scan the whole file before going on.

    Always before anything may write. A command that only reads (`check`,
    `export`, `due`, `calendar`) skips the scan of a large file whose schema is
    current, so nothing will be migrated: on hundreds of MB the scan is most of
    its wait, and a damaged page it reads still fails as one line through
    SQLite's own error. A file of a real company's size (up to
    FULL_CHECK_MAX_BYTES) is always checked in full: there it costs milliseconds
    and also finds the damage SQLite reads past (an index that lost a row).
    """
    if not reads_only:
        return True
    try:
        if path.stat().st_size <= FULL_CHECK_MAX_BYTES:
            return True
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        seeded = (
            version == SCHEMA_VERSION
            and conn.execute("SELECT 1 FROM app_state WHERE key = 'seeded'").fetchone()
        )
    except (OSError, sqlite3.Error):
        return True  # let the check say what is wrong
    return not seeded  # else opening writes: the schema steps or the defaults


def check_in_background(path: Path) -> Callable[[], None]:
    """Start `quick_check` on its own connection; the returned call waits and raises.

    The app starts this before importing Textual and its screens (a few hundred ms
    cold), so the check of a large file costs the launch little: SQLite does the
    work on the other core while Python imports. The file's header is checked
    first, here, so a file that is no database never reaches SQLite.
    """
    check_file(path)
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            conn = connect(path)
            try:
                quick_check(conn, path)
            finally:
                conn.close()
        except StoreError as error:
            outcome.append(error)
        except sqlite3.Error as error:
            outcome.append(StoreError(describe_sqlite_error(path, error)))

    thread = threading.Thread(target=run, name="aiops-quick-check", daemon=True)
    thread.start()

    def wait() -> None:
        thread.join()
        if outcome:
            raise outcome[0]

    return wait


def open_database(
    path: str | os.PathLike[str],
    clock: Clock = system_clock,
    actor: str = "",
    seed_defaults: bool = True,
    create: bool = True,
    check: bool = True,
    reads_only: bool = False,
) -> Database:
    """Check, open and bring the file up to this version's schema (and defaults).

    `create` makes a missing file (only `aiops init`, the app's first start and
    tests ask for it); `check` runs `PRAGMA quick_check` before anything can
    write, and the app turns it off only after running it itself
    (`check_in_background`); `reads_only` lets a read-only command skip it where
    `whole_file_check_due` says the scan is not needed.
    """
    path = Path(path).expanduser()
    if not path.parent.exists():
        if not create:
            raise no_database(path)
        raise StoreError(f"folder {path.parent} does not exist")
    created = not path.exists()
    if created and not create:
        raise no_database(path)
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
        if check and not created:
            if whole_file_check_due(conn, path, reads_only):
                quick_check(conn, path)
            else:
                db.keep_figures = False  # unscanned: write nothing, not even a cache
        migrate(db, existed=not created)
        if seed_defaults:
            ensure_defaults(db)
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as error:
        conn.close()
        raise StoreError(describe_sqlite_error(path, error)) from None
    except UnicodeDecodeError as error:
        conn.close()
        raise damaged(path, f"text that is not UTF-8: {error.reason}") from None
    return db
