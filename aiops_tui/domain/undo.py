"""Undo of this session's last change: what can be undone, and the shape of an undo.

An undo entry is the inverse of one change as rows: for each row the change
touched, its values before and after. Undoing puts the "before" values back,
but only while the row still holds the "after" ones: a row changed since (by
another program, or another window on the same file) is never overwritten.

The stack lives for one session (one open store); it is never saved. What an
undo restores is written to the database, so it survives a restart like any
other change, and the undo itself is a line in the change log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Row = Mapping[str, object]
"""A row's columns and values, as stored."""
Key = tuple[tuple[str, object], ...]
"""A row's primary key: (column, value) pairs."""

UNDOABLE: frozenset[tuple[str, str]] = frozenset(
    {
        ("workflow", "update"),
        ("workflow", "status"),
        ("workflow", "review"),
        ("workflow", "tools"),
        ("tool", "update"),
        ("tool", "links"),
        ("person", "update"),
        ("data_class", "update"),
        ("ritual", "update"),
        ("ritual", "tick"),
        ("ritual", "complete"),
        ("prompt", "label"),
        ("prompt", "rollback"),
        ("review", "decision"),
        ("metric", "create"),
    }
)
"""(entity, action) of the change-log kinds that can be undone: edits, status moves,
"mark reviewed", tool links, checklist ticks, completions, label moves, decisions and
metric entries. Creating a record (other than a metric entry), a new prompt version,
a removal, an import, a restore and a sample load cannot: see the README."""

STACK_LIMIT = 200
"""The oldest entries are forgotten past this many: a long session keeps no more."""


def is_undoable(kinds: Iterable[tuple[str, str]]) -> bool:
    """Whether one change made of these (entity, action) kinds can be undone: all of
    them must be undoable (a workflow added with its tools in one save cannot)."""
    found = list(kinds)
    return bool(found) and all(kind in UNDOABLE for kind in found)


@dataclass(frozen=True)
class RowChange:
    """One row as a change left it: `before` None if the change added it, `after` None
    if the change removed it."""

    table: str
    key: Key
    before: Row | None
    after: Row | None

    def holds_after(self, current: Row | None) -> bool:
        """Whether the row is still as the change left it (so undoing loses nothing)."""
        if self.after is None or current is None:
            return self.after is None and current is None
        return all(current.get(col) == value for col, value in self.after.items())


@dataclass(frozen=True)
class UndoEntry:
    """One undoable change: its rows, and the words, record and kind the change log used
    (the first line's, when the change wrote several)."""

    description: str
    entity: str
    entity_id: int | None
    action: str
    changes: tuple[RowChange, ...]


def row_changes(table: str, before: Mapping[Key, Row], after: Mapping[Key, Row]) -> list[RowChange]:
    """The rows that differ between two snapshots of the same rows of `table`.

    A row updated keeps only the columns that changed: undo puts back no more than
    the change wrote (a long draft beside a status is not held), and a column
    someone else wrote since is theirs to keep.
    """
    changes: list[RowChange] = []
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key), after.get(key)
        if old is not None and new is not None:
            changed = [col for col in new if old.get(col) != new[col]]
            if changed:
                changes.append(
                    RowChange(
                        table, key, {c: old.get(c) for c in changed}, {c: new[c] for c in changed}
                    )
                )
        elif old is not None or new is not None:
            changes.append(RowChange(table, key, old, new))
    return changes


@dataclass
class UndoStack:
    """The session's undoable changes, newest last, and the change being recorded.

    A change may span several writes (a workflow saved, then its tools linked): while
    a group is open (`depth` > 0) their rows and change-log kinds gather in `pending`
    and `kinds`, and closing the outermost group makes them one entry.
    """

    entries: list[UndoEntry] = field(default_factory=list)
    depth: int = 0
    pending: list[RowChange] = field(default_factory=list)
    kinds: list[tuple[str, int | None, str, str]] = field(default_factory=list)
    """(entity, entity_id, action, summary) of each change-log line of the open group."""

    def __len__(self) -> int:
        return len(self.entries)

    def push(self, entry: UndoEntry) -> None:
        self.entries.append(entry)
        del self.entries[:-STACK_LIMIT]

    def pop(self) -> UndoEntry | None:
        return self.entries.pop() if self.entries else None

    def clear(self) -> None:
        self.entries.clear()

    def close_group(self) -> UndoEntry | None:
        """The entry the finished group makes (None: nothing to undo, or not undoable);
        the group's gathered rows are dropped either way."""
        pending, kinds = self.pending, self.kinds
        self.pending, self.kinds = [], []
        if not pending or not is_undoable((entity, action) for entity, _, action, _ in kinds):
            return None
        entity, entity_id, action, _ = kinds[0]
        description = "; ".join(k[3] for k in kinds)
        return UndoEntry(description, entity, entity_id, action, tuple(pending))
