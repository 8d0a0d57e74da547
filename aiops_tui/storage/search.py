"""Records found by name for the command palette: a few of each kind, straight from SQL.

Each kind is one `LIKE` with a `LIMIT`, so a search stops at the first few
matches it meets. Review items are searched among the newest REVIEWS_SEARCHED
only: a title LIKE can use no index, and the table holds every draft's text,
so a word found nowhere in 200,000 items read the whole file (3.4 s cold at
bench size, against 2 ms for the newest 2,000). The Review screen's `/` filter
reaches older ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiops_tui.domain.filters import like_pattern
from aiops_tui.storage.db import Database

REVIEWS_SEARCHED = 2_000

# kind (a change-log entity name), table, name column, extra condition, order
_KINDS = (
    ("workflow", "workflows", "name", "", "name"),
    ("prompt", "prompts", "name", "", "name"),
    (
        "review",
        "review_items",
        "title",
        f" AND id > (SELECT max(id) FROM review_items) - {REVIEWS_SEARCHED}",
        "id DESC",
    ),
    ("person", "people", "name", "", "name"),
    ("tool", "tools", "name", "", "name"),
    ("ritual", "rituals", "name", "", "name"),
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
        for kind, table, column, recent, order in _KINDS:
            rows = self.db.query(
                f"SELECT id, {column} FROM {table} WHERE {column} LIKE ? ESCAPE '\\'{recent}"
                f" ORDER BY {order} LIMIT ?",
                (pattern, per_kind),
            )
            found.extend(Found(kind, int(r[0]), str(r[1])) for r in rows)
        return found
