"""After "changes requested": the revision, linked both ways, the `changes` filter, and overdue.

Sample data at the fixed clock: #4 "Reply: refund request" (support) has had
changes requested and no revision.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from aiops_tui.cli import main
from aiops_tui.clock import fixed_clock
from aiops_tui.domain.intake import IntakeError, parse_line
from aiops_tui.domain.models import ReviewItem
from aiops_tui.storage import migrations
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.dump import create_schema
from aiops_tui.storage.reviews import AWAITING_REVISION, ReviewFilter
from aiops_tui.storage.store import Store
from aiops_tui.storage.weekly_agenda import build_agenda

SUPPORT = "Customer support drafting and triage"


def changes_item(store: Store) -> ReviewItem:
    rows = store.reviews.page(ReviewFilter(status="changes_requested"))
    assert len(rows) == 1
    item = store.reviews.get(rows[0].id)
    assert item is not None
    return item


def revision_of(store: Store, item: ReviewItem, title: str = "Reply v2") -> ReviewItem:
    return store.reviews.add(
        ReviewItem(
            workflow_id=item.workflow_id,
            title=title,
            output="A better reply.",
            submitted_at=store.clock(),
            revises_id=item.id,
        )
    )


def test_the_changes_filter_holds_the_item_until_a_revision_arrives(sample_store: Store) -> None:
    item = changes_item(sample_store)
    waiting = ReviewFilter(status=AWAITING_REVISION)
    assert [r.id for r in sample_store.reviews.page(waiting)] == [item.id]
    revision = revision_of(sample_store, item)
    assert sample_store.reviews.page(waiting) == []
    assert sample_store.reviews.count(waiting) == 0
    assert revision.revises_id == item.id and revision.status == "pending"
    chain = [(link.id, link.status) for link in sample_store.reviews.chain(item.id or 0)]
    assert chain == [(item.id, "changes_requested"), (revision.id, "pending")]
    assert sample_store.reviews.chain(revision.id or 0) == sample_store.reviews.chain(item.id or 0)
    change = sample_store.db.query_one("SELECT summary FROM change_events ORDER BY id DESC")
    assert change is not None and f"(revision of #{item.id})" in change[0]


def test_a_revision_is_refused_for_what_cannot_take_one(sample_store: Store) -> None:
    item = changes_item(sample_store)
    with pytest.raises(StoreError, match="only an item with changes requested"):
        revision_of(sample_store, item.model_copy(update={"id": 3, "workflow_id": 1}))
    with pytest.raises(StoreError, match="does not exist"):
        revision_of(sample_store, item.model_copy(update={"id": 999}))
    other = next(w for w, _ in sample_store.workflows.names() if w != item.workflow_id)
    with pytest.raises(StoreError, match="another workflow"):
        revision_of(sample_store, item.model_copy(update={"workflow_id": other}))
    revision_of(sample_store, item)
    with pytest.raises(StoreError, match="already has a revision"):
        revision_of(sample_store, item)


def test_the_weekly_agenda_lists_revisions_overdue(sample_store: Store) -> None:
    item = changes_item(sample_store)
    decided = sample_store.reviews.decisions(item.id or 0)[-1].decided_at
    sample_store.db.clock = fixed_clock(datetime.fromisoformat(str(decided)) + timedelta(days=30))
    assert [r.id for r in build_agenda(sample_store).overdue_revisions] == [item.id]
    revision_of(sample_store, item)
    assert build_agenda(sample_store).overdue_revisions == []


def test_import_json_takes_revises() -> None:
    line = parse_line(json.dumps({"workflow": "w", "title": "t", "output": "o", "revises": 4}))
    assert line.revises == 4
    for bad in ("4", 0, True, 1.5):
        with pytest.raises(IntakeError, match="'revises' must be the id"):
            parse_line(json.dumps({"workflow": "w", "title": "t", "output": "o", "revises": bad}))


def test_review_add_and_import_with_revises(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    item = changes_item(sample_store)
    sample_store.close()
    out = tmp_path / "draft.md"
    out.write_text("A better reply.", encoding="utf-8")
    args = ["review", "add", "--db", "aiops.db", "--workflow", SUPPORT, "--title", "Reply v2"]
    assert main([*args, "--output-file", str(out), "--revises", str(item.id)]) == 0
    assert f"revising #{item.id}" in capsys.readouterr().out
    assert main([*args, "--output-file", str(out), "--revises", str(item.id)]) == 2
    assert "already has a revision" in capsys.readouterr().err
    lines = tmp_path / "items.jsonl"
    lines.write_text(
        json.dumps({"workflow": SUPPORT, "title": "Reply v3", "output": "o", "revises": 999}),
        encoding="utf-8",
    )
    assert main(["review", "import", "--db", "aiops.db", str(lines)]) == 2
    assert "#999 (to revise) does not exist" in capsys.readouterr().err


async def test_the_detail_shows_the_chain_and_the_queue_the_changes_filter(
    sample_store: Store, make_app
) -> None:
    from aiops_tui.screens.review_detail import ReviewDetailScreen

    item = changes_item(sample_store)
    revision = revision_of(sample_store, item)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "f", "f", "f", "f", "f")
        await pilot.pause()
        assert "changes (awaiting a revision)" in str(
            app.screen.query_one("#filters", Static).render()
        )
        assert "0 shown" in str(app.screen.query_one("#filters", Static).render())
        app.push_screen(ReviewDetailScreen(revision.id or 0))
        await pilot.pause()
        chain = str(app.screen.query_one("#detail-chain", Static).render())
        assert f"#{item.id} Reply" in chain or f"#{item.id} " in chain
        assert f"→ #{revision.id} Reply v2" in chain


def test_schema_6_adds_revises_id_to_an_upgraded_database(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    create_schema(conn, 5)
    conn.execute(
        "INSERT INTO workflows (name, area, status, created_at, updated_at)"
        " VALUES ('w', 'ops', 'live', '2026-01-01T09:00:00', '2026-01-01T09:00:00')"
    )
    conn.execute(
        "INSERT INTO review_items (workflow_id, title, output, submitted_at, status)"
        " VALUES (1, 't', 'o', '2026-11-01T09:00:00', 'changes_requested')"
    )
    conn.commit()
    conn.close()
    store = Store.open(old)
    try:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == 6
        assert migrations.SCHEMA_VERSION >= 6
        item = store.reviews.get(1)
        assert item is not None and item.revises_id is None
        plan = store.db.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM review_items WHERE revises_id = 1"
        ).fetchall()
        assert "review_items_revises" in " ".join(str(row[-1]) for row in plan)
    finally:
        store.close()
    assert (tmp_path / "old.db.bak-5").exists()


def test_an_import_links_revisions_and_refuses_bad_ones(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    item = changes_item(sample_store)
    sample_store.close()

    def line(title: str, revises: int) -> str:
        return json.dumps({"workflow": SUPPORT, "title": title, "output": "o", "revises": revises})

    path = tmp_path / "items.jsonl"
    path.write_text(f"{line('v2', item.id or 0)}\n{line('v2 again', item.id or 0)}\n")
    assert main(["review", "import", "--db", "aiops.db", str(path)]) == 2
    assert f"line 2: review item #{item.id} is already revised by line 1" in (
        capsys.readouterr().err
    )
    path.write_text(line("v2", item.id or 0) + "\n")
    assert main(["review", "import", "--db", "aiops.db", str(path)]) == 0
    store = Store.open("aiops.db")
    try:
        chain = store.reviews.chain(item.id or 0)
        assert [link.title for link in chain][1:] == ["v2"]
        assert store.reviews.get(chain[1].id).revises_id == item.id  # type: ignore[union-attr]
    finally:
        store.close()
