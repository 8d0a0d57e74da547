"""The prompt library: immutable numbered versions and movable labels.

Versions are never updated or deleted (triggers enforce it); a label is a
pointer, and every move of one is appended to `label_moves`, which is how a
rollback is documented.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from aiops_tui.domain.models import DataClassName, Prompt, PromptVersion
from aiops_tui.domain.prompt_rules import (
    describe_all,
    forbidden_classes,
)
from aiops_tui.domain.safety import Finding, scan
from aiops_tui.storage.db import Database, StoreError
from aiops_tui.storage.prompt_labels import PromptLabels
from aiops_tui.storage.rows import to_model


@dataclass(frozen=True)
class PromptRow:
    """One line of the prompt list."""

    id: int
    name: str
    workflow: str | None
    production_version: int | None
    versions: int
    last_change_at: str | None
    last_change_note: str | None
    reviewed: int
    approved: int

    @property
    def approval_rate(self) -> float | None:
        return self.approved / self.reviewed if self.reviewed else None


@dataclass(frozen=True)
class VersionQuality:
    number: int
    items: int
    decided: int
    approved: int
    mean_accuracy: float | None
    mean_fit: float | None

    @property
    def approval_rate(self) -> float | None:
        return self.approved / self.decided if self.decided else None


def _prompt(row: sqlite3.Row) -> Prompt:
    return to_model(Prompt, row)


def _version(row: sqlite3.Row) -> PromptVersion:
    return to_model(PromptVersion, row)


class PromptsRepo(PromptLabels):
    """Prompts and their versions, safety checks; labels: prompt_labels.py."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading ---------------------------------------------------------------
    def get(self, prompt_id: int) -> Prompt | None:
        row = self.db.query_one("SELECT * FROM prompts WHERE id = ?", (prompt_id,))
        return _prompt(row) if row else None

    def by_name(self, name: str) -> Prompt | None:
        row = self.db.query_one("SELECT * FROM prompts WHERE name = ?", (name.strip(),))
        return _prompt(row) if row else None

    def count(self, query: str = "") -> int:
        where, params = self._where(query)
        return self.db.count(
            f"SELECT count(*) FROM prompts p LEFT JOIN workflows w ON w.id = p.workflow_id {where}",
            params,
        )

    def _where(self, query: str, workflow_id: int | None = None) -> tuple[str, dict[str, object]]:
        from aiops_tui.domain.filters import like_pattern

        clauses: list[str] = []
        params: dict[str, object] = {}
        if query.strip():
            clauses.append("(p.name LIKE :q ESCAPE '\\' OR w.name LIKE :q ESCAPE '\\')")
            params["q"] = like_pattern(query.strip())
        if workflow_id is not None:
            clauses.append("p.workflow_id = :wf")
            params["wf"] = workflow_id
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def page(
        self, query: str = "", limit: int = 100, offset: int = 0, workflow_id: int | None = None
    ) -> list[PromptRow]:
        where, params = self._where(query, workflow_id)
        params.update(limit=limit, offset=offset)
        rows = self.db.query(
            "SELECT p.id, p.name, w.name AS workflow, pv.number AS production,"
            " (SELECT max(number) FROM prompt_versions v WHERE v.prompt_id = p.id) AS versions,"
            " lv.created_at AS last_at, lv.change_note AS last_note,"
            " (SELECT count(*) FROM review_items r WHERE r.prompt_version_id = pv.id"
            "   AND r.status != 'pending') AS reviewed,"
            " (SELECT count(*) FROM review_items r WHERE r.prompt_version_id = pv.id"
            "   AND r.status = 'approved') AS approved"
            " FROM prompts p"
            " LEFT JOIN workflows w ON w.id = p.workflow_id"
            " LEFT JOIN prompt_labels l ON l.prompt_id = p.id AND l.label = 'production'"
            " LEFT JOIN prompt_versions pv ON pv.id = l.version_id"
            " LEFT JOIN prompt_versions lv ON lv.prompt_id = p.id AND lv.number ="
            "   (SELECT max(number) FROM prompt_versions v2 WHERE v2.prompt_id = p.id)"
            f" {where} ORDER BY p.name COLLATE NOCASE LIMIT :limit OFFSET :offset",
            params,
        )
        return [
            PromptRow(
                r["id"],
                r["name"],
                r["workflow"],
                r["production"],
                r["versions"] or 0,
                r["last_at"],
                r["last_note"],
                r["reviewed"],
                r["approved"],
            )
            for r in rows
        ]

    def for_workflow(self, workflow_id: int) -> list[PromptRow]:
        """The list rows of one workflow's prompts (its detail screen), filtered in SQL."""
        return self.page(limit=-1, workflow_id=workflow_id)

    def of_workflow(self, workflow_id: int) -> list[Prompt]:
        """The prompts a workflow uses, by name (the playbook prints their production text)."""
        rows = self.db.query(
            "SELECT * FROM prompts WHERE workflow_id = ? ORDER BY name COLLATE NOCASE, id",
            (workflow_id,),
        )
        return [_prompt(r) for r in rows]

    def versions(self, prompt_id: int, limit: int = -1, offset: int = 0) -> list[PromptVersion]:
        """Newest first; `limit`/`offset` page it for the screen (-1: all)."""
        rows = self.db.query(
            "SELECT * FROM prompt_versions WHERE prompt_id = ? ORDER BY number DESC"
            " LIMIT ? OFFSET ?",
            (prompt_id, limit, offset),
        )
        return [_version(r) for r in rows]

    def version(self, prompt_id: int, number: int) -> PromptVersion | None:
        row = self.db.query_one(
            "SELECT * FROM prompt_versions WHERE prompt_id = ? AND number = ?", (prompt_id, number)
        )
        return _version(row) if row else None

    def version_by_id(self, version_id: int) -> PromptVersion | None:
        row = self.db.query_one("SELECT * FROM prompt_versions WHERE id = ?", (version_id,))
        return _version(row) if row else None

    def latest(self, prompt_id: int) -> PromptVersion | None:
        row = self.db.query_one(
            "SELECT * FROM prompt_versions WHERE prompt_id = ? ORDER BY number DESC LIMIT 1",
            (prompt_id,),
        )
        return _version(row) if row else None

    def quality(self, prompt_id: int, limit: int = -1, offset: int = 0) -> list[VersionQuality]:
        """Review outcomes per version, so a new version can be compared with the old."""
        rows = self.db.query(
            "SELECT v.number, count(r.id) AS items,"
            " sum(CASE WHEN r.status != 'pending' THEN 1 ELSE 0 END) AS decided,"
            " sum(CASE WHEN r.status = 'approved' THEN 1 ELSE 0 END) AS approved,"
            " (SELECT avg(d.accuracy) FROM review_decisions d JOIN review_items ri"
            "   ON ri.id = d.item_id WHERE ri.prompt_version_id = v.id) AS accuracy,"
            " (SELECT avg(d.fit) FROM review_decisions d JOIN review_items ri"
            "   ON ri.id = d.item_id WHERE ri.prompt_version_id = v.id) AS fit"
            " FROM prompt_versions v LEFT JOIN review_items r ON r.prompt_version_id = v.id"
            " WHERE v.prompt_id = ? GROUP BY v.id ORDER BY v.number DESC LIMIT ? OFFSET ?",
            (prompt_id, limit, offset),
        )
        return [
            VersionQuality(
                r["number"],
                r["items"],
                r["decided"] or 0,
                r["approved"] or 0,
                round(r["accuracy"], 2) if r["accuracy"] is not None else None,
                round(r["fit"], 2) if r["fit"] is not None else None,
            )
            for r in rows
        ]

    # -- safety ------------------------------------------------------------------
    def forbidden_classes(self, workflow_id: int | None) -> set[DataClassName]:
        """Data classes a prompt of this workflow may not contain (see prompt_rules)."""
        from aiops_tui.storage.data_classes import DataClassesRepo
        from aiops_tui.storage.workflows import WorkflowsRepo

        workflow = WorkflowsRepo(self.db).get(workflow_id) if workflow_id is not None else None
        allowed = workflow.allowed_data if workflow is not None else None
        return forbidden_classes(DataClassesRepo(self.db).policies(), allowed)

    def safety_findings(
        self, body: str, workflow_id: int | None
    ) -> tuple[list[Finding], list[Finding]]:
        """(warnings, refusals): what the scan found, split by the data rules."""
        findings = scan(body)
        if not findings:
            return [], []
        forbidden = self.forbidden_classes(workflow_id)
        refused = [f for f in findings if f.data_class in forbidden]
        return [f for f in findings if f.data_class not in forbidden], refused

    def check_safety(self, body: str, workflow_id: int | None) -> list[Finding]:
        """Raise StoreError (saying which rule) for forbidden data; return the warnings."""
        warnings, refused = self.safety_findings(body, workflow_id)
        if refused:
            from aiops_tui.storage.data_classes import DataClassesRepo
            from aiops_tui.storage.workflows import WorkflowsRepo

            policies = DataClassesRepo(self.db).policies()
            workflow = WorkflowsRepo(self.db).get(workflow_id) if workflow_id else None
            reasons = []
            for name in sorted({str(f.data_class) for f in refused}):
                if str(policies.get(DataClassName(name), "")) == "forbidden":
                    reasons.append(f"the data policy forbids {name} for AI use")
                else:
                    where = f"workflow {workflow.name!r}" if workflow else "the workflow"
                    reasons.append(f"{where} does not list {name} as allowed data")
            raise StoreError(f"not saved: {'; '.join(reasons)}. Found: {describe_all(refused, 3)}")
        return warnings

    # -- writing ---------------------------------------------------------------
    def create(
        self, prompt: Prompt, body: str, change_note: str = "first version", author: str = ""
    ) -> tuple[Prompt, PromptVersion]:
        if self.by_name(prompt.name):
            raise StoreError(f"a prompt named {prompt.name!r} already exists")
        self.check_safety(body, prompt.workflow_id)
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO prompts (name, workflow_id, description, created_at)"
                " VALUES (?, ?, ?, ?)",
                (prompt.name, prompt.workflow_id, prompt.description, self.db.now_iso()),
            )
            prompt_id = int(cur.lastrowid or 0)
            self.db.record_change("prompt", prompt_id, "create", f"added prompt {prompt.name}")
            version = self.add_version(prompt_id, body, change_note, author)
        stored = self.get(prompt_id)
        assert stored is not None
        return stored, version

    def add_version(
        self, prompt_id: int, body: str, change_note: str, author: str = ""
    ) -> PromptVersion:
        """Append version n+1; refuses an empty note or a body identical to the latest."""
        prompt = self.get(prompt_id)
        if prompt is None:
            raise StoreError("that prompt no longer exists")
        with self.db.transaction() as conn:
            latest = self.latest(prompt_id)
            if latest is not None and latest.body == body:
                raise StoreError("the body is unchanged from the latest version; nothing to save")
            self.check_safety(body, prompt.workflow_id)
            number = (latest.number if latest else 0) + 1
            version = PromptVersion(
                prompt_id=prompt_id,
                number=number,
                body=body,
                change_note=change_note,
                author=author or self.db.actor,
                created_at=self.db.clock(),
            )
            cur = conn.execute(
                "INSERT INTO prompt_versions (prompt_id, number, body, change_note, author,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    prompt_id,
                    number,
                    version.body,
                    version.change_note,
                    version.author,
                    self.db.now_iso(),
                ),
            )
            self.db.record_change(
                "prompt",
                prompt_id,
                "version",
                f"{prompt.name} v{number}: {version.change_note}",
            )
        return version.model_copy(update={"id": cur.lastrowid})
