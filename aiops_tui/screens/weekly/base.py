"""What every step of the weekly review shares: the session it works on and its table.

Each step is one widget (a Vertical in the screen's ContentSwitcher) with its
own keys; the screen walks them in order and keeps the progress. A step
never imports the screen: it gets a `Session`, which holds the store, the
agenda and the progress, and says when progress changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual.containers import Vertical
from textual.widgets import DataTable

from aiops_tui.screens.store_app import StoreApp
from aiops_tui.storage.store import Store
from aiops_tui.storage.weekly_agenda import Agenda
from aiops_tui.widgets.fast_table import FastTable
from aiops_tui.widgets.vim_keys import vim_bindings


@dataclass
class Session:
    """One weekly review in progress: what steps read and write."""

    app: StoreApp
    agenda: Agenda
    progress: dict[str, Any]
    save: Callable[[], None]
    """Remember the progress (and redraw the step list's counts)."""

    @property
    def store(self) -> Store:
        return self.app.store

    def done_list(self, key: str) -> list[Any]:
        """A list kept in the progress (decisions, metrics, completed rituals...)."""
        value = self.progress.setdefault(key, [])
        return value if isinstance(value, list) else []


class StepTable(FastTable):
    """A step's list: the same j/k as every list.

    Every column has a width, and together they fit the 76 cells a step has at
    80 columns; narrower, they shrink and drop by the priority each declares
    (FastTable), so a long cell is cut with …, never by the edge.
    """

    BINDINGS = vim_bindings("list")


class WeeklyStep(Vertical):
    """One step: `fill` from the agenda, `counts` for the step list, a table to resume in."""

    KEY: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    INTRO: ClassVar[str] = ""

    def __init__(self, session: Session) -> None:
        super().__init__(id=f"step-{self.KEY}", classes="wr-step")
        self.session = session

    @property
    def store(self) -> Store:
        return self.session.store

    @property
    def table(self) -> DataTable | None:
        """The step's main list (where the cursor is kept), if it has one."""
        found = self.query(f"#wr-{self.KEY}")
        widget = found.first() if found else None
        return widget if isinstance(widget, DataTable) else None

    def fill(self) -> None:
        """(Re)build what the step shows from the session's agenda and progress."""

    def counts(self) -> tuple[int, int] | None:
        """(done, remaining) for the step list; None for a step with nothing to count."""
        return None

    def count_words(self) -> str:
        """'2 done, 1 left', '3 left', '2 done' or 'none', for the step list and title."""
        counts = self.counts()
        if counts is None:
            return ""
        done, left = counts
        if done and left:
            return f"{done} done, {left} left"
        if done:
            return f"{done} done"
        return f"{left} left" if left else "none"

    def focus_main(self) -> None:
        table = self.table
        if table is not None:
            table.focus()

    def restore_row(self) -> None:
        """Put the cursor back where it was when the review was left."""
        table = self.table
        rows = self.session.progress.get("rows", {})
        row = rows.get(self.KEY) if isinstance(rows, dict) else None
        if table is not None and table.row_count and isinstance(row, int):
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))

    def note_row(self, table: DataTable) -> None:
        """Remember the cursor row, so leaving (or a crash) resumes on the same row."""
        if table is not self.table:
            return
        rows = self.session.progress.setdefault("rows", {})
        if isinstance(rows, dict) and rows.get(self.KEY) != table.cursor_row:
            rows[self.KEY] = table.cursor_row
            self.session.save()

    def selected_key(self) -> str | None:
        table = self.table
        if table is None or not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def keep_cursor(self, table: DataTable, row: int) -> None:
        if table.row_count:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))
