"""The human review queue: AI drafts waiting for a person, and every decision on them."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiops_tui.domain.models import (
    DataClassName,
    Decision,
    ReviewDecision,
    ReviewItem,
    ReviewStatus,
    stored,
)
from aiops_tui.domain.policy import requires_review
from aiops_tui.domain.signoff import approval_refusal
from aiops_tui.storage.db import Database, StoreError
from aiops_tui.storage.kept import keep, read_kept


@dataclass(frozen=True)
class ReviewRow:
    """One line of the queue, with the workflow name and ageing already worked out."""

    id: int
    title: str
    workflow: str
    status: str
    submitted_at: str
    needs_signoff: bool
    ageing: bool
    flagged: bool
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewContext:
    """What a reviewer needs beside the item: the workflow's rule and who signs off."""

    workflow: str
    review_rule: str
    customer_facing: bool
    risk: str
    max_review_age_days: int
    signoff: str | None
    prompt: str | None
    prompt_version: int | None
    ageing: bool


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


AWAITING_REVISION = "changes"
"""A filter status, not a stored one: changes requested and no revision queued yet."""


@dataclass(frozen=True)
class ChainLink:
    """One draft of a revision chain: the first draft, then each revision in turn."""

    id: int
    title: str
    status: str
    submitted_at: str


@dataclass(frozen=True)
class ReviewFilter:
    status: str | None = "pending"
    workflow_id: int | None = None
    needs_signoff: bool | None = None
    text: str = ""


def _item(row: sqlite3.Row) -> ReviewItem:
    return stored(
        ReviewItem,
        id=row["id"],
        workflow_id=row["workflow_id"],
        prompt_version_id=row["prompt_version_id"],
        title=row["title"],
        input=row["input"],
        output=row["output"],
        source=row["source"],
        submitted_at=row["submitted_at"],
        status=row["status"],
        needs_signoff=bool(row["needs_signoff"]),
        data_flags=json.loads(row["data_flags"] or "[]"),
        revises_id=row["revises_id"],
    )


def _decision(row: sqlite3.Row) -> ReviewDecision:
    return ReviewDecision.model_construct(
        id=row["id"],
        item_id=row["item_id"],
        reviewer=row["reviewer"],
        decision=Decision(row["decision"]),
        note=row["note"],
        accuracy=row["accuracy"],
        fit=row["fit"],
        corrected_output=row["corrected_output"],
        edit_ratio=row["edit_ratio"],
        decided_at=row["decided_at"],
    )


NO_REVISION = "NOT EXISTS (SELECT 1 FROM review_items x WHERE x.revises_id = r.id)"


def _cutoff(now: datetime, days: int) -> str:
    """Submitted before this, an item with `days` allowed is ageing (as the SQL works it out)."""
    return (now - timedelta(days=days)).isoformat(timespec="seconds")


class ReviewsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _where(self, flt: ReviewFilter) -> tuple[str, dict[str, object]]:
        from aiops_tui.domain.filters import like_pattern

        clauses: list[str] = []
        params: dict[str, object] = {}
        if flt.status == AWAITING_REVISION:
            clauses.append(f"r.status = 'changes_requested' AND {NO_REVISION}")
        elif flt.status:
            clauses.append("r.status = :status")
            params["status"] = flt.status
        if flt.workflow_id is not None:
            clauses.append("r.workflow_id = :wf")
            params["wf"] = flt.workflow_id
        if flt.needs_signoff is not None:
            clauses.append("r.needs_signoff = :ns")
            params["ns"] = int(flt.needs_signoff)
        if flt.text.strip():
            clauses.append("r.title LIKE :text ESCAPE '\\'")
            params["text"] = like_pattern(flt.text.strip())
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def page(self, flt: ReviewFilter, limit: int = 100, offset: int = 0) -> list[ReviewRow]:
        """Pending first, oldest first: the order a queue is cleared in.

        With a status filter the order is just oldest first, which the
        (status, submitted_at, id) index serves without sorting.
        """
        where, params = self._where(flt)
        order = (
            "r.submitted_at, r.id"
            if flt.status
            else "(r.status != 'pending'), r.submitted_at, r.id"
        )
        params.update(limit=limit, offset=offset)
        return self._rows(f"{where} ORDER BY {order} LIMIT :limit OFFSET :offset", params)

    @staticmethod
    def sort_key(flt: ReviewFilter, row: ReviewRow) -> tuple[object, ...]:
        """Where `row` stands in `page`'s order: what `page_after` continues from."""
        if flt.status:
            return (row.submitted_at, row.id)
        return (int(row.status != "pending"), row.submitted_at, row.id)

    def page_after(
        self,
        flt: ReviewFilter,
        after: tuple[object, ...] | None,
        limit: int = 100,
        backward: bool = False,
    ) -> list[ReviewRow]:
        """The `limit` items that follow `after` (a `sort_key`) in `page`'s order, or with
        `backward` the ones before it (None: from either end), in that order.

        A keyset page: each is an index seek (`review_items_status` or
        `review_items_queue`), so the last page of 200,000 items costs what the
        first does, where `OFFSET` read every item before it. Without a status, the
        queue is two runs (pending, then the rest), each read as its own seek.
        """
        where, params = self._where(flt)
        sign, direction = ("<", "DESC") if backward else (">", "ASC")
        runs: list[int | None] = [None] if flt.status else ([1, 0] if backward else [0, 1])
        after_run: int | None = None  # the run `after` is in (None: no runs)
        position: tuple[object, ...] | None = after
        if after is not None and not flt.status:
            after_run, position = (1 if after[0] else 0), after[1:]
            runs = [
                r
                for r in runs
                if r is not None and (r <= after_run if backward else r >= after_run)
            ]
        rows: list[ReviewRow] = []
        for run in runs:
            clauses = [where[len("WHERE ") :]] if where else []
            run_params = dict(params)
            if run is not None:
                clauses.append("(r.status != 'pending') = :run")
                run_params["run"] = run
            if position is not None and run == after_run:
                clauses.append(f"(r.submitted_at, r.id) {sign} (:at, :id)")
                run_params.update(at=position[0], id=position[1])
            run_params["limit"] = limit - len(rows)
            condition = ("WHERE " + " AND ".join(clauses)) if clauses else ""
            order = f"r.submitted_at {direction}, r.id {direction}"
            rows += self._rows(f"{condition} ORDER BY {order} LIMIT :limit", run_params)
            if len(rows) >= limit:
                break
        return rows[::-1] if backward else rows

    def _rows(self, tail: str, params: dict[str, object]) -> list[ReviewRow]:
        """The queue's rows for a WHERE/ORDER BY/LIMIT `tail`."""
        params = {**params, "now": self.db.now_iso()}
        rows = self.db.query(
            "SELECT r.id, r.title, w.name AS workflow, r.status, r.submitted_at,"
            " r.needs_signoff, r.data_flags,"
            " (r.status = 'pending' AND julianday(:now) - julianday(r.submitted_at)"
            "   > w.max_review_age_days) AS ageing"
            f" FROM review_items r JOIN workflows w ON w.id = r.workflow_id {tail}",
            params,
        )
        return [
            ReviewRow(
                r["id"],
                r["title"],
                r["workflow"],
                r["status"],
                r["submitted_at"],
                bool(r["needs_signoff"]),
                bool(r["ageing"]),
                r["data_flags"] not in ("[]", ""),
                tuple(json.loads(r["data_flags"] or "[]")),
            )
            for r in rows
        ]

    def count(self, flt: ReviewFilter) -> int:
        where, params = self._where(flt)
        return self.db.count(f"SELECT count(*) FROM review_items r {where}", params)

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

    def get(self, item_id: int) -> ReviewItem | None:
        row = self.db.query_one("SELECT * FROM review_items WHERE id = ?", (item_id,))
        return _item(row) if row else None

    def decisions(self, item_id: int) -> list[ReviewDecision]:
        rows = self.db.query(
            "SELECT * FROM review_decisions WHERE item_id = ? ORDER BY id", (item_id,)
        )
        return [_decision(r) for r in rows]

    def next_pending(
        self, after_id: int | None = None, flt: ReviewFilter | None = None
    ) -> int | None:
        """The oldest pending item other than `after_id`, for auto-advance.

        With `flt`, only items the queue's workflow, sign-off and text filters
        show: clearing one workflow's queue stays in that workflow.
        """
        base = flt or ReviewFilter()
        where, params = self._where(
            ReviewFilter("pending", base.workflow_id, base.needs_signoff, base.text)
        )
        params["after"] = after_id or -1
        row = self.db.query_one(
            f"SELECT r.id FROM review_items r {where} AND r.id != :after"
            " ORDER BY r.submitted_at, r.id LIMIT 1",
            params,
        )
        return row[0] if row else None

    def context(self, item_id: int) -> ReviewContext | None:
        row = self.db.query_one(
            "SELECT w.name, w.review_rule, w.customer_facing, w.risk, w.max_review_age_days,"
            " s.name AS signoff, p.name AS prompt, v.number,"
            " (r.status = 'pending' AND julianday(:now) - julianday(r.submitted_at)"
            "   > w.max_review_age_days) AS ageing"
            " FROM review_items r JOIN workflows w ON w.id = r.workflow_id"
            " LEFT JOIN people s ON s.id = w.signoff_id"
            " LEFT JOIN prompt_versions v ON v.id = r.prompt_version_id"
            " LEFT JOIN prompts p ON p.id = v.prompt_id WHERE r.id = :id",
            {"id": item_id, "now": self.db.now_iso()},
        )
        if row is None:
            return None
        return ReviewContext(
            workflow=row[0],
            review_rule=row[1],
            customer_facing=bool(row[2]),
            risk=row[3],
            max_review_age_days=row[4],
            signoff=row[5],
            prompt=row[6],
            prompt_version=row[7],
            ageing=bool(row[8]),
        )

    def forbidden_for(self, workflow_id: int) -> set[DataClassName]:
        """The data classes this workflow may not carry (see domain.data_check)."""
        from aiops_tui.domain.data_check import forbidden_classes
        from aiops_tui.storage.data_classes import DataClassesRepo

        row = self.db.query_one("SELECT allowed_data FROM workflows WHERE id = ?", (workflow_id,))
        allowed = json.loads(row[0] or "[]") if row else []
        return forbidden_classes(allowed, DataClassesRepo(self.db).policies())

    def scan_flags(self, workflow_id: int, texts: dict[str, str]) -> list[str]:
        """Data flags for texts queued under this workflow (see domain.data_check)."""
        from aiops_tui.domain.data_check import data_flags

        return data_flags(texts, self.forbidden_for(workflow_id))

    def add(self, item: ReviewItem, flags: list[str] | None = None) -> ReviewItem:
        """Queue a draft; sign-off need comes from the workflow's policy, not the caller.

        The input and output are scanned here, so every caller (the CLI, an
        import, the sample) stores the same data flags. `flags` overrides the
        scan (for callers that already ran it).
        """
        wf = self.db.query_one(
            "SELECT name, customer_facing, risk FROM workflows WHERE id = ?", (item.workflow_id,)
        )
        if wf is None:
            raise StoreError(f"workflow #{item.workflow_id} does not exist")
        if item.prompt_version_id is not None and not self.db.query_one(
            "SELECT 1 FROM prompt_versions WHERE id = ?", (item.prompt_version_id,)
        ):
            raise StoreError(f"prompt version #{item.prompt_version_id} does not exist")
        needs = requires_review(bool(wf["customer_facing"]), wf["risk"])
        refusal = self.revision_refusal(item)
        if refusal is not None:
            raise StoreError(refusal)
        if flags is None:
            flags = item.data_flags + self.scan_flags(
                item.workflow_id, {"input": item.input, "output": item.output}
            )
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO review_items (workflow_id, prompt_version_id, title, input, output,"
                " source, submitted_at, status, needs_signoff, data_flags, revises_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
                (
                    item.workflow_id,
                    item.prompt_version_id,
                    item.title,
                    item.input,
                    item.output,
                    item.source,
                    item.submitted_at.isoformat(timespec="seconds"),
                    int(needs),
                    json.dumps(flags),
                    item.revises_id,
                ),
            )
            revision = f" (revision of #{item.revises_id})" if item.revises_id else ""
            self.db.record_change(
                "review",
                cur.lastrowid,
                "create",
                f"queued {item.title!r} for {wf['name']}{revision}",
            )
        stored = self.get(int(cur.lastrowid or 0))
        assert stored is not None
        return stored

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

    def overdue_revisions(self, limit: int = 50) -> list[ReviewRow]:
        """Changes requested longer ago than the workflow's review age, and no revision yet."""
        rows = self.db.query(
            "SELECT r.id, r.title, w.name AS workflow, r.status, r.submitted_at,"
            " r.needs_signoff, r.data_flags, max(d.decided_at) AS asked_at"
            " FROM review_items r JOIN workflows w ON w.id = r.workflow_id"
            " JOIN review_decisions d ON d.item_id = r.id"
            f" WHERE r.status = 'changes_requested' AND {NO_REVISION}"
            " GROUP BY r.id"
            " HAVING julianday(:now) - julianday(max(d.decided_at)) > w.max_review_age_days"
            " ORDER BY asked_at, r.id LIMIT :limit",
            {"now": self.db.now_iso(), "limit": limit},
        )
        return [
            ReviewRow(
                r["id"],
                r["title"],
                r["workflow"],
                r["status"],
                r["asked_at"],
                bool(r["needs_signoff"]),
                True,
                r["data_flags"] not in ("[]", ""),
            )
            for r in rows
        ]

    def signoff_person(self, item_id: int) -> str | None:
        row = self.db.query_one(
            "SELECT p.name FROM review_items r JOIN workflows w ON w.id = r.workflow_id"
            " LEFT JOIN people p ON p.id = w.signoff_id WHERE r.id = ?",
            (item_id,),
        )
        return row[0] if row else None

    def decide(self, decision: ReviewDecision) -> ReviewDecision:
        """Append a decision; the item's status becomes the latest decision.

        An item that needs sign-off is approved only by its workflow's sign-off
        person: a founder alone must still see whose name is on it.
        """
        item = self.get(decision.item_id)
        if item is None:
            raise StoreError("that review item no longer exists")
        if item.needs_signoff and decision.decision == Decision.APPROVED:
            refusal = approval_refusal(True, self.signoff_person(item.id or 0), decision.reviewer)
            if refusal is not None:
                raise StoreError(refusal)
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO review_decisions (item_id, reviewer, decision, note, accuracy, fit,"
                " corrected_output, edit_ratio, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    decision.item_id,
                    decision.reviewer,
                    str(decision.decision),
                    decision.note,
                    decision.accuracy,
                    decision.fit,
                    decision.corrected_output,
                    decision.edit_ratio,
                    decision.decided_at.isoformat(timespec="seconds"),
                ),
            )
            conn.execute(
                "UPDATE review_items SET status = ? WHERE id = ?",
                (str(decision.decision), decision.item_id),
            )
            self.db.record_change(
                "review",
                decision.item_id,
                "decision",
                f"{decision.decision} {item.title!r}"
                + (f": {decision.note.strip()}" if decision.note.strip() else ""),
                who=decision.reviewer,
            )
        return decision.model_copy(update={"id": cur.lastrowid})

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

    def open_by_workflow(self, workflow_id: int, limit: int = 20) -> list[ReviewRow]:
        return self.page(ReviewFilter(status="pending", workflow_id=workflow_id), limit=limit)
