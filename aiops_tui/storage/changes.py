"""The append-only change log: question 5, "how are changes documented?"."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from aiops_tui.domain.filters import ChangeQuery, like_pattern
from aiops_tui.domain.models import ChangeEvent
from aiops_tui.domain.words import reworded
from aiops_tui.storage.db import Database
from aiops_tui.storage.rows import to_model


def _event(row: sqlite3.Row) -> ChangeEvent:
    """A logged change, its line in this version's words (older rows stay as written)."""
    event = to_model(ChangeEvent, row)
    summary = reworded(event.summary)
    return event if summary == event.summary else event.model_copy(update={"summary": summary})


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


COUNT_CAP = 1000
"""A filtered count stops here ("1000+"): counting every match of a word in 100,000
events on each keystroke would cost more than showing the first page."""

_OF_WORKFLOWS = "(SELECT id FROM workflows WHERE name LIKE :workflow ESCAPE '\\')"


def _query_where(query: ChangeQuery) -> tuple[list[str], dict[str, object]]:
    """SQL conditions for a Change log filter.

    A workflow's changes are its own rows and metric entries (entity id = the
    workflow), its prompts' versions and label moves, and its review items.
    """
    where: list[str] = []
    params: dict[str, object] = {}
    if query.workflow:
        params["workflow"] = like_pattern(query.workflow)
        where.append(
            f"((entity IN ('workflow', 'metric') AND entity_id IN {_OF_WORKFLOWS})"
            " OR (entity = 'prompt' AND entity_id IN"
            f" (SELECT id FROM prompts WHERE workflow_id IN {_OF_WORKFLOWS}))"
            " OR (entity = 'review' AND entity_id IN"
            f" (SELECT id FROM review_items WHERE workflow_id IN {_OF_WORKFLOWS})))"
        )
    if query.who:
        params["who"] = like_pattern(query.who)
        where.append("who LIKE :who ESCAPE '\\'")
    if query.kind:
        params["kind"] = query.kind
        where.append("(entity = :kind OR action = :kind)")
    if query.text:
        params["text"] = like_pattern(query.text)
        where.append("summary LIKE :text ESCAPE '\\'")
    return where, params


class ChangesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def recent(self, limit: int = 50, offset: int = 0) -> list[ChangeEvent]:
        rows = self.db.query(
            "SELECT * FROM change_events ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset)
        )
        return [_event(r) for r in rows]

    def page(
        self,
        query: ChangeQuery,
        after_id: int | None = None,
        limit: int = 50,
        backward: bool = False,
    ) -> list[ChangeEvent]:
        """One page of the log, newest first: the events after `after_id` in that order,
        or with `backward` the ones before it (None: from either end), in that order.

        Keyset paging by id, the order the log was appended in: every page is a
        seek on the primary key, however deep the reader has scrolled, where an
        OFFSET would read and skip every event above it.
        """
        where, params = _query_where(query)
        if after_id is not None:
            where.append("id > :after" if backward else "id < :after")
            params["after"] = after_id
        params["limit"] = limit
        sql = "SELECT * FROM change_events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        order = "ASC" if backward else "DESC"
        rows = self.db.query(f"{sql} ORDER BY id {order} LIMIT :limit", params)
        events = [_event(r) for r in rows]
        return events[::-1] if backward else events

    def get(self, event_id: int) -> ChangeEvent | None:
        row = self.db.query_one("SELECT * FROM change_events WHERE id = ?", (event_id,))
        return _event(row) if row else None

    def count_matching(self, query: ChangeQuery) -> int:
        """How many events match, counted up to COUNT_CAP (+1 to say "more")."""
        where, params = _query_where(query)
        if not where:
            return self.count()
        params["cap"] = COUNT_CAP + 1
        return self.db.count(
            "SELECT count(*) FROM (SELECT 1 FROM change_events WHERE "
            + " AND ".join(where)
            + " LIMIT :cap)",
            params,
        )

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
