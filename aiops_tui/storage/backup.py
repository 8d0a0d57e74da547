"""Backup and restore of the one SQLite file.

`backup_database` uses SQLite's online backup API, so a consistent copy is
taken even while the app has the database open (WAL pages included). The
copy is written beside its destination and renamed into place, and it is a
plain single file (rollback journal), ready to archive.

`restore_database` checks the backup first (SQLite header, integrity check,
schema version no newer than this aiops knows, the aiops tables present),
refuses to replace an existing database unless forced, keeps a copy of the
database it replaces as `<db>.replaced-<timestamp>`, and again never leaves
a half-written file: the restore goes to a temporary file beside the target
and is renamed over it.

A FILE ending in `.json` is a JSON dump instead (every table's rows, read in
one transaction, keys sorted): readable, diffable, independent of SQLite's
file format. `restore` accepts it too, rebuilding the schema of its version.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from aiops_tui.storage.db import BUSY_TIMEOUT_MS, SQLITE_HEADER, StoreError, describe_sqlite_error
from aiops_tui.storage.dump import REQUIRED_TABLES
from aiops_tui.storage.files import create_private, remove, sweep_leftovers, temp_beside
from aiops_tui.storage.json_backup import json_into, read_json_backup, write_json_dump
from aiops_tui.storage.migrations import SCHEMA_VERSION
from aiops_tui.storage.opening import check_file, quick_check
from aiops_tui.storage.writer import ExportError, check_target


def _sidecars(path: Path) -> tuple[Path, Path, Path]:
    return (
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        path.with_name(path.name + "-journal"),
    )


def _copy_with_backup_api(source: sqlite3.Connection, dest: Path) -> None:
    """A consistent copy of `source` into the new private file `dest`, as a single file."""
    create_private(dest)
    target = sqlite3.connect(dest)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
        result = target.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise ExportError(f"the copy failed its check ({result})")
    finally:
        target.close()


def _read_only_uri(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def _has_header(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def is_json(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def _open_source(source: Path) -> sqlite3.Connection:
    """A connection holding a read transaction on an aiops database that is whole.

    The read transaction is taken under the usual busy timeout: SQLite's backup
    API alone retries a locked source forever, in silence.
    """
    check_file(source, write=False)
    conn = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("BEGIN")
        tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{source} was written by a newer aiops (schema {version}, this one knows"
                f" {SCHEMA_VERSION}); upgrade aiops to back it up"
            )
        if not REQUIRED_TABLES.issubset(tables):
            raise StoreError(f"{source} is a SQLite database of another program, not aiops")
        quick_check(conn, source)
    except sqlite3.Error as error:
        conn.close()
        raise StoreError(describe_sqlite_error(source, error)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def backup_database(source: Path, dest: Path) -> Path:
    """Copy the database at `source` to `dest` with SQLite's online backup (or as JSON)."""
    conn = _open_source(source)
    try:
        dest = check_target(dest, forbid=source)
        sweep_leftovers(dest.parent)
        tmp = temp_beside(dest)
        try:
            if is_json(dest):
                write_json_dump(conn, tmp)
            else:
                _copy_with_backup_api(conn, tmp)
            os.replace(tmp, dest)
        except sqlite3.Error as error:
            remove(tmp, *_sidecars(tmp))
            raise ExportError(f"cannot back up {source}: {error}") from None
        except (OSError, ExportError) as error:
            remove(tmp, *_sidecars(tmp))
            detail = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise ExportError(f"cannot write {dest}: {detail}") from None
    finally:
        conn.close()
    return dest.resolve()


def validate_backup(path: Path) -> int:
    """The schema version of a usable aiops backup; ExportError says what is wrong."""
    if not path.exists():
        raise ExportError(f"no file at {path}")
    if path.is_dir():
        raise ExportError(f"{path} is a folder, not a backup file")
    if not _has_header(path):
        raise ExportError(f"{path} is not a SQLite database, so not an aiops backup")
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise ExportError(f"{path} cannot be read as a database ({error})") from None
    if check != "ok":
        raise ExportError(f"{path} is damaged: integrity check says {check}")
    if version > SCHEMA_VERSION:
        raise ExportError(
            f"{path} was written by a newer aiops (schema {version}, this one knows"
            f" {SCHEMA_VERSION}); upgrade aiops first"
        )
    if version < 1 or not REQUIRED_TABLES.issubset(tables):
        raise ExportError(f"{path} is a SQLite database of another program, not an aiops backup")
    return int(version)


def replaced_name(target: Path, now: datetime | None = None) -> Path:
    """`aiops.db.replaced-20261123-090000`, numbered if that exists already."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = target.with_name(f"{target.name}.replaced-{stamp}")
    n = 2
    while candidate.exists():
        candidate = target.with_name(f"{target.name}.replaced-{stamp}-{n}")
        n += 1
    return candidate


def _raw_copy(source: Path, dest: Path) -> None:
    create_private(dest)
    with source.open("rb") as src, dest.open("wb") as out:
        shutil.copyfileobj(src, out)


def _keep_copy(target: Path) -> Path:
    """Copy the database about to be replaced; refuse if another program has it open.

    The copy is made under a temporary name and renamed, so a killed restore
    never leaves a partial `.replaced-*` that looks like a good copy.
    """
    keep = replaced_name(target)
    tmp = temp_beside(keep)
    try:
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            _copy_with_backup_api(conn, tmp)
        finally:
            conn.close()
    except (sqlite3.Error, ExportError):
        # A damaged database is often why one restores: keep its raw bytes instead.
        remove(tmp, *_sidecars(tmp))
        _raw_copy(target, tmp)
        wal = _sidecars(target)[0]
        if wal.exists():
            _raw_copy(wal, keep.with_name(keep.name + "-wal"))
    if _sidecars(target)[0].exists():
        # Our connection was the last one only if SQLite removed the WAL on close.
        remove(tmp, keep.with_name(keep.name + "-wal"))
        raise ExportError(f"{target} is in use (is aiops open?); close it and try again")
    os.replace(tmp, keep)
    return keep


def restore_database(backup: Path, target: Path, force: bool = False) -> Path | None:
    """Replace `target` with `backup`; returns where the replaced database was kept."""
    data = read_json_backup(backup) if is_json(backup) else None
    if data is None:
        validate_backup(backup)
    target = target.expanduser()
    exists = target.exists()
    if exists and not force:
        raise ExportError(
            f"{target} already exists; add --force to replace it (a copy of it is kept)"
        )
    check_target(target)
    if exists and os.path.samefile(backup, target):
        raise ExportError(f"{backup} is the database itself; nothing to restore")
    sweep_leftovers(target.parent)
    tmp = temp_beside(target)
    try:
        if data is not None:
            json_into(data, tmp)
        else:
            conn = sqlite3.connect(_read_only_uri(backup), uri=True)
            try:
                _copy_with_backup_api(conn, tmp)
            finally:
                conn.close()
        kept = _keep_copy(target) if exists else None
        os.replace(tmp, target)
        remove(*_sidecars(target)[:2])
    except sqlite3.Error as error:
        remove(tmp, *_sidecars(tmp))
        raise ExportError(f"cannot restore {backup}: {error}") from None
    except OSError as error:
        remove(tmp, *_sidecars(tmp))
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    except ExportError:
        remove(tmp, *_sidecars(tmp))
        raise
    return kept
