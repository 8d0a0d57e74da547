"""sqlite-utils over an aiops connection: table names, columns, batched inserts.

Used where it serves: the JSON dump and restore (dump.py), batched inserts
(bulk.py, bench/generate.py) and a migration step that reshapes a table
(migrations.transform_step). SQL that the screens read stays hand-written SQL,
where an index depends on how a condition is worded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from itertools import chain

import sqlite_utils

BATCH_SIZE = 500
"""Rows per INSERT statement in batched inserts (sqlite-utils caps it by column count)."""


def utils_db(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """A sqlite-utils view of `conn` that changes nothing about it.

    sqlite-utils turns recursive triggers on by default, which would change how
    the triggers keeping metric_series and review_status_counts fire; and its
    plugins have no business in an aiops file.
    """
    return sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)


def table_names(conn: sqlite3.Connection) -> list[str]:
    """The tables, by name, without SQLite's own (sqlite_sequence, sqlite_stat1...)."""
    return sorted(name for name in utils_db(conn).table_names() if not name.startswith("sqlite_"))


def stored_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """Stored columns only: generated ones (workflows.priority) are not listed."""
    return [column.name for column in utils_db(conn).table(table).columns]


def insert_rows(
    conn: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
) -> None:
    """Insert `rows` (values in `columns` order) in batches, inside the caller's
    transaction (sqlite-utils uses a savepoint when one is open)."""
    header: list[Sequence[object]] = [list(columns)]
    utils_db(conn).table(table).insert_all(chain(header, rows), batch_size=BATCH_SIZE)
