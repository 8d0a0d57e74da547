"""Figures worked out from the whole database, kept in the file for the next start.

The dashboard's scorecard, alerts, month figures and ageing count cost about
35 ms of queries at full bench size, most of a start. They are kept in
`kept_figures` (schema 3), whose triggers delete every kept figure on any
write to the data, by anyone, in the writer's own transaction. What remains
is time: each figure is kept for a day (`key`), and one that changes within
the day (a review starts ageing, a decision leaves the 30-day window) is
kept with what says, on reading, whether it still holds.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from aiops_tui import __version__
from aiops_tui.storage.db import Database

KEPT_FORMAT = 1
"""The layout of the kept JSON; with the aiops version and the day, part of the key."""


def kept_key(day: date) -> str:
    """Another aiops version may work a figure out differently: it keeps its own."""
    return f"{__version__} {KEPT_FORMAT} {day.isoformat()}"


def read_kept(db: Database, name: str, day: date) -> Any | None:
    """The JSON kept under `name` for `day` by this version, or None."""
    row = db.query_one(
        "SELECT body FROM kept_figures WHERE name = ? AND key = ?", (name, kept_key(day))
    )
    if row is None:
        return None
    try:
        return json.loads(row[0])
    except ValueError:
        return None


def keep(db: Database, name: str, day: date, body: Any) -> None:
    """Keep `body` (JSON-able) under `name` for `day`, if the file can be written now."""
    db.keep(
        "INSERT OR REPLACE INTO kept_figures (name, key, body) VALUES (?, ?, ?)",
        (name, kept_key(day), json.dumps(body, ensure_ascii=False, separators=(",", ":"))),
    )
