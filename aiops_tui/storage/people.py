"""People: names that hold roles on workflows."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from aiops_tui.domain.filters import like_pattern
from aiops_tui.domain.models import Person
from aiops_tui.storage.db import Database, StoreError
from aiops_tui.storage.rows import to_model
from aiops_tui.storage.undo import rows_where, undoable

ROLE_COLUMNS: dict[str, str] = {
    "owner": "owner_id",
    "builder": "builder_id",
    "reviewer": "reviewer_id",
    "doc_owner": "doc_owner_id",
    "signoff": "signoff_id",
}


@dataclass(frozen=True)
class RoleHolding:
    workflow_id: int
    workflow: str
    status: str
    role: str


@dataclass(frozen=True)
class MatrixRow:
    """One workflow of the role matrix: who holds each role (None = nobody)."""

    workflow_id: int
    workflow: str
    status: str
    owner: str | None
    builder: str | None
    reviewer: str | None
    doc_owner: str | None
    signoff: str | None

    @property
    def empty_roles(self) -> list[str]:
        """The four roles DESIGN.md asks every workflow to fill (sign-off is policy)."""
        roles = {
            "owner": self.owner,
            "builder": self.builder,
            "reviewer": self.reviewer,
            "doc_owner": self.doc_owner,
        }
        return [role for role, holder in roles.items() if holder is None]


_FOUR = ("owner_id", "builder_id", "reviewer_id", "doc_owner_id")
_GAP = " OR ".join(f"w.{col} IS NULL" for col in _FOUR)
"""schema.ROLE_GAP with the table named: the workflows_role_gaps index serves only it."""


def _person(row: sqlite3.Row) -> Person:
    return to_model(Person, row)


class PeopleRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def all_rows(self) -> list[Person]:
        return [_person(r) for r in self.db.query("SELECT * FROM people ORDER BY name")]

    def count(self) -> int:
        return self.db.count("SELECT count(*) FROM people")

    def get(self, person_id: int) -> Person | None:
        row = self.db.query_one("SELECT * FROM people WHERE id = ?", (person_id,))
        return _person(row) if row else None

    def by_name(self, name: str) -> Person | None:
        row = self.db.query_one("SELECT * FROM people WHERE name = ?", (name.strip(),))
        return _person(row) if row else None

    def names(self) -> dict[int, str]:
        return {r["id"]: r["name"] for r in self.db.query("SELECT id, name FROM people")}

    def add(self, person: Person) -> Person:
        if self.by_name(person.name):
            raise StoreError(f"a person named {person.name!r} already exists")
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO people (name, email, active) VALUES (?, ?, ?)",
                (person.name, person.email, int(person.active)),
            )
            self.db.record_change("person", cur.lastrowid, "create", f"added {person.name}")
        return person.model_copy(update={"id": cur.lastrowid})

    def update(self, person: Person) -> Person:
        old = self.get(person.id or 0)
        if old is None:
            raise StoreError("that person no longer exists")
        clash = self.by_name(person.name)
        if clash and clash.id != person.id:
            raise StoreError(f"a person named {person.name!r} already exists")
        with undoable(self.db, rows_where("people", id=person.id)) as conn:
            conn.execute(
                "UPDATE people SET name = ?, email = ?, active = ? WHERE id = ?",
                (person.name, person.email, int(person.active), person.id),
            )
            summary = (
                f"renamed {old.name} to {person.name}"
                if old.name != person.name
                else f"updated {person.name}"
            )
            self.db.record_change("person", person.id, "update", summary)
        return person

    def roles_held(self, person_id: int) -> list[RoleHolding]:
        parts = " UNION ALL ".join(
            f"SELECT id, name, status, '{role}' AS role FROM workflows WHERE {col} = :p"
            for role, col in ROLE_COLUMNS.items()
        )
        rows = self.db.query(f"{parts} ORDER BY 2, 4", {"p": person_id})
        return [RoleHolding(r[0], r[1], r[2], r[3]) for r in rows]

    def remove(self, person_id: int) -> None:
        """Refused while the person holds a role: a workflow must never lose its owner silently."""
        person = self.get(person_id)
        if person is None:
            raise StoreError("that person no longer exists")
        held = self.roles_held(person_id)
        if held:
            first = ", ".join(f"{h.role} of {h.workflow}" for h in held[:3])
            more = f" and {len(held) - 3} more" if len(held) > 3 else ""
            raise StoreError(
                f"{person.name} still holds roles ({first}{more}); reassign them first"
            )
        rituals = self.db.query("SELECT name FROM rituals WHERE owner_id = ?", (person_id,))
        if rituals:
            raise StoreError(
                f"{person.name} owns the ritual {rituals[0]['name']!r}; reassign it first"
            )
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
            self.db.record_change("person", person_id, "delete", f"removed {person.name}")

    def load(
        self, limit: int = -1, offset: int = 0, words: str = ""
    ) -> list[tuple[Person, dict[str, int]]]:
        """Each person with how many roles of each kind they hold on non-retired workflows.

        `limit` and `offset` page it (the Team screen shows a page at a time); -1: all.
        `words`: only people whose name or e-mail holds every one of them (any case).
        """
        cols = ", ".join(
            f"(SELECT count(*) FROM workflows w WHERE w.{col} = p.id AND w.status != 'retired')"
            f" AS {role}"
            for role, col in ROLE_COLUMNS.items()
        )
        where = " AND ".join(
            "(p.name LIKE ? ESCAPE '\\' OR coalesce(p.email, '') LIKE ? ESCAPE '\\')"
            for _ in words.split()
        )
        params = [like_pattern(w) for w in words.split() for _ in (0, 1)]
        rows = self.db.query(
            f"SELECT p.*, {cols} FROM people p {'WHERE ' + where if where else ''}"
            " ORDER BY p.name, p.id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [(_person(r), {role: r[role] for role in ROLE_COLUMNS}) for r in rows]

    # -- role matrix -------------------------------------------------------------
    def matrix_page(self, limit: int = 100, offset: int = 0) -> list[MatrixRow]:
        """Non-retired workflows and their role holders, gaps first, paged from SQL."""
        joins = " ".join(
            f"LEFT JOIN people {role[0]}{i} ON {role[0]}{i}.id = w.{col}"
            for i, (role, col) in enumerate(ROLE_COLUMNS.items())
        )
        names = ", ".join(f"{role[0]}{i}.name AS {role}" for i, role in enumerate(ROLE_COLUMNS))
        rows = self.db.query(
            f"SELECT w.id, w.name, w.status, {names} FROM workflows w {joins}"
            f" WHERE w.status != 'retired' ORDER BY ({_GAP}) DESC, w.name COLLATE NOCASE, w.id"
            " LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [MatrixRow(*tuple(r)) for r in rows]

    def empty_role_count(self) -> int:
        """How many non-retired workflows miss an owner, builder, reviewer or doc owner."""
        return self.db.count(
            # "= 1": as a comparison, SQLite reads the gaps from workflows_role_gaps.
            f"SELECT count(*) FROM workflows w WHERE w.status != 'retired' AND ({_GAP}) = 1"
        )
