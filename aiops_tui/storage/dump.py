"""Every table as plain rows, and back: the JSON backup's two halves.

A JSON backup is readable and diffable and does not depend on SQLite's file
format. `dump_tables` reads each table in primary-key order (so the same
database gives the same dump); `load_tables` writes the rows into a database
that has just been given the schema of the dump's version. sqlite-utils
(tables.py) lists the tables and columns and inserts the rows in batches.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from aiops_tui.storage.migrations import STEPS
from aiops_tui.storage.tables import insert_rows, stored_columns, table_names

FORMAT = "aiops-backup"

REQUIRED_TABLES = frozenset(
    {"people", "workflows", "prompts", "prompt_versions", "review_items", "change_events"}
)
"""Tables whose presence says "this is an aiops database"."""

DERIVED_TABLES = frozenset({"metric_series", "kept_figures", "review_status_counts"})
"""Worked out from other tables: not dumped. metric_series and review_status_counts are
refilled by triggers as the dumped rows go in; kept_figures is worked out again when next
asked for."""


def dump_tables(conn: sqlite3.Connection) -> dict[str, Any]:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables: dict[str, Any] = {}
    for table in table_names(conn):
        if table in DERIVED_TABLES:
            continue
        columns = stored_columns(conn, table)
        names = ", ".join(f'"{c}"' for c in columns)
        order = ", ".join(str(i + 1) for i in range(len(columns)))
        rows = conn.execute(f'SELECT {names} FROM "{table}" ORDER BY {order}').fetchall()
        tables[table] = {"columns": columns, "rows": [list(r) for r in rows]}
    return {"format": FORMAT, "schema_version": version, "tables": tables}


def create_schema(conn: sqlite3.Connection, version: int) -> None:
    """The schema exactly as it was at `version`; the app migrates it on open."""
    for step in STEPS[:version]:
        step(conn)
    conn.execute(f"PRAGMA user_version = {int(version)}")


def load_tables(conn: sqlite3.Connection, tables: dict[str, Any]) -> None:
    """Insert the dumped rows; ValueError names the first thing that does not fit."""
    known = set(table_names(conn))
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN")
    try:
        for table, content in sorted(tables.items()):
            if table in DERIVED_TABLES:
                continue  # the triggers fill it from the rows it is derived from
            if table not in known:
                raise ValueError(f"unknown table {table!r}")
            columns = content["columns"]
            if not set(columns) <= set(stored_columns(conn, table)):
                raise ValueError(f"unknown columns in table {table!r}")
            insert_rows(conn, table, columns, content["rows"])
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"rows in {problems[0][0]!r} point at rows that are missing")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
