"""The human review queue: AI drafts waiting for a person, and every decision on them."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from aiops_tui.domain.models import DataClassName, Decision, ReviewDecision, ReviewItem
from aiops_tui.domain.policy import requires_review
from aiops_tui.domain.signoff import approval_refusal
from aiops_tui.domain.words import queued_summary
from aiops_tui.storage.db import Database, StoreError
from aiops_tui.storage.review_figures import ReviewFigures
from aiops_tui.storage.revisions import NO_REVISION, Revisions
from aiops_tui.storage.rows import row_fields, to_model
from aiops_tui.storage.undo import rows_added, rows_where, undoable


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


AWAITING_REVISION = "changes"  # a filter status: changes requested, no revision yet


@dataclass(frozen=True)
class ReviewFilter:
    status: str | None = "pending"
    workflow_id: int | None = None
    needs_signoff: bool | None = None
    text: str = ""


def _item(row: sqlite3.Row) -> ReviewItem:
    return to_model(ReviewItem, row, json_fields=("data_flags",))


def _decision(row: sqlite3.Row) -> ReviewDecision:
    """Not validated: stored decisions were validated when made (and `decided_at`
    stays the stored text, as the detail screen shows it)."""
    return ReviewDecision.model_construct(**row_fields(ReviewDecision, row))


class ReviewsRepo(ReviewFigures, Revisions):
    """The queue: items, decisions, what a reviewer needs (figures: review_figures.py)."""

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
            self.db.record_change(
                "review",
                cur.lastrowid,
                "create",
                queued_summary(item.title, wf["name"], item.revises_id),
            )
        stored = self.get(int(cur.lastrowid or 0))
        assert stored is not None
        return stored

    def overdue_revisions(self, limit: int = 50) -> list[ReviewRow]:
        """Changes requested longer ago than the workflow's review age, and no revision yet."""
        rows = self.db.query(
            "SELECT r.id, r.title, w.name AS workflow, r.status, r.submitted_at,"
            " r.needs_signoff, r.data_flags, max(d.decided_at) AS asked_at"
            " FROM review_items r JOIN workflows w ON w.id = r.workflow_id"
            " JOIN review_decisions d ON d.item_id = r.id"
            f" WHERE r.status = 'changes_requested' AND {NO_REVISION} GROUP BY r.id"
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
        watches = rows_where("review_items", id=decision.item_id), rows_added("review_decisions")
        with undoable(self.db, *watches) as conn:
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

    def open_by_workflow(self, workflow_id: int, limit: int = 20) -> list[ReviewRow]:
        return self.page(ReviewFilter(status="pending", workflow_id=workflow_id), limit=limit)
