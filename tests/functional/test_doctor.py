"""`aiops doctor`: the checks, the verdict, the next step, and never a byte written."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from pathlib import Path

import pytest

from aiops_tui.cli import main
from aiops_tui.storage import migrations


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "aiops.db"
    assert main(["init", "--db", str(path), "--sample"]) == 0
    return path


def test_healthy_database(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sha = _sha(db)
    capsys.readouterr()
    assert main(["doctor", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"schema:       {migrations.SCHEMA_VERSION}" in out
    assert "integrity:    ok" in out and "foreign keys: ok" in out
    assert "workflows 8" in out and "verdict:      healthy" in out
    assert _sha(db) == sha


def _damaged(db: Path) -> None:
    """64 bytes overwritten mid-file, with the first seed whose damage SQLite sees."""
    data = db.read_bytes()
    for seed in range(200):
        out = bytearray(data)
        rng = random.Random(seed)
        for _ in range(64):
            out[len(out) // 2 + rng.randrange(-4096, 4096)] = rng.randrange(256)
        db.write_bytes(bytes(out))
        conn = sqlite3.connect(db)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return
        except sqlite3.Error:
            return
        finally:
            conn.close()
    raise AssertionError("no seed damaged the file visibly")


def test_damaged_database_names_the_newest_backup_and_leftovers(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "aiops.db.bak-3"
    old.write_bytes(db.read_bytes())
    os.utime(old, (1_000_000_000, 1_000_000_000))
    newest = tmp_path / "aiops-friday.db"
    newest.write_bytes(db.read_bytes())
    leftover = tmp_path / ".aiops.db.tmp-999999999"  # no such process
    leftover.write_bytes(b"partial")
    _damaged(db)
    sha = _sha(db)
    capsys.readouterr()

    assert main(["doctor", "--db", str(db)]) == 1

    out = capsys.readouterr().out
    assert "verdict:      DAMAGED" in out
    assert f"aiops restore --force --db {db} {newest}" in out
    assert out.index("aiops-friday.db") < out.index("aiops.db.bak-3")  # newest first
    assert "leftover:     .aiops.db.tmp-999999999" in out
    assert _sha(db) == sha and leftover.exists()


def test_restoring_the_named_backup_makes_it_healthy(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "aiops-friday.db"
    assert main(["backup", "--db", str(db), str(backup)]) == 0
    _damaged(db)
    assert main(["doctor", "--db", str(db)]) == 1
    assert main(["restore", "--force", "--db", str(db), str(backup)]) == 0
    assert main(["doctor", "--db", str(db)]) == 0
    kept = list(tmp_path.glob("aiops.db.replaced-*"))
    assert kept  # the damaged one is kept, raw, for whoever wants to rescue it


def test_nothing_to_examine_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "--db", str(tmp_path / "none.db")]) == 2
    assert "no database at" in capsys.readouterr().err
    assert main(["doctor", "--db", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
