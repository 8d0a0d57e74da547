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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from aiops_tui.clock import Clock, system_clock

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 2000


class StoreError(Exception):
    """A problem with the database file, worded for the person at the keyboard."""


def no_database(path: Path) -> StoreError:
    """The one wording for "there is nothing here yet", whichever command met it."""
    return StoreError(f"no database at {path}: run aiops init")


def damaged(path: Path, what: str) -> StoreError:
    return StoreError(f"{path} is damaged ({what}): nothing was written; run aiops doctor")


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


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file whose pages do not hold together, before anything writes to it.

    A damaged file can also fail as undecodable text (a table name that is not
    UTF-8) or as any SQLite error; all of them end as one `StoreError`.
    """
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
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
        raise damaged(path, f"quick_check: {first}{more}")


def check_file(path: Path, write: bool = True) -> None:
    """Every check `Database.open` makes before connecting, for callers that check first."""
    if not path.exists():
        raise no_database(path)
    _check_existing_file(path, write)


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
    if "not a database" in text or "malformed" in text:
        return f"{path} is not a readable aiops database ({text})"
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
        self._depth = 0
        self._lock = threading.RLock()
        self._kept_writes = 0

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        clock: Clock = system_clock,
        actor: str = "",
        seed_defaults: bool = True,
        create: bool = True,
        check: bool = True,
    ) -> Database:
        """Open (or, with `create`, make) the database at `path`.

        `check` runs `PRAGMA quick_check` before anything can write; the app turns it
        off only after running the same check itself (see `cli.main.run_app`).
        """
        from aiops_tui.storage.migrations import migrate

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
        db = cls(conn, path, clock, actor)
        try:
            if check and not created:
                quick_check(conn, path)
            migrate(db, existed=not created)
            if seed_defaults:
                from aiops_tui.storage.defaults import ensure_defaults

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
        return int(self.scalar("PRAGMA data_version") or 0), self.changes

    def keep(self, sql: str, params: tuple | dict = ()) -> bool:
        """Write something worked out from the data (a cache), if that can be done now.

        Never waits for another writer (busy timeout 0 for this one statement) and
        never fails: a locked or read-only file just means it is worked out again next
        time. Inside a transaction it joins it, and commits or rolls back with it.
        """
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
