"""Revisions: a new draft answering an item's requested changes, linked to it (schema 6).

A mixin of ReviewsRepo, kept apart so the queue's module stays small.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiops_tui.domain.models import ReviewItem
from aiops_tui.storage.db import Database

NO_REVISION = "NOT EXISTS (SELECT 1 FROM review_items x WHERE x.revises_id = r.id)"
"""SQL: the item `r` has no revision queued."""


@dataclass(frozen=True)
class ChainLink:
    """One draft of a revision chain: the first draft, then each revision in turn."""

    id: int
    title: str
    status: str
    submitted_at: str


class Revisions:
    db: Database

    def revision_refusal(self, item: ReviewItem) -> str | None:
        """Why `item` cannot revise the item it names, or None (also when it names none).

        A revision answers requested changes on an item of the same workflow, once.
        """
        if item.revises_id is None:
            return None
        row = self.db.query_one(
            "SELECT workflow_id, status FROM review_items WHERE id = ?", (item.revises_id,)
        )
        if row is None:
            return f"review item #{item.revises_id} (to revise) does not exist"
        if row["workflow_id"] != item.workflow_id:
            return f"review item #{item.revises_id} belongs to another workflow"
        if row["status"] != "changes_requested":
            status = str(row["status"]).replace("_", " ")
            return (
                f"review item #{item.revises_id} is {status}:"
                " only an item with changes requested takes a revision"
            )
        taken = self.db.query_one(
            "SELECT 1 FROM review_items WHERE revises_id = ?", (item.revises_id,)
        )
        if taken is not None:
            return f"review item #{item.revises_id} already has a revision"
        return None

    def chain(self, item_id: int) -> list[ChainLink]:
        """The item's revision chain, first draft first: back along revises_id, then on."""
        rows = self.db.query(
            "WITH RECURSIVE up(id, revises_id, depth) AS ("
            "  SELECT id, revises_id, 0 FROM review_items WHERE id = :id"
            "  UNION ALL SELECT r.id, r.revises_id, up.depth + 1 FROM review_items r"
            "  JOIN up ON r.id = up.revises_id WHERE up.depth < 100),"
            " root AS (SELECT id FROM up ORDER BY depth DESC LIMIT 1),"
            " down(id, depth) AS (SELECT id, 0 FROM root"
            "  UNION ALL SELECT r.id, down.depth + 1 FROM review_items r"
            "  JOIN down ON r.revises_id = down.id WHERE down.depth < 100)"
            " SELECT r.id, r.title, r.status, r.submitted_at FROM down"
            " JOIN review_items r ON r.id = down.id ORDER BY down.depth",
            {"id": item_id},
        )
        return [ChainLink(r[0], r[1], r[2], r[3]) for r in rows]
