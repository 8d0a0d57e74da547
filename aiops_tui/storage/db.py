"""The connection to the one SQLite file: transactions, change events, queries.

Opening a file (checks, migrations, defaults) is `storage/opening.py`, which
builds on this module; migrations and defaults use it too, so it imports none
of them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiops_tui.clock import Clock
from aiops_tui.domain.undo import UndoStack

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 2000


class StoreError(Exception):
    """A problem with the database file, worded for the person at the keyboard."""


def no_database(path: Path) -> StoreError:
    """The one wording for "there is nothing here yet", whichever command met it."""
    return StoreError(f"no database at {path}: run aiops init")


def damaged(path: Path, what: str) -> StoreError:
    return StoreError(f"{path} is damaged ({what}): nothing was written; run aiops doctor")


DatabaseError = sqlite3.Error
"""What SQLite raises (a lock, a damaged page): screens catch it by this name,
so nothing above storage imports sqlite3."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the pragmas every aiops connection needs."""
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def describe_sqlite_error(path: Path, error: sqlite3.Error) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return f"{path} is locked by another program; try again in a moment"
    if "not a database" in text or "malformed" in text or "Could not decode" in text:
        return str(damaged(path, text))
    if "readonly" in text or "read-only" in text:
        return f"{path} is read-only: aiops needs to write to it"
    if "unable to open" in text:
        return f"cannot open {path}: {text}"
    return f"database error in {path}: {text}"


class Database:
    """One open aiops database: the connection, the clock and who is acting.

    Writes go through `transaction()`, so an entity and its ChangeEvent are
    committed together or not at all.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock, actor: str) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self.actor = actor
        self.keep_figures = True
        """False when a read-only command skipped the whole-file scan: `keep` writes nothing."""
        self._depth = 0
        self._lock = threading.RLock()
        self._kept_writes = 0
        self.undo = UndoStack()
        """This session's undoable changes (storage/undo.py): never saved, gone at close."""

    def close(self) -> None:
        self.conn.close()

    def now_iso(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def today_iso(self) -> str:
        return self.clock().date().isoformat()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE so a second writer waits (busy timeout) instead of failing late."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise StoreError(describe_sqlite_error(self.path, error)) from None
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except sqlite3.Error as error:
                    self.conn.execute("ROLLBACK")
                    raise StoreError(describe_sqlite_error(self.path, error)) from None
            finally:
                self._depth = 0

    @property
    def changes(self) -> int:
        """Rows this connection wrote to the data: `total_changes` without `keep` writes
        (keeping worked-out figures changes nothing a screen shows)."""
        return self.conn.total_changes - self._kept_writes

    def data_stamp(self) -> tuple[int, int]:
        """Changes whenever the data may have: a commit by another connection
        (`PRAGMA data_version`) or a write on this one (`changes`)."""
        return self.count("PRAGMA data_version"), self.changes

    def keep(self, sql: str, params: tuple | dict = ()) -> bool:
        """Write something worked out from the data (a cache), if that can be done now.

        Never waits for another writer (busy timeout 0 for this one statement) and
        never fails: a locked or read-only file just means it is worked out again next
        time. Inside a transaction it joins it, and commits or rolls back with it.
        Not at all on a file opened without its whole-file check (`keep_figures`).
        """
        if not self.keep_figures:
            return False
        with self._lock:
            before = self.conn.total_changes
            try:
                if self._depth:
                    self.conn.execute(sql, params)
                else:
                    self.conn.execute("PRAGMA busy_timeout = 0")
                    try:
                        self.conn.execute(sql, params)
                    finally:
                        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            except sqlite3.Error:
                return False
            finally:
                self._kept_writes += self.conn.total_changes - before
            return True

    def record_change(
        self, entity: str, entity_id: int | None, action: str, summary: str, who: str | None = None
    ) -> None:
        """Append one ChangeEvent; call inside the transaction of the change itself."""
        self.conn.execute(
            "INSERT INTO change_events (at, who, entity, entity_id, action, summary)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                self.now_iso(),
                who if who is not None else self.actor,
                entity,
                entity_id,
                action,
                summary[:500],
            ),
        )

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        with self._lock:
            return self.conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: tuple | dict = ()) -> object:
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    def count(self, sql: str, params: tuple | dict = ()) -> int:
        """The whole number a `SELECT count(*) ...` (or a PRAGMA) answers; 0 for no row."""
        value = self.scalar(sql, params)
        return value if isinstance(value, int) else 0
