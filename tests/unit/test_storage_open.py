"""Opening, creating and migrating the database; refusing what is not ours."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from aiops_tui.storage import migrations
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.opening import open_database
from aiops_tui.storage.store import Store


def test_new_database_has_schema_defaults_and_private_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    store = Store.open(path)
    try:
        assert store.db.scalar("PRAGMA user_version") == migrations.SCHEMA_VERSION
        assert store.db.scalar("PRAGMA journal_mode") == "wal"
        assert store.db.scalar("PRAGMA foreign_keys") == 1
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        classes = {c.name.value: c.policy.value for c in store.data_classes.all_rows()}
        assert len(classes) == 6
        assert classes["credentials"] == "forbidden"
        rituals = store.rituals.all_rows()
        assert len(rituals) == 5
        assert all(len(r.ritual.checklist) >= 3 for r in rituals)
        assert {r.ritual.interval.value for r in rituals} == {
            "weekly",
            "biweekly",
            "monthly",
            "quarterly",
        }
    finally:
        store.close()


def test_reopening_does_not_duplicate_defaults(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Store.open(path).close()
    store = Store.open(path)
    try:
        assert len(store.rituals.all_rows()) == 5
        assert len(store.data_classes.all_rows()) == 6
    finally:
        store.close()


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE x (y)")
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer aiops"):
        Store.open(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("future.db.bak-*"))


def test_older_schema_is_copied_beside_before_migrating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    Store.open(path).close()
    current = migrations.SCHEMA_VERSION

    def step_next(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE people ADD COLUMN nickname TEXT")

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, step_next])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 1)
    store = Store.open(path)
    try:
        assert store.db.scalar("PRAGMA user_version") == current + 1
        backup = tmp_path / f"old.db.bak-{current}"
        assert backup.exists()
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        old = sqlite3.connect(backup)
        assert old.execute("PRAGMA user_version").fetchone()[0] == current
        old.close()
    finally:
        store.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, this is a text file\n" * 10, "not an aiops database"),
        (b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 200, "not"),
    ],
)
def test_non_databases_are_refused_untouched(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        Store.open(path)
    assert path.read_bytes() == content


def test_truncated_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    store = Store.open(path)
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    cut = path.read_bytes()
    with pytest.raises(StoreError, match="damaged|truncated"):
        Store.open(path)
    assert path.read_bytes() == cut


def test_other_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        Store.open(path)
    assert path.read_bytes() == before


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nope" / "a.db")
    assert not (tmp_path / "nope").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_is_refused(tmp_path: Path) -> None:  # pragma: no cover - non-root
    path = tmp_path / "ro.db"
    Store.open(path).close()
    path.chmod(0o400)
    with pytest.raises(StoreError, match="read-only"):
        Store.open(path)


def test_read_only_file_is_refused_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ro.db"
    Store.open(path).close()
    before = path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    with pytest.raises(StoreError, match="read-only"):
        Store.open(path)
    assert path.read_bytes() == before


def test_locked_database_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.db"
    store = Store.open(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        import aiops_tui.storage.db as dbmod

        monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 100)
        store.db.conn.execute("PRAGMA busy_timeout = 100")
        from aiops_tui.domain.models import Person

        with pytest.raises(StoreError, match="locked"):
            store.people.add(Person(name="Zoe"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.people.by_name("Zoe") is None
    store.close()


def test_transaction_rolls_back_entity_and_change_together(store: Store) -> None:
    before = store.changes.count()
    with pytest.raises(RuntimeError), store.db.transaction():
        store.db.conn.execute("INSERT INTO people (name) VALUES ('Ghost')")
        store.db.record_change("person", None, "create", "ghost")
        raise RuntimeError("boom")
    assert store.people.by_name("Ghost") is None
    assert store.changes.count() == before


def test_database_class_is_usable_directly(tmp_path: Path) -> None:
    db = open_database(tmp_path / "d.db", seed_defaults=False)
    try:
        assert db.scalar("SELECT count(*) FROM rituals") == 0
    finally:
        db.close()
