"""The append-only change log: question 5, "how are changes documented?"."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from aiops_tui.domain.models import ChangeEvent
from aiops_tui.storage.db import Database
from aiops_tui.storage.rows import to_model


def _event(row: sqlite3.Row) -> ChangeEvent:
    return to_model(ChangeEvent, row)


def _between_where(
    start_iso: str, end_iso: str, entities: Sequence[tuple[str, int]]
) -> tuple[str, tuple[object, ...]]:
    where = "WHERE at >= ? AND at < ?"
    params: list[object] = [start_iso, end_iso]
    if entities:
        where += " AND (" + " OR ".join("(entity = ? AND entity_id = ?)" for _ in entities) + ")"
        for entity, entity_id in entities:
            params.extend((entity, entity_id))
    return where, tuple(params)


class ChangesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def recent(self, limit: int = 50, offset: int = 0) -> list[ChangeEvent]:
        rows = self.db.query(
            "SELECT * FROM change_events ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset)
        )
        return [_event(r) for r in rows]

    def since(self, since_iso: str, limit: int = 500) -> list[ChangeEvent]:
        rows = self.db.query(
            "SELECT * FROM change_events WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?",
            (since_iso, limit),
        )
        return [_event(r) for r in rows]

    def between(
        self,
        start_iso: str,
        end_iso: str,
        limit: int = 500,
        entities: Sequence[tuple[str, int]] = (),
    ) -> list[ChangeEvent]:
        """Events with start <= at < end, newest first; optionally only some entities."""
        where, params = _between_where(start_iso, end_iso, entities)
        rows = self.db.query(
            f"SELECT * FROM change_events {where} ORDER BY at DESC, id DESC LIMIT ?",
            (*params, limit),
        )
        return [_event(r) for r in rows]

    def count_between(
        self, start_iso: str, end_iso: str, entities: Sequence[tuple[str, int]] = ()
    ) -> int:
        where, params = _between_where(start_iso, end_iso, entities)
        return self.db.count(f"SELECT count(*) FROM change_events {where}", params)

    def since_for(self, entity: str, since_iso: str, limit: int = 200) -> list[ChangeEvent]:
        """Changes to one kind of entity since a moment, oldest first (the weekly agenda)."""
        rows = self.db.query(
            "SELECT * FROM (SELECT * FROM change_events WHERE entity = ? AND at >= ?"
            " ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id",
            (entity, since_iso, limit),
        )
        return [_event(r) for r in rows]

    def for_entity(self, entity: str, entity_id: int, limit: int = 100) -> list[ChangeEvent]:
        rows = self.db.query(
            "SELECT * FROM change_events WHERE entity = ? AND entity_id = ?"
            " ORDER BY id DESC LIMIT ?",
            (entity, entity_id, limit),
        )
        return [_event(r) for r in rows]

    def for_workflow(self, workflow_id: int, limit: int = 100) -> list[ChangeEvent]:
        """A workflow's own history: its edits, status moves, tool links and metric entries."""
        rows = self.db.query(
            "SELECT * FROM change_events WHERE entity IN ('workflow', 'metric')"
            " AND entity_id = ? ORDER BY id DESC LIMIT ?",
            (workflow_id, limit),
        )
        return [_event(r) for r in rows]

    def count(self) -> int:
        return self.db.count("SELECT count(*) FROM change_events")
