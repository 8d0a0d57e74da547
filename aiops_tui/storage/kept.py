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

import functools
import hashlib
import importlib.util
import json
from datetime import date
from pathlib import Path
from typing import Any

from aiops_tui import __version__
from aiops_tui.storage.db import Database

KEPT_FORMAT = 1
"""The layout of the kept JSON; with the aiops version and the day, part of the key."""

WORKED_OUT_BY = (
    "aiops_tui.storage.health",
    "aiops_tui.storage.health_figures",
    "aiops_tui.storage.reviews",
    "aiops_tui.storage.metrics",
    "aiops_tui.storage.kept",
    "aiops_tui.domain.drift",
    "aiops_tui.domain.staleness",
    "aiops_tui.domain.models",
    "aiops_tui.domain.vocabulary",
    "aiops_tui.domain.outcomes",
    "aiops_tui.domain.policy",
    "aiops_tui.storage.rules_sql",
    "aiops_tui.storage.outcomes",
)
"""The modules whose code works the kept figures out."""


@functools.cache
def code_fingerprint() -> str:
    """A digest of the code in WORKED_OUT_BY: figures kept by other code are not read.

    The version alone would let a changed rule (a checkout between releases, a
    patched install) show figures worked out the old way until the next write.
    Reading and hashing the files costs a fraction of a millisecond, once; the
    files are found without importing them (`aiops check` needs none of pydantic).
    """
    digest = hashlib.blake2b(digest_size=6)
    for name in WORKED_OUT_BY:
        spec = importlib.util.find_spec(name)
        source = spec.origin if spec is not None else None
        try:
            digest.update(Path(source or name).read_bytes())
        except OSError:
            digest.update(name.encode())  # no source to read: the version has to do
    return digest.hexdigest()


def kept_key(day: date) -> str:
    """Other code may work a figure out differently: it keeps its own."""
    return f"{__version__} {KEPT_FORMAT} {code_fingerprint()} {day.isoformat()}"


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
