"""Screen 6: people and their roles, tools and their cost, data-class policy.

It answers "who owns each workflow?": the role matrix shows every non-retired
workflow's four role holders (gaps first, in red) and the people table shows
each person's load. Tools carry the overlap audit; data classes the AI policy.
Each tab is its own pane (team_tabs.py); this screen switches between them and
passes the keys to the one showing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, TabbedContent

from aiops_tui.screens.base import AppScreen
from aiops_tui.screens.team_tabs import (
    DataClassesTab,
    PeopleTab,
    TeamTab,
    ToolsTab,
)
from aiops_tui.widgets.fast_table import restore_cursor
from aiops_tui.widgets.filter_bar import FilterBar, FilterKeys, filter_bindings
from aiops_tui.widgets.keys_bar import KeyFooter
from aiops_tui.widgets.paged_table import PagedTable
from aiops_tui.widgets.title_bar import TitleBar

TABS = ("people-tab", "tools-tab", "data-tab")


class TeamScreen(FilterKeys, AppScreen):
    STYLES = "team.tcss"
    AUTO_FOCUS = "#people-table"
    HELP = (
        "Who holds which role, which tools cost what, and which data AI may touch."
        " On each tab `a` adds, `e` edits, `d` removes. A person who still holds a role"
        " cannot be removed. `enter` on a role-matrix row opens the workflow; on a tool it"
        " edits its workflows; on a data class it cycles the policy (allowed, needs"
        " approval, forbidden). `[` and `]` switch tabs; `/` filters the tab showing"
        " (people by name or e-mail, tools by name, vendor or category, data classes by"
        " name, policy or description)."
    )
    BINDINGS = [
        *filter_bindings("team"),
        Binding("a", "add", "Add", id="team.add"),
        Binding("e", "edit", "Edit", id="team.edit"),
        Binding("d", "remove", "Remove", id="team.remove"),
        Binding("left_square_bracket", "tab(-1)", "Prev tab", show=False, id="team.prev_tab"),
        Binding("right_square_bracket", "tab(1)", "Next tab", show=False, id="team.next_tab"),
    ]

    _stale: set[str] = set()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield FilterBar(placeholder="filter the tab showing by name (and e-mail, vendor, policy…)")
        with TabbedContent(id="team-tabs"):
            yield PeopleTab("People", id="people-tab")
            # Built when first shown (TeamTab.build): nobody sees them on the way in, and
            # composing and styling them was a sixth of the screen's first visit.
            yield ToolsTab("Tools", id="tools-tab")
            yield DataClassesTab("Data classes", id="data-tab")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#people-table", DataTable).focus()

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Keys act on the visible tab, so its table takes the focus; a tab shown for
        the first time is built, and one not filled since the data last changed is
        filled now."""
        pane = event.pane
        if not pane.children and isinstance(pane, TeamTab):
            await pane.mount_all(pane.build())
        if self.tab != pane.id:
            # `]]` typed fast: the next tab was chosen while this one was built, and
            # focusing a table here would bring this tab back to the front.
            return
        if pane.id in self._stale and isinstance(pane, TeamTab):
            self._stale.discard(pane.id)
            pane.fill()
        tables = pane.query(DataTable)
        if tables:
            tables.first().focus()

    @property
    def filter_words(self) -> str:
        """What the tab showing is filtered by (the other tabs, when they are shown)."""
        return self.query_one(FilterBar).value

    def focus_list(self) -> None:
        """After the filter: the tab showing's main table (FilterBar asks for it)."""
        tab = self._showing()
        tab.query_one(f"#{tab.TABLE}", DataTable).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        super().on_input_changed(event)
        if isinstance(event.input, FilterBar):
            self.refresh_data()

    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active or "people-tab"

    def _showing(self) -> TeamTab:
        return self.query_one(f"#{self.tab}", TeamTab)

    def refresh_data(self) -> None:
        """Fill the visible tab; the others when they are shown (the tools tab alone
        costs 200 queries at 200 tools, and nobody sees it on the way in)."""
        self._stale = set(TABS) - {self.tab}
        self._showing().fill()

    async def select_row(self, pane_id: str, key: str | None) -> None:
        """Show a tab with the cursor on one row (the Change log and the palette open a
        person, tool or data class this way); paged people are read until it is found."""
        pane = self.query_one(f"#{pane_id}", TeamTab)
        if not pane.children:
            await pane.mount_all(pane.build())
        if pane_id in self._stale or pane_id != self.tab:
            self._stale.discard(pane_id)
            pane.fill()
        self.query_one(TabbedContent).active = pane_id
        table = pane.query(DataTable).first()
        if key is not None:
            while key not in table.rows and isinstance(table, PagedTable) and table.load_more():
                pass
            restore_cursor(table, key)
        table.focus()

    # -- keys --------------------------------------------------------------------
    def action_tab(self, step: int) -> None:
        self.query_one(TabbedContent).active = TABS[(TABS.index(self.tab) + step) % len(TABS)]

    def action_add(self) -> None:
        self._showing().add_entry()

    def action_edit(self) -> None:
        self._showing().edit_entry()

    def action_remove(self) -> None:
        self._showing().remove_entry()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self._showing().selected(event.data_table.id, None if key is None else str(key))
