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

import contextlib
import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from aiops_tui.storage.db import SQLITE_HEADER
from aiops_tui.storage.dump import REQUIRED_TABLES
from aiops_tui.storage.json_backup import json_into, read_json_backup, write_json_dump
from aiops_tui.storage.migrations import SCHEMA_VERSION
from aiops_tui.storage.opening import check_file
from aiops_tui.storage.writer import ExportError, check_target


def _temp_beside(path: Path) -> Path:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    return tmp


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _copy_with_backup_api(source: sqlite3.Connection, dest: Path) -> None:
    """A consistent copy of `source` into the new file `dest`, as a single file."""
    target = sqlite3.connect(dest)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
        result = target.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise ExportError(f"the copy failed its check ({result})")
    finally:
        target.close()
    dest.chmod(0o600)


def _read_only_uri(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def _has_header(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def is_json(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def backup_database(source: Path, dest: Path) -> Path:
    """Copy the database at `source` to `dest` with SQLite's online backup (or as JSON)."""
    check_file(source, write=False)
    dest = check_target(dest, forbid=source)
    tmp = _temp_beside(dest)
    try:
        conn = sqlite3.connect(source, timeout=2, isolation_level=None)
        try:
            if is_json(dest):
                write_json_dump(conn, tmp)
            else:
                _copy_with_backup_api(conn, tmp)
        finally:
            conn.close()
        os.replace(tmp, dest)
    except sqlite3.Error as error:
        _remove(tmp, *_sidecars(tmp))
        raise ExportError(f"cannot back up {source}: {error}") from None
    except (OSError, ExportError) as error:
        _remove(tmp, *_sidecars(tmp))
        detail = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise ExportError(f"cannot write {dest}: {detail}") from None
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


def _keep_copy(target: Path) -> Path:
    """Copy the database about to be replaced; refuse if another program has it open."""
    keep = replaced_name(target)
    try:
        conn = sqlite3.connect(target, timeout=2)
        try:
            _copy_with_backup_api(conn, keep)
        finally:
            conn.close()
    except (sqlite3.Error, ExportError):
        # A damaged database is often why one restores: keep its raw bytes instead.
        _remove(keep)
        shutil.copy2(target, keep)
        keep.chmod(0o600)
        wal = _sidecars(target)[0]
        if wal.exists():
            shutil.copy2(wal, keep.with_name(keep.name + "-wal"))
    if _sidecars(target)[0].exists():
        # Our connection was the last one only if SQLite removed the WAL on close.
        _remove(keep)
        raise ExportError(f"{target} is in use (is aiops open?); close it and try again")
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
    tmp = _temp_beside(target)
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
        _remove(*_sidecars(target))
    except sqlite3.Error as error:
        _remove(tmp, *_sidecars(tmp))
        raise ExportError(f"cannot restore {backup}: {error}") from None
    except OSError as error:
        _remove(tmp, *_sidecars(tmp))
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    except ExportError:
        _remove(tmp, *_sidecars(tmp))
        raise
    return kept
