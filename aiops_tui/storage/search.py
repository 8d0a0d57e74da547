"""Records found by name for the command palette: a few of each kind, straight from SQL.

Each kind is one `LIKE` with a `LIMIT`, so a search stops at the first few
matches it meets: review items (200,000 at bench size) are read newest first
and the scan ends as soon as enough titles match.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiops_tui.domain.filters import like_pattern
from aiops_tui.storage.db import Database

# kind (a change-log entity name), table, name column, order
_KINDS = (
    ("workflow", "workflows", "name", "name"),
    ("prompt", "prompts", "name", "name"),
    ("review", "review_items", "title", "id DESC"),
    ("person", "people", "name", "name"),
    ("tool", "tools", "name", "name"),
    ("ritual", "rituals", "name", "name"),
)


@dataclass(frozen=True)
class Found:
    kind: str
    id: int
    name: str


class SearchRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def by_name(self, text: str, per_kind: int = 5) -> list[Found]:
        """Up to `per_kind` records of each kind whose name contains `text`."""
        text = text.strip()
        if not text:
            return []
        pattern = like_pattern(text)
        found: list[Found] = []
        for kind, table, column, order in _KINDS:
            rows = self.db.query(
                f"SELECT id, {column} FROM {table} WHERE {column} LIKE ? ESCAPE '\\'"
                f" ORDER BY {order} LIMIT ?",
                (pattern, per_kind),
            )
            found.extend(Found(kind, int(r[0]), str(r[1])) for r in rows)
        return found
