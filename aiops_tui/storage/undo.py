"""Recording undoable writes, and undoing the session's last one (`ctrl+z`).

A repository writes through `undoable(db, watches...)` instead of a bare
transaction: the watched rows are read before and after the write, and what
differs becomes the entry on `db.undo` (domain/undo.py), once the transaction
has committed. The change-log line(s) the write appended name it. Writes done
inside somebody else's transaction (the sample company, an import) record
nothing: they are not this session's one change.

`undo_last` puts the newest entry's rows back as they were, in one transaction,
with a change-log line of kind `undo`, only if every row still holds what the
change wrote.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from aiops_tui.domain.undo import Key, Row, RowChange, UndoEntry, row_changes
from aiops_tui.storage.db import Database, StoreError

Kind = tuple[str, int | None, str, str]
"""(entity, entity_id, action, summary): a change-log line, or what stands for one."""


@dataclass(frozen=True)
class Watch:
    """Rows of one table whose values a write may change: those matching `where`
    (column = value, all of them), or with `added` the rows the write inserts."""

    table: str
    where: tuple[tuple[str, object], ...] = ()
    added: bool = False


def rows_where(table: str, **where: object) -> Watch:
    return Watch(table, tuple(where.items()))


def rows_added(table: str) -> Watch:
    return Watch(table, added=True)


def _layout(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[str]]:
    """The stored columns (generated ones cannot be written back) and the primary key."""
    info = conn.execute(f"PRAGMA table_xinfo({table})").fetchall()
    columns = [r["name"] for r in info if r["hidden"] == 0]
    key = [r["name"] for r in sorted(info, key=lambda r: r["pk"]) if r["pk"] > 0]
    return columns, key


def _read(conn: sqlite3.Connection, table: str, where: str, params: tuple) -> dict[Key, Row]:
    columns, key = _layout(conn, table)
    found = conn.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE {where}", params)
    return {tuple((k, r[k]) for k in key): {c: r[c] for c in columns} for r in found}


@dataclass(frozen=True)
class _Before:
    rows: dict[Key, Row]
    last_rowid: int


def _before(conn: sqlite3.Connection, watch: Watch) -> _Before:
    if watch.added:
        last = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {watch.table}").fetchone()[0]
        return _Before({}, int(last))
    return _Before(_select(conn, watch), 0)


def _select(conn: sqlite3.Connection, watch: Watch) -> dict[Key, Row]:
    where = " AND ".join(f"{col} = ?" for col, _ in watch.where) or "1"
    return _read(conn, watch.table, where, tuple(v for _, v in watch.where))


def _after(conn: sqlite3.Connection, watch: Watch, before: _Before) -> dict[Key, Row]:
    if watch.added:
        return _read(conn, watch.table, "rowid > ?", (before.last_rowid,))
    return _select(conn, watch)


def _last_event(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM change_events").fetchone()[0])


def _events_since(conn: sqlite3.Connection, event_id: int) -> list[Kind]:
    found = conn.execute(
        "SELECT entity, entity_id, action, summary FROM change_events WHERE id > ? ORDER BY id",
        (event_id,),
    )
    return [(r[0], r[1], r[2], r[3]) for r in found]


@contextmanager
def undoable(
    db: Database, *watches: Watch, kind: Kind | None = None
) -> Iterator[sqlite3.Connection]:
    """A transaction whose changes to the watched rows this session can undo.

    `kind` names a write that appends no change-log line (a checklist tick). Nested
    blocks (see `one_change`) make one entry, pushed when the outermost commits.
    """
    stack = db.undo
    if stack.depth == 0 and db.conn.in_transaction:
        with db.transaction() as conn:  # somebody else's transaction: not ours to undo
            yield conn
        return
    outermost = stack.depth == 0
    try:
        with db.transaction() as conn:
            start = _last_event(conn) if outermost else 0
            stack.depth += 1
            try:
                before = [_before(conn, watch) for watch in watches]
                yield conn
                for watch, old in zip(watches, before, strict=True):
                    stack.pending.extend(
                        row_changes(watch.table, old.rows, _after(conn, watch, old))
                    )
                if kind is not None:
                    stack.kinds.append(kind)
                if outermost:
                    stack.kinds[:0] = _events_since(conn, start)
            finally:
                stack.depth -= 1
    except BaseException:
        if outermost:
            stack.close_group()  # nothing was written: nothing to undo
        raise
    if outermost:
        entry = stack.close_group()
        if entry is not None:
            stack.push(entry)


@contextmanager
def one_change(db: Database) -> Iterator[None]:
    """Several writes undone together (a workflow saved, then its tools linked)."""
    with undoable(db):
        yield


def _current(conn: sqlite3.Connection, change: RowChange) -> Row | None:
    where = " AND ".join(f"{col} = ?" for col, _ in change.key)
    found = _read(conn, change.table, where, tuple(v for _, v in change.key))
    return next(iter(found.values()), None)


def _restore(conn: sqlite3.Connection, change: RowChange) -> None:
    where = " AND ".join(f"{col} = ?" for col, _ in change.key)
    key_values = tuple(v for _, v in change.key)
    if change.before is None:
        conn.execute(f"DELETE FROM {change.table} WHERE {where}", key_values)
    elif change.after is None:
        cols = list(change.before)
        marks = ", ".join("?" for _ in cols)
        conn.execute(
            f"INSERT INTO {change.table} ({', '.join(cols)}) VALUES ({marks})",
            tuple(change.before[c] for c in cols),
        )
    else:
        sets = ", ".join(f"{col} = ?" for col in change.before)
        conn.execute(
            f"UPDATE {change.table} SET {sets} WHERE {where}",
            (*change.before.values(), *key_values),
        )


def undo_last(db: Database) -> UndoEntry | None:
    """Undo the session's newest change; None when there is none.

    Refused (StoreError, and the entry is dropped) when a row it wrote has changed
    since: undoing then would throw away somebody else's change. A lock only
    postpones it: the entry goes back on the stack.
    """
    entry = db.undo.pop()
    if entry is None:
        return None
    try:
        with db.transaction() as conn:
            if all(c.holds_after(_current(conn, c)) for c in entry.changes):
                for change in reversed(entry.changes):
                    _restore(conn, change)
                db.record_change(
                    entry.entity, entry.entity_id, "undo", f"undid {entry.description}"
                )
                return entry
    except sqlite3.IntegrityError:
        pass  # a row it removed is needed again, or one it restores clashes: changed since
    except (StoreError, sqlite3.Error):
        db.undo.push(entry)
        raise
    raise StoreError(
        f"Cannot undo “{entry.description}”: it was changed since (in another window or"
        " program), so undoing would lose that change. Nothing was undone."
    )
