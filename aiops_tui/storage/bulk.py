"""Bulk writes for the benchmark generator only: hundreds of thousands of rows fast.

The per-row repository methods do a lookup, an insert, a ChangeEvent and a
read-back for every row; for 500,000 metric entries that takes minutes. These
functions take rows that were already validated as pydantic models and write
them with `executemany` inside the caller's `db.transaction()`. Instead of one
ChangeEvent per row, each call records one "import" event that says how many
rows arrived, which is how a real bulk import should be documented.

The app never calls this module; `bench/generate.py` does.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from aiops_tui.domain.models import ChangeEvent, MetricEntry, ReviewDecision, ReviewItem
from aiops_tui.domain.policy import requires_review
from aiops_tui.domain.words import plural
from aiops_tui.storage.db import Database, StoreError


def _next_id(db: Database, table: str) -> int:
    return int(db.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


def add_review_items(db: Database, items: Sequence[ReviewItem]) -> list[int]:
    """Queue many drafts; sign-off need comes from each workflow's policy. Returns the ids."""
    if not items:
        return []
    with db.transaction() as conn:
        policy = {
            r[0]: requires_review(bool(r[1]), r[2])
            for r in conn.execute(
                "SELECT id, customer_facing, risk FROM workflows WHERE id IN"
                f" ({','.join(str(i) for i in {it.workflow_id for it in items})})"
            )
        }
        missing = {it.workflow_id for it in items} - policy.keys()
        if missing:
            raise StoreError(f"workflow #{min(missing)} does not exist")
        first = _next_id(db, "review_items")
        conn.executemany(
            "INSERT INTO review_items (id, workflow_id, prompt_version_id, title, input, output,"
            " source, submitted_at, status, needs_signoff, data_flags)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
            [
                (
                    first + n,
                    it.workflow_id,
                    it.prompt_version_id,
                    it.title,
                    it.input,
                    it.output,
                    it.source,
                    it.submitted_at.isoformat(timespec="seconds"),
                    int(policy[it.workflow_id]),
                    json.dumps(it.data_flags),
                )
                for n, it in enumerate(items)
            ],
        )
        db.record_change("review", None, "import", f"imported {plural(len(items), 'review item')}")
    return list(range(first, first + len(items)))


def add_review_decisions(db: Database, decisions: Sequence[ReviewDecision]) -> None:
    """Append decisions in the order given; each item's status becomes its latest decision.

    The sign-off rule of `ReviewsRepo.decide` holds here too: if any approval
    of an item that needs sign-off is not by the workflow's sign-off person,
    the whole batch is rolled back.
    """
    if not decisions:
        return
    with db.transaction() as conn:
        first = _next_id(db, "review_decisions")
        conn.executemany(
            "INSERT INTO review_decisions (id, item_id, reviewer, decision, note, accuracy, fit,"
            " corrected_output, edit_ratio, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    first + n,
                    d.item_id,
                    d.reviewer,
                    str(d.decision),
                    d.note,
                    d.accuracy,
                    d.fit,
                    d.corrected_output,
                    d.edit_ratio,
                    d.decided_at.isoformat(timespec="seconds"),
                )
                for n, d in enumerate(decisions)
            ],
        )
        bad = conn.execute(
            "SELECT r.title FROM review_decisions d JOIN review_items r ON r.id = d.item_id"
            " JOIN workflows w ON w.id = r.workflow_id LEFT JOIN people p ON p.id = w.signoff_id"
            " WHERE d.id >= ? AND d.decision = 'approved' AND r.needs_signoff = 1"
            " AND (p.name IS NULL OR p.name != d.reviewer COLLATE NOCASE) LIMIT 1",
            (first,),
        ).fetchone()
        if bad is not None:
            raise StoreError(f"{bad[0]!r} needs its workflow's sign-off person to approve it")
        latest = {d.item_id: str(d.decision) for d in decisions}
        conn.executemany(
            "UPDATE review_items SET status = ? WHERE id = ?",
            [(status, item_id) for item_id, status in latest.items()],
        )
        db.record_change(
            "review", None, "import", f"imported {plural(len(decisions), 'review decision')}"
        )


def add_metric_entries(db: Database, entries: Sequence[MetricEntry]) -> None:
    """Values of series that exist (the success metric, or extras made with add_series)."""
    if not entries:
        return
    with db.transaction() as conn:
        conn.executemany(
            "INSERT INTO metric_entries (workflow_id, date, series, value, note)"
            " VALUES (?, ?, ?, ?, ?)",
            [(e.workflow_id, e.date.isoformat(), e.series, e.value, e.note) for e in entries],
        )
        db.record_change(
            "metric", None, "import", f"imported {plural(len(entries), 'metric entry')}"
        )


def add_change_events(db: Database, events: Sequence[ChangeEvent]) -> None:
    """History brought in from elsewhere, with its own timestamps and authors."""
    if not events:
        return
    with db.transaction() as conn:
        conn.executemany(
            "INSERT INTO change_events (at, who, entity, entity_id, action, summary)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    e.at.isoformat(timespec="seconds"),
                    e.who,
                    e.entity,
                    e.entity_id,
                    e.action,
                    e.summary[:500],
                )
                for e in events
            ],
        )
