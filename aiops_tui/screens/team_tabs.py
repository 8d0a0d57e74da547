"""The Team screen's three tabs, each its own pane: people and the role matrix,
tools and their overlap audit, data classes and their AI policy.

A tab fills its own tables and answers the screen's `a` / `e` / `d` and `enter`
for what it shows; TeamScreen (team.py) only switches tabs and passes keys on.
Tools and data classes compose their widgets when first shown (`build`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from aiops_tui.domain.filters import words_match
from aiops_tui.domain.models import DataPolicy, Person, Tool
from aiops_tui.domain.words import plural
from aiops_tui.screens.base import AppScreen
from aiops_tui.screens.confirm import ConfirmScreen
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store
from aiops_tui.widgets.fast_table import FastTable, restore_cursor
from aiops_tui.widgets.notices import notify_refused
from aiops_tui.widgets.paged_table import PagedTable, Row
from aiops_tui.widgets.safe_text import display_safe, safe_cell
from aiops_tui.widgets.vim_keys import vim_bindings

POLICY_STYLE = {"allowed": "green", "needs_approval": "yellow", "forbidden": "bold red"}
POLICY_CYCLE = [DataPolicy.ALLOWED, DataPolicy.NEEDS_APPROVAL, DataPolicy.FORBIDDEN]
ROLES = ("owner", "builder", "reviewer", "doc_owner", "signoff")


class ToolTable(FastTable):
    """`enter` on a tool edits which workflows use it."""

    BINDINGS = [
        *vim_bindings("list"),
        Binding("enter", "select_cursor", "Workflows", id="team.tool_links"),
    ]


class MatrixTable(PagedTable):
    """`enter` on a workflow of the role matrix opens it, to fill an empty role."""

    BINDINGS = [Binding("enter", "select_cursor", "Open workflow", id="team.open_workflow")]


class PolicyTable(FastTable):
    """`enter` on a data class moves its policy to the next value."""

    BINDINGS = [
        *vim_bindings("list"),
        Binding("enter", "select_cursor", "Next policy", id="team.policy_next"),
    ]


class TeamTab(TabPane):
    """One tab: what it shows, and what `a`, `e`, `d` and `enter` do there."""

    TABLE = ""
    """The id of the tab's main table (the one the keys act on)."""

    def on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        """A late focus message (`]]` typed fast) must not bring back the tab left behind:
        TabbedContent shows the pane a widget was focused in when the message arrives."""
        if self.query_ancestor(TabbedContent).active != self.id:
            event.stop()

    @property
    def store(self) -> Store:
        return cast(AppScreen, self.screen).store

    @property
    def filter_words(self) -> str:
        """The screen's `/` filter (TeamScreen.filter_words), read without importing it."""
        return str(getattr(self.screen, "filter_words", ""))

    def build(self) -> list[Widget]:
        """The widgets of a tab composed only when it is first shown ([] when composed)."""
        return []

    def fill(self) -> None:
        """Re-read what the tab shows."""

    def add_entry(self) -> None: ...

    def edit_entry(self) -> None: ...

    def remove_entry(self) -> None: ...

    def selected(self, table_id: str | None, key: str | None) -> None:
        """`enter` on a row of one of the tab's tables."""

    def cursor_key(self, table_id: str | None = None) -> str | None:
        """The row key under the cursor of `table_id` (default: the main table)."""
        table = self.query_one(f"#{table_id or self.TABLE}", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def saved(self, result: object) -> None:
        """After a form: re-read the screen if something was saved."""
        if result is not None:
            cast(AppScreen, self.screen).refresh_data()

    def confirm_remove(self, question: str, remove: Callable[[], object], done: str) -> None:
        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                remove()
            except StoreError as error:
                notify_refused(self, str(error), "Not removed")
                return
            self.notify(done, markup=False)
            self.saved(True)

        self.app.push_screen(ConfirmScreen(question), answer)


class PeopleTab(TeamTab):
    """People with their load, and the role matrix (gaps first, in red)."""

    TABLE = "people-table"

    def compose(self) -> ComposeResult:
        yield PagedTable(id="people-table")
        yield Static(id="matrix-title", classes="section")
        yield MatrixTable(id="matrix-table")

    def on_mount(self) -> None:
        people = self.query_one("#people-table", PagedTable)
        # Narrow, the e-mail shrinks and drops first; the name and load stay.
        people.add_column("Name", min_width=10, priority=9)
        people.add_column("Email", min_width=12, priority=0)
        for label in ("Owner", "Builder", "Reviewer", "Doc owner", "Sign-off"):
            people.add_column(label, priority=2)
        people.add_column("Load", priority=8)
        people.set_fetch(self._people_rows)
        matrix = self.query_one("#matrix-table", PagedTable)
        # The workflow's name shrinks first; the roles stay as long as they can.
        matrix.add_column("Workflow", min_width=16, priority=9)
        matrix.add_column("Status", priority=1)
        for label in ("Owner", "Builder", "Reviewer", "Doc owner"):
            matrix.add_column(label, min_width=8, priority=5)
        matrix.add_column("Sign-off", min_width=8, priority=5)
        matrix.set_fetch(self._matrix_rows)

    def _people_rows(self, offset: int, limit: int) -> list[Row]:
        return [
            (
                str(person.id),
                (
                    safe_cell(person.name),
                    safe_cell(person.email or ""),
                    *[str(load[r]) for r in ROLES],
                    Text(str(sum(load.values())), style="bold"),
                ),
            )
            for person, load in self.store.people.load(
                limit=limit, offset=offset, words=self.filter_words
            )
        ]

    def _matrix_rows(self, offset: int, limit: int) -> list[Row]:
        def holder(name: str | None, role: str) -> Text:
            if name:
                return Text(name)
            return Text("empty", style="bold red") if role != "signoff" else Text("-", style="dim")

        rows = self.store.people.matrix_page(limit=limit, offset=offset)
        return [
            (
                str(r.workflow_id),
                (
                    Text(r.workflow, style="bold red" if r.empty_roles else ""),
                    r.status,
                    *[holder(getattr(r, role), role) for role in ROLES],
                ),
            )
            for r in rows
        ]

    def fill(self) -> None:
        people = self.query_one("#people-table", PagedTable)
        people.reload(keep_key=self.cursor_key())
        gaps = self.store.people.empty_role_count()
        title = "Role matrix (non-retired workflows, gaps first)"
        if gaps:
            title += f"  {gaps} with an empty role"
        self.query_one("#matrix-title", Static).update(title)
        self.query_one("#matrix-table", PagedTable).reload()

    def _person(self) -> Person | None:
        key = self.cursor_key()
        return self.store.people.get(int(key)) if key else None

    def add_entry(self) -> None:
        from aiops_tui.screens.person_form import PersonForm  # loaded on first use

        self.app.push_screen(PersonForm(self.store), self.saved)

    def edit_entry(self) -> None:
        from aiops_tui.screens.person_form import PersonForm  # loaded on first use

        person = self._person()
        if person:
            self.app.push_screen(PersonForm(self.store, person), self.saved)

    def remove_entry(self) -> None:
        person = self._person()
        if person:
            self.confirm_remove(
                f"Remove {person.name}?",
                lambda: self.store.people.remove(person.id or 0),
                f"Removed {person.name}.",
            )

    def selected(self, table_id: str | None, key: str | None) -> None:
        from aiops_tui.screens.workflow_detail import WorkflowDetailScreen  # loaded on first use

        if table_id == "matrix-table" and key is not None:
            self.app.push_screen(WorkflowDetailScreen(int(key)))


class ToolsTab(TeamTab):
    """Tools with their cost and use, and the overlap audit."""

    TABLE = "tools-table"

    def build(self) -> list[Widget]:
        tools = ToolTable(id="tools-table", cursor_type="row", zebra_stripes=True)
        # "Used by" takes what is left; narrow, the vendor and counts drop first.
        tools.add_column("Tool", min_width=10, priority=9)
        tools.add_column("Vendor", min_width=8, priority=1)
        tools.add_column("Category", min_width=8, priority=4)
        tools.add_column("Monthly cost", priority=8)
        tools.add_column("Workflows", priority=2)
        tools.add_column("Active", priority=3)
        tools.add_column("Used by", min_width=12, priority=5)
        # In a focusable scroller: a long audit is capped (team.tcss) and read by keys.
        audit = VerticalScroll(Static(id="audit"), id="audit-box")
        audit.border_title = "Overlap audit"
        return [tools, audit]

    def fill(self) -> None:
        tools = self.query_one("#tools-table", DataTable)
        keep = self.cursor_key()
        tools.clear()
        words = self.filter_words
        for row in self.store.tools.all_rows():
            t = row.tool
            if not words_match(words, t.name, t.vendor, t.category):
                continue
            used_by = ", ".join(name for _, name in self.store.tools.workflows_of(t.id or 0))
            tools.add_row(
                safe_cell(t.name),
                safe_cell(t.vendor),
                safe_cell(t.category),
                Text(f"{t.monthly_cost:.2f}", justify="right"),
                str(row.workflows),
                Text(
                    str(row.active_workflows), style="bold red" if not row.active_workflows else ""
                ),
                safe_cell(used_by[:60]),
                key=str(t.id),
            )
        restore_cursor(tools, keep)
        self.query_one("#audit", Static).update(
            Text("\n".join(display_safe(line) for line in self._audit_lines()))
        )

    def _audit_lines(self) -> list[str]:
        audit = self.store.tools.audit()
        lines = [
            f"Total {audit.total_monthly_cost:.2f}/month across {audit.active_workflows} active"
            f" workflows ({audit.cost_per_active_workflow:.2f} each)."
        ]
        for category, names in audit.shared_categories:
            lines.append(f"Overlap: {category} has {len(names)} tools ({', '.join(names)}).")
        for tool in audit.unused:
            lines.append(
                f"Unused: {tool.name} costs {tool.monthly_cost:.2f}/month, no active workflow."
            )
        if audit.cost_by_workflow:
            split = ", ".join(f"{name} {cost:.2f}" for name, cost in audit.cost_by_workflow[:6])
            lines.append(f"Cost per active workflow (shared tools split): {split}.")
        return lines

    def _tool(self) -> Tool | None:
        key = self.cursor_key()
        return self.store.tools.get(int(key)) if key else None

    def add_entry(self) -> None:
        from aiops_tui.screens.tool_form import ToolForm  # loaded on first use

        self.app.push_screen(ToolForm(self.store), self.saved)

    def edit_entry(self) -> None:
        from aiops_tui.screens.tool_form import ToolForm  # loaded on first use

        tool = self._tool()
        if tool:
            self.app.push_screen(ToolForm(self.store, tool), self.saved)

    def remove_entry(self) -> None:
        tool = self._tool()
        if tool:
            users = len(self.store.tools.workflows_of(tool.id or 0))
            linked = (
                f" It is linked to {plural(users, 'workflow')}; the links go too." if users else ""
            )
            self.confirm_remove(
                f"Remove the tool {tool.name}?{linked}",
                lambda: self.store.tools.remove(tool.id or 0),
                f"Removed {tool.name}.",
            )

    def selected(self, table_id: str | None, key: str | None) -> None:
        from aiops_tui.screens.tool_form import ToolLinksForm  # loaded on first use

        tool = self._tool()
        if table_id == self.TABLE and tool:
            self.app.push_screen(ToolLinksForm(self.store, tool), self.saved)


class DataClassesTab(TeamTab):
    """The six data classes and whether AI may touch them; `e` or `enter` cycles one."""

    TABLE = "data-table"

    def build(self) -> list[Widget]:
        data = PolicyTable(id="data-table", cursor_type="row", zebra_stripes=True)
        data.add_column("Data class", priority=9)
        data.add_column("Policy", priority=8)
        data.add_column("About", min_width=12, priority=1)
        hint = Static(
            "A class that is forbidden cannot be listed as allowed data by any"
            " workflow; forbidding one that a workflow still lists is refused.",
            classes="hint",
        )
        return [data, hint]

    def fill(self) -> None:
        data = self.query_one("#data-table", DataTable)
        keep = self.cursor_key()
        data.clear()
        words = self.filter_words
        for dc in self.store.data_classes.all_rows():
            if not words_match(words, str(dc.name), str(dc.policy), dc.description):
                continue
            data.add_row(
                str(dc.name),
                Text(str(dc.policy).replace("_", " "), style=POLICY_STYLE[str(dc.policy)]),
                safe_cell(dc.description),
                key=str(dc.name),
            )
        restore_cursor(data, keep)

    def add_entry(self) -> None:
        self.notify("The six data classes are fixed; e or enter changes a policy.")

    def edit_entry(self) -> None:
        self._cycle_policy()

    def remove_entry(self) -> None:
        self.notify("Data classes cannot be removed; set one to forbidden instead.")

    def selected(self, table_id: str | None, key: str | None) -> None:
        if table_id == self.TABLE:
            self._cycle_policy()

    def _cycle_policy(self) -> None:
        key = self.cursor_key()
        if key is None:
            return
        current = self.store.data_classes.policies()
        now = next(p for n, p in current.items() if str(n) == key)
        nxt = POLICY_CYCLE[(POLICY_CYCLE.index(now) + 1) % len(POLICY_CYCLE)]
        try:
            self.store.data_classes.set_policy(key, nxt)  # type: ignore[arg-type]
        except StoreError as error:
            notify_refused(self, str(error), "Not changed")
            return
        self.notify(f"{key}: {str(nxt).replace('_', ' ')}")
        self.fill()
