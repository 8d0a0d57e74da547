"""What `aiops doctor` finds: is the file whole, which schema, how many rows, which backups.

Read only: the file is opened, read and closed, never written, so a doctor run
on a damaged file leaves it byte-identical for whoever tries to rescue it. The
checks are SQLite's own: `PRAGMA integrity_check` (every page, index and
constraint) and `PRAGMA foreign_key_check`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from aiops_tui.storage.db import StoreError, connect
from aiops_tui.storage.dump import DERIVED_TABLES, REQUIRED_TABLES
from aiops_tui.storage.files import leftovers
from aiops_tui.storage.migrations import SCHEMA_VERSION
from aiops_tui.storage.opening import check_file

PROBLEMS_SHOWN = 5
BACKUPS_SHOWN = 5
_NOT_BACKUPS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Backup:
    path: Path
    modified: datetime
    size: int


@dataclass
class Diagnosis:
    """Everything doctor found; `problems` empty means healthy."""

    path: Path
    problems: list[str] = field(default_factory=list)
    schema_version: int | None = None
    integrity: str = "not checked"
    foreign_keys: str = "not checked"
    counts: dict[str, int] = field(default_factory=dict)
    backups: list[Backup] = field(default_factory=list)
    leftovers: list[Path] = field(default_factory=list)
    """Temporary copies a killed backup or restore left beside it (0600; the next one
    removes them). Named, not a problem of the database itself."""

    @property
    def healthy(self) -> bool:
        return not self.problems


def backups_beside(path: Path) -> list[Backup]:
    """Files next to the database that look like its copies, newest first.

    `aiops.db.bak-3` (before a migration), `aiops.db.replaced-…` (kept by a
    restore) and any other file named after the database (`aiops-monday.db`,
    `aiops.json`); never the database itself, its journal or a temporary file.
    """
    stem = path.name.split(".")[0]
    starts = tuple(stem + mark for mark in ".-_ ")
    found: list[Backup] = []
    try:
        siblings = list(path.parent.iterdir())
    except OSError:
        return []
    for other in siblings:
        name = other.name
        if name == path.name or name.startswith(".") or not name.startswith(starts):
            continue
        if name.endswith(_NOT_BACKUPS) or ".tmp-" in name:
            continue
        try:
            info = other.stat()
        except OSError:
            continue
        if not other.is_file() or info.st_size == 0:
            continue
        found.append(Backup(other, datetime.fromtimestamp(info.st_mtime), info.st_size))
    found.sort(key=lambda b: b.modified, reverse=True)
    return found[:BACKUPS_SHOWN]


def _first(rows: list[sqlite3.Row | tuple], limit: int = PROBLEMS_SHOWN) -> str:
    shown = "; ".join(str(r[0]) for r in rows[:limit])
    more = f" (and {len(rows) - limit} more)" if len(rows) > limit else ""
    return shown + more


def _read(conn: sqlite3.Connection, found: Diagnosis) -> None:
    found.schema_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    found.integrity = "ok" if [str(r[0]) for r in rows] == ["ok"] else _first(rows)
    if found.integrity != "ok":
        found.problems.append(f"integrity check: {found.integrity}")
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({str(r[0]) for r in broken})
        found.foreign_keys = f"{len(broken)} row(s) point at missing rows ({', '.join(tables)})"
        found.problems.append(f"foreign keys: {found.foreign_keys}")
    else:
        found.foreign_keys = "ok"
    tables = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    if found.schema_version > SCHEMA_VERSION:
        found.problems.append(
            f"schema {found.schema_version} is newer than this aiops knows ({SCHEMA_VERSION})"
        )
    elif not REQUIRED_TABLES.issubset(tables):
        found.problems.append("this is a SQLite database of another program, not aiops")
    for table in tables:
        if table in DERIVED_TABLES:
            continue
        try:
            found.counts[table] = int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        except sqlite3.Error as error:
            found.problems.append(f"table {table} cannot be read: {error}")


def diagnose(path: Path) -> Diagnosis:
    """Check the file at `path`; a missing file or a folder is a `StoreError` (no diagnosis)."""
    if not path.exists():
        check_file(path)  # raises: no database at PATH
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    found = Diagnosis(path, backups=backups_beside(path), leftovers=leftovers(path.parent))
    try:
        check_file(path, write=False)
    except StoreError as error:
        found.problems.append(str(error).removeprefix(f"{path} "))
        return found
    try:
        conn = connect(path)
    except sqlite3.Error as error:
        found.problems.append(f"cannot be opened: {error}")
        return found
    try:
        _read(conn, found)
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise StoreError(
                f"{path} is locked by another program; try again in a moment"
            ) from None
        found.problems.append(f"cannot be read: {error}")
    except (sqlite3.Error, UnicodeDecodeError) as error:
        found.problems.append(f"cannot be read: {error}")
    finally:
        conn.close()
    return found
