"""Operating cadence: rituals, their checklists and completions."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from aiops_tui.domain.cadence import next_due
from aiops_tui.domain.models import Completion, Ritual
from aiops_tui.storage.db import Database, StoreError
from aiops_tui.storage.ritual_ticks import ticks_key
from aiops_tui.storage.rows import to_model
from aiops_tui.storage.undo import rows_added, rows_where, undoable


@dataclass(frozen=True)
class RitualRow:
    ritual: Ritual
    owner: str | None
    last_done: date | None
    next_due: date


def _ritual(row: sqlite3.Row) -> Ritual:
    return to_model(Ritual, row, json_fields=("checklist",))


def _stored(ritual: Ritual) -> tuple[object, ...]:
    """The columns name .. active as stored, in the order insert and update list them."""
    return (
        ritual.name,
        str(ritual.interval),
        ritual.every_days,
        str(ritual.anchor),
        ritual.anchor_day,
        ritual.owner_id,
        json.dumps(ritual.checklist),
        int(ritual.active),
    )


def _completion(row: sqlite3.Row) -> Completion:
    return to_model(Completion, row, json_fields=("ticked",))


def check_schedule(ritual: Ritual) -> None:
    """Refuse an anchor day that does not fit the interval, before it is stored.

    `next_due` raises for such a row; a stored one would break the cadence list.
    """
    try:
        next_due(
            ritual.interval, ritual.every_days, ritual.anchor, ritual.anchor_day, None, date.today()
        )
    except ValueError as error:
        raise StoreError(str(error)) from None


class RitualsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def all_rows(self, include_inactive: bool = False) -> list[RitualRow]:
        """Every ritual with its next due date, soonest first."""
        where = "" if include_inactive else "WHERE r.active = 1"
        rows = self.db.query(
            "SELECT r.*, p.name AS owner_name,"
            " (SELECT max(completed_at) FROM completions c WHERE c.ritual_id = r.id) AS last_done"
            f" FROM rituals r LEFT JOIN people p ON p.id = r.owner_id {where}"
        )
        result = []
        for row in rows:
            ritual = _ritual(row)
            last = datetime.fromisoformat(row["last_done"]).date() if row["last_done"] else None
            created = (ritual.created_at or self.db.clock()).date()
            due = next_due(
                ritual.interval, ritual.every_days, ritual.anchor, ritual.anchor_day, last, created
            )
            result.append(RitualRow(ritual, row["owner_name"], last, due))
        return sorted(result, key=lambda r: (r.next_due, r.ritual.name))

    def get(self, ritual_id: int) -> Ritual | None:
        row = self.db.query_one("SELECT * FROM rituals WHERE id = ?", (ritual_id,))
        return _ritual(row) if row else None

    def by_name(self, name: str) -> Ritual | None:
        row = self.db.query_one("SELECT * FROM rituals WHERE name = ?", (name.strip(),))
        return _ritual(row) if row else None

    def add(self, ritual: Ritual) -> Ritual:
        if self.by_name(ritual.name):
            raise StoreError(f"a ritual named {ritual.name!r} already exists")
        check_schedule(ritual)
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO rituals (name, interval, every_days, anchor, anchor_day, owner_id,"
                " checklist, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    *_stored(ritual),
                    (ritual.created_at or self.db.clock()).isoformat(timespec="seconds"),
                ),
            )
            self.db.record_change("ritual", cur.lastrowid, "create", f"added ritual {ritual.name}")
        return self.get(int(cur.lastrowid or 0)) or ritual

    def update(self, ritual: Ritual) -> Ritual:
        if self.get(ritual.id or 0) is None:
            raise StoreError("that ritual no longer exists")
        clash = self.by_name(ritual.name)
        if clash and clash.id != ritual.id:
            raise StoreError(f"a ritual named {ritual.name!r} already exists")
        check_schedule(ritual)
        with undoable(self.db, rows_where("rituals", id=ritual.id)) as conn:
            conn.execute(
                "UPDATE rituals SET name = ?, interval = ?, every_days = ?, anchor = ?,"
                " anchor_day = ?, owner_id = ?, checklist = ?, active = ? WHERE id = ?",
                (*_stored(ritual), ritual.id),
            )
            self.db.record_change("ritual", ritual.id, "update", f"edited ritual {ritual.name}")
        return ritual

    def complete(self, completion: Completion) -> Completion:
        """Record a completion; the ritual's ticks are cleared with it (they were for it)."""
        ritual = self.get(completion.ritual_id)
        if ritual is None:
            raise StoreError("that ritual no longer exists")
        bad = [i for i in completion.ticked if not 0 <= i < len(ritual.checklist)]
        if bad:
            raise StoreError(f"checklist line {bad[0] + 1} does not exist")
        key = ticks_key(ritual.id or 0)
        watches = rows_added("completions"), rows_where("app_state", key=key)
        with undoable(self.db, *watches) as conn:
            conn.execute("DELETE FROM app_state WHERE key = ?", (key,))
            cur = conn.execute(
                "INSERT INTO completions (ritual_id, who, completed_at, notes, ticked)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    completion.ritual_id,
                    completion.who or self.db.actor,
                    completion.completed_at.isoformat(timespec="seconds"),
                    completion.notes,
                    json.dumps(sorted(set(completion.ticked))),
                ),
            )
            self.db.record_change(
                "ritual",
                ritual.id,
                "complete",
                f"completed {ritual.name} ({len(set(completion.ticked))}/"
                f"{len(ritual.checklist)} lines)",
                who=completion.who or self.db.actor,
            )
        return completion.model_copy(update={"id": cur.lastrowid})

    def completions(self, ritual_id: int, limit: int = 50) -> list[Completion]:
        rows = self.db.query(
            "SELECT * FROM completions WHERE ritual_id = ? ORDER BY completed_at DESC, id DESC"
            " LIMIT ?",
            (ritual_id, limit),
        )
        return [_completion(r) for r in rows]

    def last_completion(self, ritual_id: int) -> Completion | None:
        found = self.completions(ritual_id, limit=1)
        return found[0] if found else None

    def completion_count(self, ritual_id: int) -> int:
        return self.db.count("SELECT count(*) FROM completions WHERE ritual_id = ?", (ritual_id,))

    def last_done_at(self, name: str) -> datetime | None:
        """When the ritual called `name` was last completed (None: never, or no such ritual)."""
        value = self.db.scalar(
            "SELECT max(c.completed_at) FROM completions c JOIN rituals r ON r.id = c.ritual_id"
            " WHERE r.name = ?",
            (name.strip(),),
        )
        return datetime.fromisoformat(str(value)) if value else None
