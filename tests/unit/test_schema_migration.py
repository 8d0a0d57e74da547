"""Schema 2: an upgraded file ends like a new one, and metric_series stays exact.

metric_series is kept by triggers, so every way an entry can change (insert,
delete, update of any column it depends on) is checked against the series
worked out again from metric_entries.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from aiops_tui.storage import migrations
from aiops_tui.storage.dump import create_schema
from aiops_tui.storage.schema import RECENT_VALUES
from aiops_tui.storage.store import Store

KINDS = ["adoption_pct", "cost", "quality_score", "time_saved_minutes"]
"""Series names: the kinds of schema 4, and since schema 5 any name ('' the success metric)."""


def schema_of(conn: sqlite3.Connection) -> list[tuple]:
    """Every table, index and trigger with its SQL: what "the same schema" means."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
    return [tuple(r) for r in rows]


def _column(conn: sqlite3.Connection) -> str:
    """The column naming an entry's series: `kind` before schema 5, `series` since."""
    columns = [r[1] for r in conn.execute("PRAGMA table_info(metric_entries)")]
    return "kind" if "kind" in columns else "series"


def expected_series(conn: sqlite3.Connection) -> list[tuple]:
    """metric_series as it should be, worked out from the entries in Python."""
    rows = conn.execute(
        f"SELECT workflow_id, {_column(conn)}, date, value FROM metric_entries"
        f" ORDER BY workflow_id, {_column(conn)}, date DESC, id DESC"
    ).fetchall()
    series: dict[tuple[int, str], list[tuple[str, float]]] = {}
    for workflow_id, kind, date, value in rows:
        series.setdefault((workflow_id, kind), []).append((date, value))
    result = []
    for (workflow_id, kind), newest_first in series.items():
        recent = [value for _, value in newest_first[:RECENT_VALUES]]
        recent += [None] * (RECENT_VALUES - len(recent))
        last = max(date for date, _ in newest_first)
        result.append((workflow_id, kind, len(newest_first), last, *recent))
    return result


def stored_series(conn: sqlite3.Connection) -> list[tuple]:
    rows = conn.execute(
        f"SELECT workflow_id, {_column(conn)}, entries, last_date, recent_1, recent_2, recent_3,"
        f" recent_4 FROM metric_series ORDER BY workflow_id, {_column(conn)}"
    ).fetchall()
    return [tuple(r) for r in rows]


def add_workflows(conn: sqlite3.Connection, count: int) -> list[int]:
    ids = []
    for i in range(count):
        cur = conn.execute(
            "INSERT INTO workflows (name, area, status, created_at, updated_at)"
            " VALUES (?, 'ops', 'live', '2026-01-01T09:00:00', '2026-01-01T09:00:00')",
            (f"wf {i}",),
        )
        ids.append(int(cur.lastrowid or 0))
    return ids


def random_entry(rng: random.Random, workflows: list[int]) -> tuple:
    # Few dates, so many entries share one and the id decides which is newer.
    day = f"2026-11-{rng.randint(1, 6):02d}"
    return (rng.choice(workflows), day, rng.choice(KINDS), rng.choice([1.0, 2.5, -3.0, 7.0]))


def insert(conn: sqlite3.Connection, entries: list[tuple]) -> None:
    conn.executemany(
        f"INSERT INTO metric_entries (workflow_id, date, {_column(conn)}, value)"
        " VALUES (?, ?, ?, ?)",
        entries,
    )


def test_a_new_database_has_the_schema_of_an_upgraded_one(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    create_schema(conn, 1)
    conn.commit()
    conn.close()
    Store.open(old).close()  # migrates 1 -> current
    Store.open(tmp_path / "new.db").close()
    upgraded, new = sqlite3.connect(old), sqlite3.connect(tmp_path / "new.db")
    try:
        assert upgraded.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        assert schema_of(upgraded) == schema_of(new)
        assert (tmp_path / "old.db.bak-1").exists()
    finally:
        upgraded.close()
        new.close()


def test_upgrading_fills_metric_series_from_existing_entries(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    create_schema(conn, 1)
    rng = random.Random(7)
    workflows = add_workflows(conn, 5)
    insert(conn, [random_entry(rng, workflows) for _ in range(300)])
    conn.commit()
    before = expected_series(conn)
    conn.close()
    store = Store.open(path)
    try:
        # The kinds became named series (schema 5) and the series were counted again.
        assert stored_series(store.db.conn) == expected_series(store.db.conn)
        assert len(stored_series(store.db.conn)) == len(before) > 10
    finally:
        store.close()


def _inserted(conn: sqlite3.Connection, rng: random.Random, workflows: list[int]) -> None:
    insert(conn, [random_entry(rng, workflows) for _ in range(rng.randint(1, 5))])


def _deleted(conn: sqlite3.Connection, rng: random.Random, workflows: list[int]) -> None:
    ids = [r[0] for r in conn.execute("SELECT id FROM metric_entries")]
    if ids:
        conn.execute("DELETE FROM metric_entries WHERE id = ?", (rng.choice(ids),))


def _updated(conn: sqlite3.Connection, rng: random.Random, workflows: list[int]) -> None:
    ids = [r[0] for r in conn.execute("SELECT id FROM metric_entries")]
    if not ids:
        return
    workflow_id, day, kind, value = random_entry(rng, workflows)
    column, new = rng.choice(
        [("workflow_id", workflow_id), ("date", day), (_column(conn), kind), ("value", value)]
    )
    conn.execute(f"UPDATE metric_entries SET {column} = ? WHERE id = ?", (new, rng.choice(ids)))


def _note_changed(conn: sqlite3.Connection, rng: random.Random, workflows: list[int]) -> None:
    conn.execute("UPDATE metric_entries SET note = 'checked' WHERE id % 3 = 0")


def _cleared(conn: sqlite3.Connection, rng: random.Random, workflows: list[int]) -> None:
    conn.execute("DELETE FROM metric_entries WHERE workflow_id = ?", (rng.choice(workflows),))


CHANGES: list[Callable[[sqlite3.Connection, random.Random, list[int]], None]] = [
    _inserted,
    _inserted,
    _deleted,
    _updated,
    _updated,
    _note_changed,
    _cleared,
]


@pytest.mark.parametrize("seed", range(5))
def test_metric_series_follows_every_kind_of_change(tmp_path: Path, seed: int) -> None:
    store = Store.open(tmp_path / "a.db")
    conn = store.db.conn
    try:
        rng = random.Random(seed)
        workflows = add_workflows(conn, 3)
        for _ in range(150):
            rng.choice(CHANGES)(conn, rng, workflows)
            assert stored_series(conn) == expected_series(conn)
    finally:
        store.close()


def test_series_through_the_repositories(store: Store) -> None:
    """The app's own write path and the bulk import both go through the triggers."""
    from datetime import date

    from aiops_tui.domain.models import MetricEntry, Workflow
    from aiops_tui.storage import bulk

    wf = store.workflows.add(Workflow(name="Drafts", status="live", metric={"name": "Cost"}))
    wf_id = wf.id or 0
    store.metrics.add(MetricEntry(workflow_id=wf_id, date=date(2026, 11, 2), value=3))
    bulk.add_metric_entries(
        store.db,
        [
            MetricEntry(workflow_id=wf_id, date=date(2026, 11, day), value=value)
            for day, value in [(1, 10), (3, 30), (3, 31)]
        ],
    )
    # newest first; of the two on 3 November the later-added one
    assert stored_series(store.db.conn) == [(wf_id, "", 4, "2026-11-03", 31, 30, 3, 10)]
    assert stored_series(store.db.conn) == expected_series(store.db.conn)
