"""Screen 7: the change log, question 5 ("how are changes documented?") read back.

Every create, edit, decision, label move and undo is appended to the log in
the same transaction as the change itself. This screen reads it newest first,
a page at a time by keyset (the next page starts below the last id shown, so
the 100,000th event costs what the first does), filtered by workflow, person,
kind and words; `enter` opens the record a line is about.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from aiops_tui.domain.filters import ChangeQuery
from aiops_tui.domain.models import ChangeEvent
from aiops_tui.domain.words import plural
from aiops_tui.screens.base import AppScreen
from aiops_tui.screens.open_record import open_record
from aiops_tui.storage.changes import COUNT_CAP
from aiops_tui.widgets.filter_bar import FilterBar
from aiops_tui.widgets.keys_bar import KeyFooter
from aiops_tui.widgets.paged_table import Key, KeyedRow, PagedTable
from aiops_tui.widgets.title_bar import TitleBar

ACTION_STYLE = {
    "create": "green",
    "delete": "red",
    "decision": "cyan",
    "rollback": "yellow",
    "undo": "magenta",
}


def fit(text: str, style: str = "") -> Text:
    """The full text, drawn with an ellipsis when the column is narrower."""
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")


def event_cells(event: ChangeEvent) -> tuple[Text, ...]:
    return (
        Text(event.at.strftime("%Y-%m-%d %H:%M"), style="dim"),
        fit(event.who or "-"),
        Text(event.entity.replace("_", " ")),
        Text(event.action, style=ACTION_STYLE.get(event.action, "")),
        fit(event.summary),
    )


class ChangeTable(PagedTable):
    """The log; `enter` opens the record a line is about (shown in the footer)."""

    BINDINGS = [Binding("enter", "select_cursor", "Open", id="changes.open")]


class ChangeLogScreen(AppScreen):
    STYLES = "change_log.tcss"
    AUTO_FOCUS = "#change-table"
    HELP = (
        "Every create, edit, decision, label move and undo, newest first; nothing in it is"
        " ever changed or removed. `/` filters by words of the summary and by"
        " `workflow:NAME`, `who:NAME` and `kind:KIND` (a record such as prompt, review,"
        " ritual, or a change such as decision, status, rollback, undo). `enter` opens the"
        " record a line is about."
    )
    BINDINGS = [Binding("slash", "filter", "Filter", id="changes.filter")]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield FilterBar(placeholder="filter: words, workflow:NAME, who:NAME, kind:decision")
        yield Static(id="summary")
        yield ChangeTable(id="change-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        # The summary takes the rest of the line, down to 30 cells; narrower than that
        # the kind of change drops, then the kind of record.
        table.add_column("When", key="at", width=16, priority=9)
        table.add_column("Who", key="who", width=12, min_width=8, priority=8)
        table.add_column("Record", key="entity", width=10, priority=2)
        table.add_column("Change", key="action", width=8, priority=1)
        table.add_column("Summary", key="summary", min_width=30, priority=7)
        table.set_keyset(self._fetch, count=self._count)
        self.refresh_data()
        table.focus()

    @property
    def query_text(self) -> str:
        return self.query_one(FilterBar).value.strip()

    def _fetch(self, after: Key | None, limit: int, backward: bool) -> list[KeyedRow]:
        """A keyset page of the log (PagedTable holds a window of it, never all)."""
        events = self.store.changes.page(
            ChangeQuery.parse(self.query_text),
            after_id=after if isinstance(after, int) else None,
            limit=limit,
            backward=backward,
        )
        return [(event.id, str(event.id), event_cells(event)) for event in events]

    def _count(self) -> int:
        return self.store.changes.count_matching(ChangeQuery.parse(self.query_text))

    def refresh_data(self) -> None:
        table = self.query_one(PagedTable)
        table.reload(keep_key=table.selected_key)
        query = self.query_text
        count = self.store.changes.count_matching(ChangeQuery.parse(query))
        shown = f"{COUNT_CAP}+ changes" if count > COUNT_CAP else plural(count, "change")
        flt = f"  filter: {query}" if query else ""
        self.query_one("#summary", Static).update(f"{shown}, newest first{flt}")

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FilterBar):
            self.refresh_data()

    def action_filter(self) -> None:
        self.query_one(FilterBar).open()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        change = self.store.changes.get(int(key)) if key is not None else None
        if change is None:
            return
        why = await open_record(self.app, self.store, change.entity, change.entity_id)
        if why:
            self.notify(f"Nothing to open: {why}.", markup=False)
