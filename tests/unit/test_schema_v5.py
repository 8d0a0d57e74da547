"""Schema 5: a schema-4 file's metric entries become series, and none is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from aiops_tui.storage import migrations
from aiops_tui.storage.dump import create_schema
from aiops_tui.storage.store import Store

NOW = "2026-11-01T09:00:00"


def _schema_4_file(path: Path) -> None:
    conn = sqlite3.connect(path)
    create_schema(conn, 4)
    conn.executemany(
        "INSERT INTO workflows (id, name, area, status, metric_name, metric_unit,"
        " metric_direction, created_at, updated_at) VALUES (?, ?, 'sales', 'live', ?, ?, ?, ?, ?)",
        [
            (1, "Invoices", "Invoices paid within 14 days", "%", "higher", NOW, NOW),
            (2, "Notes", "", "", "higher", NOW, NOW),
        ],
    )
    conn.executemany(
        "INSERT INTO metric_entries (workflow_id, date, kind, value, note) VALUES (?, ?, ?, ?, ?)",
        [
            (1, "2026-10-01", "adoption_pct", 40, "first"),
            (1, "2026-10-08", "adoption_pct", 45, ""),
            (1, "2026-10-15", "adoption_pct", 52, ""),
            (1, "2026-10-09", "cost", 150, "ChatGPT share"),
            (1, "2026-10-10", "rework_count", 3, ""),
            (2, "2026-10-02", "time_saved_minutes", 30, ""),
            (2, "2026-10-09", "quality_score", 4.5, "good"),
        ],
    )
    conn.commit()
    conn.close()


def test_a_schema_4_file_keeps_every_entry_as_a_series(tmp_path: Path) -> None:
    path = tmp_path / "four.db"
    _schema_4_file(path)
    store = Store.open(path)
    try:
        conn = store.db.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        assert (tmp_path / "four.db.bak-4").exists()
        entries = conn.execute(
            "SELECT workflow_id, date, series, value, note FROM metric_entries ORDER BY id"
        ).fetchall()
        assert [tuple(e) for e in entries] == [
            # the kind Invoices recorded most is its success metric now
            (1, "2026-10-01", "", 40, "first"),
            (1, "2026-10-08", "", 45, ""),
            (1, "2026-10-15", "", 52, ""),
            (1, "2026-10-09", "Cost", 150, "ChatGPT share"),
            (1, "2026-10-10", "Rework", 3, ""),
            # Notes has no success metric: each kind is an extra series by name
            (2, "2026-10-02", "Time saved", 30, ""),
            (2, "2026-10-09", "Quality score", 4.5, "good"),
        ]
        extras = conn.execute(
            "SELECT workflow_id, name, unit, direction FROM metric_extras"
            " ORDER BY workflow_id, name"
        ).fetchall()
        assert [tuple(x) for x in extras] == [
            (1, "Cost", "", "lower"),
            (1, "Rework", "items", "lower"),
            (2, "Quality score", "", "higher"),
            (2, "Time saved", "minutes", "higher"),
        ]
        series = {(s.workflow_id, s.name): s for s in store.metrics.series_of(1)}
        assert series[(1, "")].title == "Invoices paid within 14 days (%)"
        assert series[(1, "")].entries == 3
        assert [e.value for e in store.metrics.recent(1)] == [40, 45, 52]
        assert [e.value for e in store.metrics.recent(2, "Time saved")] == [30]
        # the series rows were counted again, and the triggers keep them from here on
        counted = conn.execute(
            "SELECT workflow_id, series, entries, recent_1 FROM metric_series"
            " ORDER BY workflow_id, series"
        ).fetchall()
        assert [tuple(c) for c in counted] == [
            (1, "", 3, 52),
            (1, "Cost", 1, 150),
            (1, "Rework", 1, 3),
            (2, "Quality score", 1, 4.5),
            (2, "Time saved", 1, 30),
        ]
    finally:
        store.close()


def test_a_json_backup_of_schema_4_restores_into_series(tmp_path: Path) -> None:
    """A restore writes the dump's own schema, then migrates: the same path as a file."""
    from aiops_tui.storage.dump import dump_tables, load_tables

    path = tmp_path / "four.db"
    _schema_4_file(path)
    conn = sqlite3.connect(path)
    dumped = dump_tables(conn)
    conn.close()
    assert dumped["schema_version"] == 4
    target = tmp_path / "restored.db"
    fresh = sqlite3.connect(target, isolation_level=None)
    create_schema(fresh, 4)
    load_tables(fresh, dumped["tables"])
    fresh.close()
    store = Store.open(target)
    try:
        assert store.metrics.count() == 7
        assert [s.name for s in store.metrics.series_of(2)] == ["Quality score", "Time saved"]
    finally:
        store.close()
