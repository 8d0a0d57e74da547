"""Screen 6: people and their roles, tools and their cost, data-class policy.

It answers "who owns each workflow?": the role matrix shows every non-retired
workflow's four role holders (gaps first, in red) and the people table shows
each person's load. Tools carry the overlap audit; data classes the AI policy.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from aiops_tui.domain.models import DataPolicy, Person, Tool
from aiops_tui.screens.base import AppScreen
from aiops_tui.screens.confirm import ConfirmScreen
from aiops_tui.screens.person_form import PersonForm
from aiops_tui.screens.tool_form import ToolForm, ToolLinksForm
from aiops_tui.screens.workflow_detail import WorkflowDetailScreen
from aiops_tui.storage.db import StoreError
from aiops_tui.widgets.fast_table import FastTable
from aiops_tui.widgets.key_footer import KeyFooter
from aiops_tui.widgets.notices import notify_refused
from aiops_tui.widgets.paged_table import PagedTable, Row
from aiops_tui.widgets.safe_text import display_safe, safe_cell
from aiops_tui.widgets.title_bar import TitleBar

POLICY_STYLE = {"allowed": "green", "needs_approval": "yellow", "forbidden": "bold red"}
POLICY_CYCLE = [DataPolicy.ALLOWED, DataPolicy.NEEDS_APPROVAL, DataPolicy.FORBIDDEN]
ROLES = ("owner", "builder", "reviewer", "doc_owner", "signoff")


class ToolTable(FastTable):
    """`enter` on a tool edits which workflows use it."""

    BINDINGS = [Binding("enter", "select_cursor", "Workflows", id="team.tool_links")]


class MatrixTable(PagedTable):
    """`enter` on a workflow of the role matrix opens it, to fill an empty role."""

    BINDINGS = [Binding("enter", "select_cursor", "Open workflow", id="team.open_workflow")]


class PolicyTable(FastTable):
    """`enter` on a data class moves its policy to the next value."""

    BINDINGS = [Binding("enter", "select_cursor", "Next policy", id="team.policy_next")]


class TeamScreen(AppScreen):
    STYLES = "team.tcss"
    AUTO_FOCUS = "#people-table"
    HELP = (
        "Who holds which role, which tools cost what, and which data AI may touch."
        " On each tab `a` adds, `e` edits, `d` removes. A person who still holds a role"
        " cannot be removed. `enter` on a role-matrix row opens the workflow; on a tool it"
        " edits its workflows; on a data class it cycles the policy (allowed, needs"
        " approval, forbidden). `[` and `]` switch tabs."
    )
    BINDINGS = [
        Binding("a", "add", "Add", id="team.add"),
        Binding("e", "edit", "Edit", id="team.edit"),
        Binding("d", "remove", "Remove", id="team.remove"),
        Binding("left_square_bracket", "tab(-1)", "Prev tab", show=False, id="team.prev_tab"),
        Binding("right_square_bracket", "tab(1)", "Next tab", show=False, id="team.next_tab"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with TabbedContent(id="team-tabs"):
            with TabPane("People", id="people-tab"):
                yield PagedTable(id="people-table")
                yield Static(id="matrix-title", classes="section")
                yield MatrixTable(id="matrix-table")
            # Filled when first shown (_lazy_pane): nobody sees them on the way in, and
            # composing and styling them was a sixth of the screen's first visit.
            yield TabPane("Tools", id="tools-tab")
            yield TabPane("Data classes", id="data-tab")
        yield KeyFooter()

    def on_mount(self) -> None:
        people = self.query_one("#people-table", PagedTable)
        people.add_columns(
            "Name", "Email", "Owner", "Builder", "Reviewer", "Doc owner", "Sign-off", "Load"
        )
        people.set_fetch(self._people_rows)
        matrix = self.query_one("#matrix-table", PagedTable)
        for label in ("Workflow", "Status", "Owner", "Builder", "Reviewer", "Doc owner"):
            matrix.add_column(label)
        matrix.add_column("Sign-off")
        matrix.set_fetch(self._matrix_rows)
        self.refresh_data()
        self.query_one("#people-table", DataTable).focus()

    @staticmethod
    def _lazy_pane(pane_id: str | None) -> list[Widget]:
        """The widgets of a tab composed only when it is first shown."""
        if pane_id == "tools-tab":
            tools = ToolTable(id="tools-table", cursor_type="row", zebra_stripes=True)
            tools.add_columns(
                "Tool", "Vendor", "Category", "Monthly cost", "Workflows", "Active", "Used by"
            )
            # In a focusable scroller: a long audit is capped (team.tcss) and read by keys.
            audit = VerticalScroll(Static(id="audit"), id="audit-box")
            audit.border_title = "Overlap audit"
            return [tools, audit]
        if pane_id == "data-tab":
            data = PolicyTable(id="data-table", cursor_type="row", zebra_stripes=True)
            data.add_columns("Data class", "Policy", "About")
            hint = Static(
                "A class that is forbidden cannot be listed as allowed data by any"
                " workflow; forbidding one that a workflow still lists is refused.",
                classes="hint",
            )
            return [data, hint]
        return []

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Keys act on the visible tab, so its table takes the focus; a tab shown for
        the first time is composed, and one not filled since the data last changed is
        filled now."""
        if not event.pane.children:
            await event.pane.mount_all(self._lazy_pane(event.pane.id))
        if event.pane.id in self._stale:
            self._stale.discard(event.pane.id)
            self._fillers()[event.pane.id]()
        tables = event.pane.query(DataTable)
        if tables:
            tables.first().focus()

    # -- reading ---------------------------------------------------------------
    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active or "people-tab"

    def _key(self, table_id: str) -> str | None:
        table = self.query_one(table_id, DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

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

    _stale: set[str] = set()

    def _fillers(self) -> dict[str, Callable[[], None]]:
        return {
            "people-tab": self._people,
            "tools-tab": self._tools,
            "data-tab": self._data_classes,
        }

    def refresh_data(self) -> None:
        """Fill the visible tab; the others when they are shown (the tools tab alone
        costs 200 queries at 200 tools, and nobody sees it on the way in)."""
        fillers = self._fillers()
        self._stale = set(fillers) - {self.tab}
        fillers[self.tab]()

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
            for person, load in self.store.people.load(limit=limit, offset=offset)
        ]

    def _people(self) -> None:
        people = self.query_one("#people-table", PagedTable)
        people.reload(keep_key=self._key("#people-table"))
        gaps = self.store.people.empty_role_count()
        title = "Role matrix (non-retired workflows, gaps first)"
        if gaps:
            title += f"  {gaps} with an empty role"
        self.query_one("#matrix-title", Static).update(title)
        self.query_one("#matrix-table", PagedTable).reload()

    def _tools(self) -> None:
        tools = self.query_one("#tools-table", DataTable)
        keep = self._key("#tools-table")
        tools.clear()
        for row in self.store.tools.all_rows():
            t = row.tool
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
        _restore(tools, keep)
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
        self.query_one("#audit", Static).update(
            Text("\n".join(display_safe(line) for line in lines))
        )

    def _data_classes(self) -> None:
        data = self.query_one("#data-table", DataTable)
        keep = self._key("#data-table")
        data.clear()
        for dc in self.store.data_classes.all_rows():
            data.add_row(
                str(dc.name),
                Text(str(dc.policy).replace("_", " "), style=POLICY_STYLE[str(dc.policy)]),
                safe_cell(dc.description),
                key=str(dc.name),
            )
        _restore(data, keep)

    # -- keys --------------------------------------------------------------------
    def action_tab(self, step: int) -> None:
        tabs = ["people-tab", "tools-tab", "data-tab"]
        self.query_one(TabbedContent).active = tabs[(tabs.index(self.tab) + step) % len(tabs)]

    def _saved(self, result: object) -> None:
        if result is not None:
            self.refresh_data()

    def action_add(self) -> None:
        if self.tab == "people-tab":
            self.app.push_screen(PersonForm(self.store), self._saved)
        elif self.tab == "tools-tab":
            self.app.push_screen(ToolForm(self.store), self._saved)
        else:
            self.notify("The six data classes are fixed; e or enter changes a policy.")

    def action_edit(self) -> None:
        if self.tab == "people-tab":
            person = self._person()
            if person:
                self.app.push_screen(PersonForm(self.store, person), self._saved)
        elif self.tab == "tools-tab":
            tool = self._tool()
            if tool:
                self.app.push_screen(ToolForm(self.store, tool), self._saved)
        else:
            self._cycle_policy()

    def action_remove(self) -> None:
        if self.tab == "people-tab":
            person = self._person()
            if person:
                self._confirm_remove(
                    f"Remove {person.name}?",
                    lambda: self.store.people.remove(person.id or 0),
                    f"Removed {person.name}.",
                )
        elif self.tab == "tools-tab":
            tool = self._tool()
            if tool:
                users = len(self.store.tools.workflows_of(tool.id or 0))
                linked = f" It is linked to {users} workflows; the links go too." if users else ""
                self._confirm_remove(
                    f"Remove the tool {tool.name}?{linked}",
                    lambda: self.store.tools.remove(tool.id or 0),
                    f"Removed {tool.name}.",
                )
        else:
            self.notify("Data classes cannot be removed; set one to forbidden instead.")

    def _confirm_remove(self, question: str, remove: object, done_text: str) -> None:
        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                remove()  # type: ignore[operator]
            except StoreError as error:
                notify_refused(self, str(error), "Not removed")
                return
            self.notify(done_text, markup=False)
            self.refresh_data()

        self.app.push_screen(ConfirmScreen(question), answer)

    def _person(self) -> Person | None:
        key = self._key("#people-table")
        return self.store.people.get(int(key)) if key else None

    def _tool(self) -> Tool | None:
        key = self._key("#tools-table")
        return self.store.tools.get(int(key)) if key else None

    def _cycle_policy(self) -> None:
        key = self._key("#data-table")
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
        self._data_classes()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "tools-table":
            tool = self._tool()
            if tool:
                self.app.push_screen(ToolLinksForm(self.store, tool), self._saved)
        elif event.data_table.id == "data-table":
            self._cycle_policy()
        elif event.data_table.id == "matrix-table" and event.row_key.value is not None:
            self.app.push_screen(WorkflowDetailScreen(int(event.row_key.value)))


def _restore(table: DataTable, key: str | None) -> None:
    if key is None:
        return
    try:
        table.move_cursor(row=table.get_row_index(key))
    except Exception:  # noqa: BLE001 - the row was removed
        pass
