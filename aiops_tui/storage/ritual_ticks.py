"""Checklist lines ticked on a ritual that is not completed yet, and who ticked each.

Ticks are in-progress state, not history: they live in the app_state table (one
key per ritual) so they survive a restart, and `clear` drops them once the
Completion records them. Who ticked a line is the store's actor at the time, so
the person chosen in the app (or `--as`) is the one named beside the line. A tick
writes no change-log line, but `ctrl+z` undoes it like any change (storage/undo.py).
"""

from __future__ import annotations

from aiops_tui.domain.cadence import next_open_line
from aiops_tui.domain.models import Ritual
from aiops_tui.storage.app_state import AppStateRepo
from aiops_tui.storage.db import Database
from aiops_tui.storage.undo import rows_where, undoable


def ticks_key(ritual_id: int) -> str:
    return f"ritual_ticks:{ritual_id}"


def _parsed(raw: object, lines: int) -> dict[int, str]:
    """Stored `[[index, who], ...]`; a bare index (written before names were kept) has no who."""
    ticks: dict[int, str] = {}
    if not isinstance(raw, list):
        return ticks
    for entry in raw:
        if isinstance(entry, list) and len(entry) == 2:
            index, who = entry
        else:
            index, who = entry, ""
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < lines:
            ticks[index] = str(who) if isinstance(who, str) else ""
    return ticks


class RitualTicks:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.state = AppStateRepo(db)

    def get(self, ritual: Ritual) -> dict[int, str]:
        """Ticked line numbers still in the checklist (an edit may have shortened it)."""
        return _parsed(self.state.get(ticks_key(ritual.id or 0), []), len(ritual.checklist))

    def toggle(self, ritual: Ritual, index: int | None = None) -> int | None:
        """Tick or untick line `index` (None: the first open line); the line, or None if all done."""
        ticks = self.get(ritual)
        if index is None:
            index = next_open_line(len(ritual.checklist), ticks)
            if index is None:
                return None
        verb = "unticked" if index in ticks else "ticked"
        if index in ticks:
            del ticks[index]
        else:
            ticks[index] = self.db.actor
        words = f"{verb} {ritual.checklist[index]!r} on {ritual.name}"
        self._save(ritual.id or 0, ticks, words)
        return index

    def clear(self, ritual_id: int) -> None:
        self._save(ritual_id, {}, f"cleared the ticks of ritual #{ritual_id}")

    def _save(self, ritual_id: int, ticks: dict[int, str], words: str) -> None:
        """Keep `ticks` (none: drop the key), as one change `ctrl+z` can take back."""
        key = ticks_key(ritual_id)
        kind = ("ritual", ritual_id, "tick", words)
        with undoable(self.db, rows_where("app_state", key=key), kind=kind):
            if ticks:
                self.state.set(key, [[i, ticks[i]] for i in sorted(ticks)])
            else:
                self.state.delete(key)
