"""Small remembered values: the last reviewer chosen, a weekly review in progress."""

from __future__ import annotations

import json

from aiops_tui.storage.db import Database


class AppStateRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: object = None) -> object:
        row = self.db.query_one("SELECT value FROM app_state WHERE key = ?", (key,))
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: object) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO app_state (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )

    def delete(self, key: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM app_state WHERE key = ?", (key,))
