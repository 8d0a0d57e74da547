"""What the review queue adds up to: counts by status, ageing items, approval and
rework rates, the pending list the playbook prints.

ReviewsRepo (reviews.py) builds on ReviewFigures, so `store.reviews.rework()`
reads as before; this module holds the read-only arithmetic, reviews.py the queue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiops_tui.domain.models import ReviewStatus
from aiops_tui.storage.db import Database
from aiops_tui.storage.kept import keep, read_kept


@dataclass(frozen=True)
class Rework:
    """How much reviewers rewrote AI drafts over a period: the honest saving figure."""

    decided: int
    corrected: int
    mean_edit_ratio: float | None


@dataclass(frozen=True)
class PendingItem:
    """A pending item as the playbook lists it; ageing is judged against the export date."""

    id: int
    workflow: str
    title: str
    submitted_at: str
    needs_signoff: bool
    data_flags: list[str]
    max_age_days: int


def _cutoff(now: datetime, days: int) -> str:
    """Submitted before this, an item with `days` allowed is ageing (as the SQL works it out)."""
    return (now - timedelta(days=days)).isoformat(timespec="seconds")


class ReviewFigures:
    """Read-only figures over review_items and review_decisions."""

    db: Database

    def status_counts(self) -> dict[str, int]:
        """How many items have each status, from review_status_counts (kept by triggers)."""
        rows = self.db.query("SELECT status, items FROM review_status_counts")
        counts = {s.value: 0 for s in ReviewStatus}
        counts.update({r[0]: r[1] for r in rows})
        return counts

    def ageing_count(self) -> int:
        """Pending items older than their workflow allows.

        Each pending item (a queue's worth, not the history) comes from the
        review_items_signoff index, which holds its workflow and submission
        time; its workflow's age limit from the narrow workflows_review_age
        index, not the wide row; and the cutoff for that limit from `limits`,
        worked out once per distinct limit instead of once per item. A seek
        per workflow took 17 ms at 10,000 workflows, a date calculation per
        item 5 of the 7 ms left.

        Kept in the file (kept.py) with, per age limit, the oldest pending item
        not yet ageing: the count holds until one of those passes its limit.
        """
        now = self.db.clock()
        kept = read_kept(self.db, "ageing", now.date())
        try:
            if kept is not None and all(
                oldest is None or oldest >= _cutoff(now, days) for days, oldest in kept["next"]
            ):
                return int(kept["count"])
        except (TypeError, KeyError, ValueError):
            pass  # not what this version keeps: work it out
        rows = self.db.query(
            "WITH limits AS MATERIALIZED (SELECT days,"
            "  strftime('%Y-%m-%dT%H:%M:%S', :now, '-' || days || ' days') AS cutoff"
            "  FROM (SELECT DISTINCT max_review_age_days AS days"
            "   FROM workflows INDEXED BY workflows_review_age))"
            " SELECT l.days, sum(r.submitted_at < l.cutoff),"
            "  min(CASE WHEN r.submitted_at >= l.cutoff THEN r.submitted_at END)"
            " FROM review_items r"
            " JOIN workflows w INDEXED BY workflows_review_age ON w.id = r.workflow_id"
            " JOIN limits l ON l.days = w.max_review_age_days"
            " WHERE r.status = 'pending' GROUP BY l.days",
            {"now": now.isoformat(timespec="seconds")},
        )
        count = sum(int(r[1] or 0) for r in rows)
        keep(self.db, "ageing", now.date(), {"count": count, "next": [[r[0], r[2]] for r in rows]})
        return count

    def approval_rate(self, days: int = 30) -> float | None:
        since = (self.db.clock() - timedelta(days=days)).isoformat(timespec="seconds")
        row = self.db.query_one(
            "SELECT count(*), sum(decision = 'approved') FROM review_decisions"
            " WHERE decided_at >= ?",
            (since,),
        )
        if not row or not row[0]:
            return None
        return (row[1] or 0) / row[0]

    def pending_listing(
        self, limit: int = 100, workflow_id: int | None = None
    ) -> list[PendingItem]:
        """Pending items grouped by workflow name, oldest first within each (for export)."""
        where = "WHERE r.status = 'pending'"
        params: tuple[object, ...] = ()
        if workflow_id is not None:
            where += " AND r.workflow_id = ?"
            params = (workflow_id,)
        rows = self.db.query(
            "SELECT r.id, w.name AS workflow, r.title, r.submitted_at, r.needs_signoff,"
            " r.data_flags, w.max_review_age_days"
            " FROM review_items r JOIN workflows w ON w.id = r.workflow_id"
            f" {where} ORDER BY w.name COLLATE NOCASE, w.id, r.submitted_at, r.id LIMIT ?",
            (*params, limit),
        )
        return [
            PendingItem(
                r["id"],
                r["workflow"],
                r["title"],
                r["submitted_at"],
                bool(r["needs_signoff"]),
                json.loads(r["data_flags"] or "[]"),
                r["max_review_age_days"],
            )
            for r in rows
        ]

    def rework(self, days: int = 30, workflow_id: int | None = None) -> Rework:
        """Decisions in the last `days`, how many carried a correction, and its mean edit ratio."""
        since = (self.db.clock() - timedelta(days=days)).isoformat(timespec="seconds")
        params: dict[str, object] = {"since": since}
        if workflow_id is None:
            # All decisions, from the review_decisions_at index alone (each has an item).
            sql = (
                "SELECT count(*), count(edit_ratio), avg(edit_ratio) FROM review_decisions"
                " WHERE decided_at >= :since"
            )
        else:
            sql = (
                "SELECT count(*), count(d.edit_ratio), avg(d.edit_ratio) FROM review_decisions d"
                " JOIN review_items r ON r.id = d.item_id"
                " WHERE d.decided_at >= :since AND r.workflow_id = :wf"
            )
            params["wf"] = workflow_id
        row = self.db.query_one(sql, params)
        if row is None:
            return Rework(0, 0, None)
        return Rework(int(row[0]), int(row[1]), None if row[2] is None else round(row[2], 3))
