"""Schema 4: review_status_counts stays exact, and the reads it was made for use its indexes.

The indexes only help while the queries keep the shapes SQLite matches them by
(an expression term by term, the columns an index covers), so the plans are
checked here: a query edited out of its index fails a test, not only the bench.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import TODAY

from aiops_tui.domain.models import Decision, ReviewDecision
from aiops_tui.storage import people as people_module
from aiops_tui.storage.dump import create_schema
from aiops_tui.storage.schema import ROLE_GAP
from aiops_tui.storage.store import Store

STATUSES = ["pending", "approved", "changes_requested", "rejected"]


def counted(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute("SELECT status, items FROM review_status_counts").fetchall()
    return {status: items for status, items in rows if items}


def expected(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT status, count(*) FROM review_items GROUP BY status"))


def _added(conn: sqlite3.Connection, rng: random.Random) -> None:
    conn.execute(
        "INSERT INTO review_items (workflow_id, title, output, submitted_at, status)"
        " VALUES (1, 't', 'o', '2026-11-01T09:00:00', ?)",
        (rng.choice(STATUSES),),
    )


def _restatused(conn: sqlite3.Connection, rng: random.Random) -> None:
    conn.execute(
        "UPDATE review_items SET status = ? WHERE id IN"
        " (SELECT id FROM review_items ORDER BY random() LIMIT ?)",
        (rng.choice(STATUSES), rng.randint(1, 3)),
    )


def _retitled(conn: sqlite3.Connection, rng: random.Random) -> None:
    conn.execute("UPDATE review_items SET title = 'x' WHERE id % 2 = 0")


def _deleted(conn: sqlite3.Connection, rng: random.Random) -> None:
    conn.execute(
        "DELETE FROM review_items WHERE id IN (SELECT id FROM review_items ORDER BY random()"
        " LIMIT ?) AND id NOT IN (SELECT item_id FROM review_decisions)",
        (rng.randint(1, 2),),
    )


CHANGES: list[Callable[[sqlite3.Connection, random.Random], None]] = [
    _added,
    _added,
    _added,
    _restatused,
    _restatused,
    _retitled,
    _deleted,
]


@pytest.mark.parametrize("seed", range(4))
def test_status_counts_follow_every_kind_of_change(sample_store: Store, seed: int) -> None:
    conn = sample_store.db.conn
    rng = random.Random(seed)
    for _ in range(120):
        rng.choice(CHANGES)(conn, rng)
        assert counted(conn) == expected(conn)
    assert sample_store.reviews.status_counts() == {s: expected(conn).get(s, 0) for s in STATUSES}


def test_status_counts_through_a_decision(sample_store: Store) -> None:
    pending = sample_store.reviews.status_counts()["pending"]
    row = sample_store.db.query_one(
        "SELECT r.id, p.name FROM review_items r JOIN workflows w ON w.id = r.workflow_id"
        " JOIN people p ON p.id = w.signoff_id WHERE r.status = 'pending' LIMIT 1"
    )
    assert row is not None
    sample_store.reviews.decide(
        ReviewDecision(
            item_id=row[0],
            reviewer=row[1],
            decision=Decision.REJECTED,
            note="wrong customer",
            decided_at=TODAY,
        )
    )
    after = sample_store.reviews.status_counts()
    assert after["pending"] == pending - 1
    assert after == {s: expected(sample_store.db.conn).get(s, 0) for s in STATUSES}


def test_upgrading_counts_the_items_already_there(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path)
    create_schema(conn, 3)
    conn.execute(
        "INSERT INTO workflows (name, area, status, created_at, updated_at)"
        " VALUES ('w', 'ops', 'live', '2026-01-01T09:00:00', '2026-01-01T09:00:00')"
    )
    rng = random.Random(3)
    for _ in range(40):
        _added(conn, rng)
    conn.commit()
    before = expected(conn)
    conn.close()
    store = Store.open(path)
    try:
        assert counted(store.db.conn) == before
    finally:
        store.close()


def plan(store: Store, sql: str, params: tuple | dict = ()) -> str:
    rows = store.db.query(f"EXPLAIN QUERY PLAN {sql}", params)
    return " | ".join(str(r[3]) for r in rows)


def test_the_role_gap_expression_is_the_indexed_one() -> None:
    assert people_module._GAP.replace("w.", "") == ROLE_GAP


def test_team_and_review_reads_use_their_indexes(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each read as the repository runs it, caught on its way to SQLite."""
    seen: list[tuple[str, object]] = []
    db = sample_store.db
    original_query, original_one = db.query, db.query_one

    def query(sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        seen.append((sql, params))
        return original_query(sql, params)

    def query_one(sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        seen.append((sql, params))
        return original_one(sql, params)

    monkeypatch.setattr(db, "query", query)
    monkeypatch.setattr(db, "query_one", query_one)

    def plan_of(read: Callable[[], object]) -> str:
        seen.clear()
        read()
        monkeypatch.setattr(db, "query", original_query)
        try:
            return " || ".join(plan(sample_store, sql, params) for sql, params in seen)
        finally:
            monkeypatch.setattr(db, "query", query)

    matrix = plan_of(lambda: sample_store.people.matrix_page(100, 0))
    assert "USING INDEX workflows_role_gaps" in matrix and "TEMP B-TREE" not in matrix
    assert "workflows_role_gaps" in plan_of(sample_store.people.empty_role_count)
    load = plan_of(lambda: sample_store.people.load(limit=100))
    for index in ("owner", "builder", "reviewer", "doc_owner", "signoff"):
        assert f"COVERING INDEX workflows_{index} " in load, load
    rework = plan_of(lambda: sample_store.reviews.rework(days=30))
    assert "COVERING INDEX review_decisions_at" in rework, rework
    month = plan_of(sample_store.health.month_figures)
    assert "COVERING INDEX review_decisions_at" in month or not month  # kept: no query


def test_rework_for_all_and_for_one_workflow_agree_with_a_plain_count(
    sample_store: Store,
) -> None:
    since = (TODAY - timedelta(days=30)).isoformat(timespec="seconds")
    conn = sample_store.db.conn
    for wf in [None, *[r[0] for r in conn.execute("SELECT id FROM workflows")]]:
        rework = sample_store.reviews.rework(days=30, workflow_id=wf)
        row = conn.execute(
            "SELECT count(*), count(d.edit_ratio), avg(d.edit_ratio) FROM review_decisions d"
            " JOIN review_items r ON r.id = d.item_id WHERE d.decided_at >= ?"
            " AND (? IS NULL OR r.workflow_id = ?)",
            (since, wf, wf),
        ).fetchone()
        assert (rework.decided, rework.corrected) == (row[0], row[1])
        assert rework.mean_edit_ratio == (None if row[2] is None else round(row[2], 3))


def test_a_json_backup_restored_counts_its_items_again(sample_store: Store, tmp_path: Path) -> None:
    """review_status_counts is left out of the dump; the triggers refill it on the way in."""
    from aiops_tui.storage.dump import dump_tables, load_tables
    from aiops_tui.storage.migrations import SCHEMA_VERSION

    dump = dump_tables(sample_store.db.conn)
    assert "review_status_counts" not in dump["tables"]
    assert "kept_figures" not in dump["tables"]
    conn = sqlite3.connect(tmp_path / "restored.db", isolation_level=None)
    try:
        create_schema(conn, SCHEMA_VERSION)
        load_tables(conn, dump["tables"])
        assert counted(conn) == expected(conn) == expected(sample_store.db.conn)
    finally:
        conn.close()
