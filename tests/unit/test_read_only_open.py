"""Read-only commands skip the whole-file scan only where it is safe to.

The scan (`PRAGMA integrity_check` / `quick_check`) is most of the wait of
`aiops check` on a file of hundreds of MB. Skipped only when the command writes
nothing, the file is larger than a real company's, and nothing will be migrated
or seeded; then not even the figures cache is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aiops_tui.storage import opening
from aiops_tui.storage.store import Store


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    real = opening.quick_check

    def counting(conn, path: Path) -> None:  # type: ignore[no-untyped-def]
        seen.append(path)
        real(conn, path)

    monkeypatch.setattr(opening, "quick_check", counting)
    return seen


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    Store.open(path).close()
    return path


def test_small_files_are_always_scanned(db_file: Path, scans: list[Path]) -> None:
    Store.open(db_file, create=False, reads_only=True).close()
    assert scans == [db_file]


def test_a_large_current_file_read_only_is_not_scanned_and_keeps_nothing(
    db_file: Path, scans: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opening, "FULL_CHECK_MAX_BYTES", 0)
    store = Store.open(db_file, create=False, reads_only=True)
    try:
        assert scans == []
        store.health.health()
        kept = store.db.scalar("SELECT count(*) FROM kept_figures")
    finally:
        store.close()
    assert kept == 0


def test_a_large_file_is_scanned_before_any_write(
    db_file: Path, scans: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opening, "FULL_CHECK_MAX_BYTES", 0)
    Store.open(db_file, create=False).close()
    assert scans == [db_file]


def test_a_large_file_that_opening_would_seed_is_scanned_even_read_only(
    db_file: Path, scans: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    conn = sqlite3.connect(db_file)
    conn.execute("DELETE FROM app_state WHERE key = 'seeded'")  # opening will seed it
    conn.commit()
    conn.close()
    monkeypatch.setattr(opening, "FULL_CHECK_MAX_BYTES", 0)
    Store.open(db_file, create=False, reads_only=True).close()
    assert scans == [db_file]
