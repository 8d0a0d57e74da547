"""Numbered schema steps on `PRAGMA user_version`.

Step N moves a database from version N-1 to N inside one transaction. Before
an existing file is migrated, a copy is written beside it
(`aiops.db.bak-<old version>`), so a failed or unwanted upgrade costs nothing.
A new file runs every step in order, so it ends with exactly the schema an
upgraded one has.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from aiops_tui.storage.db import Database, StoreError, describe_sqlite_error
from aiops_tui.storage.files import create_private
from aiops_tui.storage.schema import (
    SCHEMA_V1,
    SCHEMA_V2,
    SCHEMA_V3,
    SCHEMA_V4,
    SCHEMA_V5,
    SCHEMA_V6,
)


def _step(statements: list[str]) -> Callable[[sqlite3.Connection], None]:
    def run(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return run


STEPS: list[Callable[[sqlite3.Connection], None]] = [
    _step(SCHEMA_V1),  # the tables of DESIGN.md
    _step(SCHEMA_V2),  # metric_series and indexes for the health reads
    _step(SCHEMA_V3),  # kept_figures and the triggers that delete them on any write of data
    _step(SCHEMA_V4),  # indexes and review_status_counts for Team's and Review's first visits
    _step(SCHEMA_V5),  # the success metric is its own series; extra series by name
    _step(SCHEMA_V6),  # review_items.revises_id: a revision linked to the item it answers
]
SCHEMA_VERSION = len(STEPS)


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.bak-{version}")


def _copy_beside(db: Database, version: int) -> None:
    target = create_private(backup_path(db.path, version))
    dest = sqlite3.connect(target)
    try:
        db.conn.backup(dest)
    finally:
        dest.close()


def migrate(db: Database, existed: bool) -> None:
    conn = db.conn
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as error:
        raise StoreError(describe_sqlite_error(db.path, error)) from None
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{db.path} was written by a newer aiops (schema {version}, this app knows"
            f" {SCHEMA_VERSION}); upgrade aiops to open it"
        )
    if version == 0 and existed:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables:
            raise StoreError(f"{db.path} is a SQLite database of another program, not aiops")
    if version < SCHEMA_VERSION and existed and version > 0:
        _copy_beside(db, version)
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except sqlite3.Error as error:
        raise StoreError(describe_sqlite_error(db.path, error)) from None
    if str(mode).lower() != "wal":
        raise StoreError(describe_sqlite_error(db.path, sqlite3.OperationalError("locked")))
    conn.execute("PRAGMA synchronous = NORMAL")
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with db.transaction():
            STEPS[number - 1](conn)
            conn.execute(f"PRAGMA user_version = {number}")
