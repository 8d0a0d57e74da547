"""The workflow inventory: where AI is used, by whom, and how it is governed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import ValidationError

from aiops_tui.domain.filters import like_pattern, parse_filter
from aiops_tui.domain.lifecycle import transition_error
from aiops_tui.domain.models import STORED, SuccessMetric, Workflow
from aiops_tui.domain.policy import forbidden_data_problem
from aiops_tui.storage.db import Database, StoreError
from aiops_tui.storage.rows import row_fields, to_model
from aiops_tui.storage.undo import rows_where, undoable

FILTER_KEYS = frozenset({"status", "area", "owner", "risk"})

SORT_COLUMNS: dict[str, str] = {
    "name": "w.name COLLATE NOCASE",
    "area": "w.area",
    "status": "w.status",
    "owner": "owner COLLATE NOCASE",
    "priority": "w.priority",
    "risk": "CASE w.risk WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END",
    "customer_facing": "w.customer_facing",
    "review_rule": "w.review_rule",
    "metric": "w.metric_name",
    "last_reviewed": "w.last_reviewed_at",
}

_FIELDS = (
    "name",
    "summary",
    "area",
    "status",
    "owner_id",
    "builder_id",
    "reviewer_id",
    "doc_owner_id",
    "frequency_per_month",
    "structure",
    "value",
    "risk",
    "customer_facing",
    "review_rule",
    "signoff_id",
    "allowed_data",
    "current_state",
    "target_state",
    "metric_name",
    "metric_unit",
    "metric_baseline",
    "metric_target",
    "metric_direction",
    "max_review_age_days",
    "last_reviewed_at",
)


@dataclass(frozen=True)
class WorkflowRow:
    """One line of the inventory table, with the owner's name already joined."""

    id: int
    name: str
    area: str
    status: str
    owner: str | None
    priority: int
    risk: str
    customer_facing: bool
    review_rule: str
    metric: str
    last_reviewed_at: str | None


def row_to_workflow(row: sqlite3.Row) -> Workflow:
    """The `metric_*` columns are the nested SuccessMetric."""
    data = row_fields(Workflow, row, json_fields=("allowed_data",))
    data["metric"] = to_model(SuccessMetric, row, prefix="metric_")
    return Workflow.model_validate(data, context=STORED)


def _values(wf: Workflow) -> dict[str, object]:
    return {
        "name": wf.name,
        "summary": wf.summary,
        "area": str(wf.area),
        "status": str(wf.status),
        "owner_id": wf.owner_id,
        "builder_id": wf.builder_id,
        "reviewer_id": wf.reviewer_id,
        "doc_owner_id": wf.doc_owner_id,
        "frequency_per_month": wf.frequency_per_month,
        "structure": wf.structure,
        "value": wf.value,
        "risk": str(wf.risk),
        "customer_facing": int(wf.customer_facing),
        "review_rule": wf.review_rule,
        "signoff_id": wf.signoff_id,
        "allowed_data": json.dumps([str(d) for d in wf.allowed_data]),
        "current_state": wf.current_state,
        "target_state": wf.target_state,
        "metric_name": wf.metric.name,
        "metric_unit": wf.metric.unit,
        "metric_baseline": wf.metric.baseline,
        "metric_target": wf.metric.target,
        "metric_direction": str(wf.metric.direction),
        "max_review_age_days": wf.max_review_age_days,
        "last_reviewed_at": wf.last_reviewed_at.isoformat() if wf.last_reviewed_at else None,
    }


def _describe_changes(old: Workflow, new: Workflow) -> str:
    before, after = _values(old), _values(new)
    changed = [key for key in _FIELDS if before[key] != after[key]]
    if not changed:
        return f"saved {new.name} (no changes)"
    shown = []
    for key in changed[:4]:
        if key in {"current_state", "target_state", "summary", "allowed_data"}:
            shown.append(key)
        else:
            shown.append(f"{key} {before[key]} -> {after[key]}")
    more = f" (+{len(changed) - 4} more)" if len(changed) > 4 else ""
    return f"edited {new.name}: " + ", ".join(shown) + more


class WorkflowsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading ---------------------------------------------------------------
    def get(self, workflow_id: int) -> Workflow | None:
        row = self.db.query_one("SELECT * FROM workflows WHERE id = ?", (workflow_id,))
        return row_to_workflow(row) if row else None

    def by_name(self, name: str) -> Workflow | None:
        row = self.db.query_one("SELECT * FROM workflows WHERE name = ?", (name.strip(),))
        return row_to_workflow(row) if row else None

    def names(self, include_retired: bool = True) -> list[tuple[int, str]]:
        where = "" if include_retired else "WHERE status != 'retired'"
        rows = self.db.query(f"SELECT id, name FROM workflows {where} ORDER BY name COLLATE NOCASE")
        return [(r[0], r[1]) for r in rows]

    def any(self) -> bool:
        """Whether there is at least one workflow (counting 10,000 to know took 1 ms)."""
        return bool(self.db.scalar("SELECT EXISTS (SELECT 1 FROM workflows)"))

    def count(self, query: str = "") -> int:
        where, params = self._where(query)
        return self.db.count(
            f"SELECT count(*) FROM workflows w LEFT JOIN people o ON o.id = w.owner_id {where}",
            params,
        )

    def _where(self, query: str) -> tuple[str, dict[str, object]]:
        parsed = parse_filter(query, FILTER_KEYS)
        clauses: list[str] = []
        params: dict[str, object] = {}
        for key in ("status", "area", "risk"):
            if key in parsed.terms:
                clauses.append(f"w.{key} = :{key}")
                params[key] = parsed.terms[key].lower()
        if "owner" in parsed.terms:
            if parsed.terms["owner"].lower() in {"none", "-"}:
                clauses.append("w.owner_id IS NULL")
            else:
                clauses.append("o.name LIKE :owner ESCAPE '\\'")
                params["owner"] = like_pattern(parsed.terms["owner"])
        if parsed.text:
            clauses.append(
                "(w.name LIKE :text ESCAPE '\\' OR w.summary LIKE :text ESCAPE '\\'"
                " OR w.metric_name LIKE :text ESCAPE '\\')"
            )
            params["text"] = like_pattern(parsed.text)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def page(
        self,
        query: str = "",
        sort: str = "priority",
        descending: bool = True,
        limit: int = 100,
        offset: int = 0,
    ) -> list[WorkflowRow]:
        where, params = self._where(query)
        order = SORT_COLUMNS.get(sort, SORT_COLUMNS["priority"])
        direction = "DESC" if descending else "ASC"
        params.update(limit=limit, offset=offset)
        rows = self.db.query(
            "SELECT w.id, w.name, w.area, w.status, o.name AS owner, w.priority, w.risk,"
            " w.customer_facing, w.review_rule, w.metric_name, w.last_reviewed_at"
            " FROM workflows w LEFT JOIN people o ON o.id = w.owner_id"
            f" {where} ORDER BY {order} {direction}, w.id LIMIT :limit OFFSET :offset",
            params,
        )
        return [
            WorkflowRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8], r[9], r[10])
            for r in rows
        ]

    def start_here(self, limit: int = 3) -> list[Workflow]:
        """The best candidates among ideas and proposals: often, structured, valuable."""
        rows = self.db.query(
            "SELECT * FROM workflows WHERE status IN ('idea', 'proposed')"
            " ORDER BY priority DESC, name LIMIT ?",
            (limit,),
        )
        return [row_to_workflow(r) for r in rows]

    def status_counts(self) -> dict[str, int]:
        rows = self.db.query("SELECT status, count(*) FROM workflows GROUP BY status")
        return {r[0]: r[1] for r in rows}

    def with_status(self, statuses: Sequence[str]) -> list[Workflow]:
        """Whole workflows in the given statuses, by name: what the playbook documents."""
        if not statuses:
            return []
        marks = ", ".join("?" for _ in statuses)
        rows = self.db.query(
            f"SELECT * FROM workflows WHERE status IN ({marks}) ORDER BY name COLLATE NOCASE, id",
            tuple(str(s) for s in statuses),
        )
        return [row_to_workflow(r) for r in rows]

    # -- writing ---------------------------------------------------------------
    def _check_data(self, wf: Workflow) -> None:
        from aiops_tui.storage.data_classes import DataClassesRepo

        problem = forbidden_data_problem(wf.allowed_data, DataClassesRepo(self.db).policies())
        if problem:
            raise StoreError(problem)

    def _check_people(self, wf: Workflow) -> None:
        ids = {wf.owner_id, wf.builder_id, wf.reviewer_id, wf.doc_owner_id, wf.signoff_id}
        for person_id in ids - {None}:
            if self.db.query_one("SELECT 1 FROM people WHERE id = ?", (person_id,)) is None:
                raise StoreError(f"person #{person_id} does not exist")

    def add(self, wf: Workflow) -> Workflow:
        if self.by_name(wf.name):
            raise StoreError(f"a workflow named {wf.name!r} already exists")
        self._check_data(wf)
        self._check_people(wf)
        values = _values(wf)
        now = self.db.now_iso()
        values.update(created_at=now, updated_at=now)
        cols = ", ".join(values)
        marks = ", ".join(f":{k}" for k in values)
        with self.db.transaction() as conn:
            cur = conn.execute(f"INSERT INTO workflows ({cols}) VALUES ({marks})", values)
            self.db.record_change(
                "workflow", cur.lastrowid, "create", f"added {wf.name} ({wf.status})"
            )
        return self.get(int(cur.lastrowid or 0)) or wf

    def update(self, wf: Workflow) -> Workflow:
        old = self.get(wf.id or 0)
        if old is None:
            raise StoreError("that workflow no longer exists")
        clash = self.by_name(wf.name)
        if clash and clash.id != wf.id:
            raise StoreError(f"a workflow named {wf.name!r} already exists")
        error = transition_error(str(old.status), str(wf.status))
        if error:
            raise StoreError(error)
        self._check_data(wf)
        self._check_people(wf)
        values = _values(wf)
        values["updated_at"] = self.db.now_iso()
        sets = ", ".join(f"{k} = :{k}" for k in values)
        values["id"] = wf.id
        with undoable(self.db, rows_where("workflows", id=wf.id)) as conn:
            conn.execute(f"UPDATE workflows SET {sets} WHERE id = :id", values)
            self.db.record_change("workflow", wf.id, "update", _describe_changes(old, wf))
        return self.get(wf.id or 0) or wf

    def set_status(self, workflow_id: int, status: str, why: str = "") -> Workflow:
        """Move along the lifecycle; retiring keeps every row that points here."""
        wf = self.get(workflow_id)
        if wf is None:
            raise StoreError("that workflow no longer exists")
        error = transition_error(str(wf.status), status)
        if error:
            raise StoreError(error)
        try:
            Workflow.model_validate({**wf.model_dump(), "status": status}, context=STORED)
        except ValidationError as exc:
            reasons = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
            raise StoreError(f"cannot move {wf.name} to {status}: {reasons}") from None
        with undoable(self.db, rows_where("workflows", id=workflow_id)) as conn:
            conn.execute(
                "UPDATE workflows SET status = ?, updated_at = ? WHERE id = ?",
                (status, self.db.now_iso(), workflow_id),
            )
            note = f": {why}" if why else ""
            self.db.record_change(
                "workflow", workflow_id, "status", f"{wf.name}: {wf.status} -> {status}{note}"
            )
        return self.get(workflow_id) or wf

    def mark_reviewed(self, workflow_id: int, on: date | None = None) -> None:
        wf = self.get(workflow_id)
        if wf is None:
            raise StoreError("that workflow no longer exists")
        day = (on or self.db.clock().date()).isoformat()
        with undoable(self.db, rows_where("workflows", id=workflow_id)) as conn:
            conn.execute(
                "UPDATE workflows SET last_reviewed_at = ?, updated_at = ? WHERE id = ?",
                (day, self.db.now_iso(), workflow_id),
            )
            self.db.record_change("workflow", workflow_id, "review", f"reviewed {wf.name}")

    # -- tools -----------------------------------------------------------------
    def tool_ids(self, workflow_id: int) -> list[int]:
        rows = self.db.query(
            "SELECT tool_id FROM workflow_tools WHERE workflow_id = ?", (workflow_id,)
        )
        return [r[0] for r in rows]


def parse_day(text: str | None) -> date | None:
    return datetime.fromisoformat(text).date() if text else None
