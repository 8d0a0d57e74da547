"""`aiops export`, `aiops backup` and `aiops restore` as a shell sees them."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from mdstructure import parse

from aiops_tui.cli import main
from aiops_tui.storage import migrations
from aiops_tui.storage.backup import replaced_name
from aiops_tui.storage.store import Store

GOLDEN = Path(__file__).parents[1] / "golden" / "playbook_sample.md"


def _rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        conn.close()


def test_export_to_file_matches_the_golden_bytes(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "playbook.md"
    db = str(sample_store.db.path)
    assert main(["export", "--db", db, "--date", "2026-11-23", "--out", str(out)]) == 0
    assert out.read_bytes() == GOLDEN.read_bytes()
    assert str(out.resolve()) in capsys.readouterr().err
    assert main(["export", "--db", db, "--date", "2026-11-23"]) == 0
    assert capsys.readouterr().out.encode() == GOLDEN.read_bytes()


def test_export_one_workflow_writes_its_sop(
    sample_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(sample_store.db.path)
    args = [
        "export",
        "--db",
        db,
        "--date",
        "2026-11-23",
        "--workflow",
        "SOP creation and process QA",
    ]
    assert main(args) == 0
    structure = parse(capsys.readouterr().out)
    assert structure.headings[0] == (1, "SOP: SOP creation and process QA")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "23/11/2026"], "--date must be a date like 2026-11-23"),
        (["--date", "2026-02-30"], "--date must be a date like 2026-11-23"),
        (["--workflow", "No such thing"], "no workflow named 'No such thing'"),
        (["--out", "/no/such/folder/x.md"], "folder /no/such/folder does not exist"),
        (["--out", "."], "is a folder"),
        (["--out", "aiops.db"], "is the database itself"),
        (["--out", "aiops.db/x.md"], "aiops.db is a file, not a folder"),
    ],
)
def test_export_mistakes_are_one_line_and_exit_2(
    sample_store: Store, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["export", "--db", str(sample_store.db.path), *extra]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and message in captured.err


def test_export_refuses_a_missing_database_without_creating_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--db", str(tmp_path / "none.db")]) == 2
    assert "no database at" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_export_to_a_read_only_folder(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code = main(["export", "--db", str(sample_store.db.path), "--out", str(locked / "p.md")])
    finally:
        locked.chmod(0o700)
    assert code == 2
    assert "permission denied" in capsys.readouterr().err
    assert list(locked.iterdir()) == []


def test_backup_then_restore_round_trip(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = sample_store.db.path
    backup = tmp_path / "backups" / "b.db"
    backup.parent.mkdir()
    # the app is open on the database while the backup runs (online backup)
    assert main(["backup", "--db", str(source), str(backup)]) == 0
    assert backup.stat().st_mode & 0o777 == 0o600
    before = _rows(source)
    assert _rows(backup) == before
    sample_store.close()
    fresh = tmp_path / "restored.db"
    assert main(["restore", "--db", str(fresh), str(backup)]) == 0
    assert _rows(fresh) == before
    reopened = Store.open(fresh)
    try:
        assert reopened.workflows.count() == 8
    finally:
        reopened.close()
    capsys.readouterr()


def test_restore_refuses_to_replace_without_force_and_keeps_a_copy(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = sample_store.db.path
    backup = tmp_path / "b.db"
    assert main(["backup", "--db", str(target), str(backup)]) == 0
    sample_store.workflows.set_status(
        sample_store.workflows.by_name("SOP creation and process QA").id or 0, "pilot"
    )
    changed = _rows(target)
    sample_store.close()
    capsys.readouterr()
    assert main(["restore", "--db", str(target), str(backup)]) == 2
    assert "already exists; add --force" in capsys.readouterr().err
    assert _rows(target) == changed
    assert main(["restore", "--db", str(target), str(backup), "--force"]) == 0
    out = capsys.readouterr().out
    kept = [p for p in target.parent.iterdir() if ".replaced-" in p.name]
    assert len(kept) == 1 and str(kept[0]) in out
    assert _rows(kept[0]) == changed
    assert _rows(target) == _rows(backup)
    assert not target.with_name(target.name + "-wal").exists()


def test_restore_refuses_a_database_in_use(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b.db"
    assert main(["backup", "--db", str(sample_store.db.path), str(backup)]) == 0
    before = _rows(sample_store.db.path)
    assert main(["restore", "--db", str(sample_store.db.path), str(backup), "--force"]) == 2
    assert "is in use" in capsys.readouterr().err
    assert _rows(sample_store.db.path) == before
    assert not [p for p in tmp_path.iterdir() if ".replaced-" in p.name or ".tmp-" in p.name]


def _newer(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("not a database " * 20) and p, "is not a SQLite database"),
        (lambda p: p, "no file at"),
        (
            lambda p: (sqlite3.connect(p).execute("CREATE TABLE t (x)"), p)[1],
            "of another program",
        ),
    ],
)
def test_restore_refuses_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make, message: str
) -> None:
    bad = make(tmp_path / "bad.db")
    target = tmp_path / "target.db"
    assert main(["restore", "--db", str(target), str(bad)]) == 2
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_restore_refuses_a_newer_schema(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b.db"
    assert main(["backup", "--db", str(sample_store.db.path), str(backup)]) == 0
    _newer(backup)
    assert main(["restore", "--db", str(tmp_path / "t.db"), str(backup)]) == 2
    assert "written by a newer aiops" in capsys.readouterr().err


def test_restore_refuses_a_damaged_file(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b.db"
    assert main(["backup", "--db", str(sample_store.db.path), str(backup)]) == 0
    data = bytearray(backup.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page * 2, page * 6):  # scribble over b-tree pages
        data[offset] = 0x55
    backup.write_bytes(bytes(data))
    assert main(["restore", "--db", str(tmp_path / "t.db"), str(backup)]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err or "cannot be read" in err
    assert not (tmp_path / "t.db").exists()


def test_backup_refuses_to_overwrite_the_database(
    sample_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(sample_store.db.path)
    assert main(["backup", "--db", db, db]) == 2
    assert "is the database itself" in capsys.readouterr().err


def test_replaced_names_are_numbered(tmp_path: Path) -> None:
    from datetime import datetime

    target = tmp_path / "aiops.db"
    moment = datetime(2026, 11, 23, 9, 0, 0)
    first = replaced_name(target, moment)
    assert first.name == "aiops.db.replaced-20261123-090000"
    first.write_text("x")
    assert replaced_name(target, moment).name == "aiops.db.replaced-20261123-090000-2"


def test_json_backup_round_trip_is_equal_and_stable(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    db = str(sample_store.db.path)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["backup", "--db", db, str(first)]) == 0
    assert main(["backup", "--db", db, str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["format"] == "aiops-backup"
    assert data["schema_version"] == migrations.SCHEMA_VERSION
    assert "priority" not in data["tables"]["workflows"]["columns"]  # generated, not stored
    assert "metric_series" not in data["tables"]  # derived: the triggers refill it
    restored = tmp_path / "restored.db"
    assert main(["restore", "--db", str(restored), str(first)]) == 0
    assert _rows(restored) == _rows(sample_store.db.path)
    reopened = Store.open(restored)
    try:
        wf = reopened.workflows.by_name("Customer support drafting and triage")
        assert wf is not None and wf.priority == 6000
    finally:
        reopened.close()
    capsys.readouterr()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not a JSON backup of aiops"),
        ('{"format": "other"}', "is not a JSON backup of aiops"),
        ('{"format": "aiops-backup", "schema_version": 99, "tables": {}}', "newer aiops"),
        ('{"format": "aiops-backup", "schema_version": 1, "tables": {}}', "missing the aiops"),
    ],
)
def test_json_restore_refuses_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    target = tmp_path / "t.db"
    assert main(["restore", "--db", str(target), str(bad)]) == 2
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_json_restore_refuses_rows_that_do_not_fit(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    dump = tmp_path / "a.json"
    assert main(["backup", "--db", str(sample_store.db.path), str(dump)]) == 0
    data = json.loads(dump.read_text(encoding="utf-8"))
    data["tables"]["workflows"]["rows"][0][5] = 999  # owner_id of a person who does not exist
    dump.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "t.db"
    assert main(["restore", "--db", str(target), str(dump)]) == 2
    assert "does not fit the aiops schema" in capsys.readouterr().err
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
