"""Screen 2: the workflow inventory, paged from SQL, filtered and sorted.

It answers "where should AI be used?": the table lists every workflow, and the
Start-here panel names the three best candidates among ideas and proposals.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from aiops_tui.domain.models import Workflow
from aiops_tui.domain.scoring import PriorityParts
from aiops_tui.domain.words import plural
from aiops_tui.screens.workflow_actions import WorkflowActions
from aiops_tui.storage.workflows import SORT_COLUMNS
from aiops_tui.widgets.badges import risk_text, status_text, yes_no
from aiops_tui.widgets.filter_bar import FilterBar, FilterKeys, filter_bindings
from aiops_tui.widgets.keys_bar import KeyFooter
from aiops_tui.widgets.paged_table import PagedTable, Row
from aiops_tui.widgets.safe_text import display_safe
from aiops_tui.widgets.title_bar import TitleBar

# (key, label, width, min_width, priority): at 120 cells all ten fit (longer text ends
# in "…"); narrower, the name, owner and metric shrink, then the lowest priority drops
# (widgets/column_fit.py): at 80 the name, status, owner, priority and risk stay.
COLUMNS: list[tuple[str, str, int | None, int | None, int]] = [
    ("name", "Name", 24, 16, 9),
    ("area", "Area", None, None, 1),
    ("status", "Status", None, None, 8),
    ("owner", "Owner", 10, 8, 7),
    ("priority", "Prio.", None, None, 6),
    ("risk", "Risk", None, None, 5),
    ("customer_facing", "Cust.", None, None, 2),
    ("review_rule", "Review", None, None, 4),
    ("metric", "Success metric", 14, 10, 0),
    ("last_reviewed", "Reviewed", None, None, 3),
]


def fit(text: str) -> Text:
    """The full text (the row keeps it), drawn with an ellipsis when the column is narrower."""
    return Text(text, no_wrap=True, overflow="ellipsis")


DESCENDING_FIRST = {"priority", "risk", "last_reviewed", "customer_facing"}


class WorkflowTable(PagedTable):
    """The inventory table; `enter` opens the detail (shown in the footer)."""

    BINDINGS = [Binding("enter", "select_cursor", "Detail", id="workflows.open")]


class WorkflowsScreen(FilterKeys, WorkflowActions):
    STYLES = "workflows.tcss"
    AUTO_FOCUS = "#workflow-table"
    HELP = (
        "Every place the business uses AI. `/` filters by text or by"
        " `status:live`, `area:sales`, `owner:ana`, `risk:high`; `s` changes the sort."
        " `n` records shadow AI use found in the business; `t` moves a workflow along"
        " its lifecycle (retiring keeps its history). Start here: the best ideas and"
        " proposals by frequency x structure x value."
    )
    BINDINGS = [
        *filter_bindings("workflows"),
        Binding("a", "add", "Add", id="workflows.add"),
        Binding("e", "edit", "Edit", id="workflows.edit"),
        Binding("n", "record_shadow", "Shadow AI", id="workflows.shadow"),
        Binding("t", "change_status", "Status", id="workflows.status"),
        Binding("x", "mark_reviewed", "Reviewed", id="workflows.reviewed"),
        Binding("s", "next_sort", "Sort", id="workflows.sort"),
        Binding("S", "reverse_sort", "Reverse", show=False, id="workflows.reverse"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = "priority"
        self.descending = True
        self._total: int | None = None  # the list's SQL count, for the summary line
        self._shadow = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield FilterBar(placeholder="filter: text, status:live, area:sales, owner:NAME, risk:high")
        yield Static(id="summary")
        yield WorkflowTable(id="workflow-table")
        yield Static(id="start-here")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        for key, label, width, min_width, priority in COLUMNS:
            table.add_column(label, key=key, width=width, min_width=min_width, priority=priority)
        table.set_fetch(self._fetch, count=lambda: self.store.workflows.count(self.query_text))
        self.query_one("#start-here", Static).border_title = "Start here"
        self.refresh_data()
        table.focus()

    @property
    def query_text(self) -> str:
        return self.query_one(FilterBar).value.strip()

    def _fetch(self, offset: int, limit: int) -> list[Row]:
        rows = self.store.workflows.page(
            self.query_text, self.sort, self.descending, limit=limit, offset=offset
        )
        return [
            (
                str(r.id),
                (
                    fit(r.name),
                    r.area,
                    status_text(r.status),
                    fit(r.owner) if r.owner else Text("none", style="bold red"),
                    Text(str(r.priority), justify="right"),
                    risk_text(r.risk),
                    yes_no(r.customer_facing),
                    r.review_rule,
                    fit(r.metric) if r.metric else Text("none", style="dim"),
                    r.last_reviewed_at or Text("never", style="dim"),
                ),
            )
            for r in rows
        ]

    def refresh_data(self) -> None:
        self._refresh_table()
        self.query_one("#start-here", Static).update(self._start_here())

    def _refresh_table(self) -> None:
        """The table and its summary line: all a keystroke in the filter needs."""
        table = self.query_one(PagedTable)
        table.reload(keep_key=table.selected_key)
        self._total = self.store.workflows.count(self.query_text)
        self._shadow = self.store.workflows.status_counts().get("shadow", 0)
        self._show_summary()

    def _show_summary(self) -> None:
        """Count, sort, filter and the cursor's row in the whole list (the scrollbar spans
        only the rows held)."""
        total = self._total or 0
        position = self.query_one(PagedTable).position
        row = f" (row {position:,})" if position else ""
        arrow = "↓" if self.descending else "↑"
        label = self.sort.replace("_", " ")
        flt = f"  filter: {self.query_text}" if self.query_text else ""
        found = f"  {self._shadow} shadow" if self._shadow else ""
        self.query_one("#summary", Static).update(
            f"{plural(total, 'workflow')}{row}  sorted by {label} {arrow}{flt}{found}"
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "workflow-table" and self._total is not None:
            self._show_summary()

    def _start_here(self) -> Text:
        text = Text()
        best = self.store.workflows.start_here(3)
        if not best:
            text.append("No ideas or proposals yet: add one with a.", style="dim")
            return text
        for i, wf in enumerate(best, 1):
            parts = PriorityParts(wf.frequency_per_month, wf.structure, wf.value)
            if i > 1:
                text.append("\n")
            text.append(f"{i}. ", style="bold")
            text.append(display_safe(wf.name), style="bold")
            text.append(f"  ({wf.status})  ", style="dim")
            text.append(parts.explain())
        return text

    # -- which workflow ----------------------------------------------------------
    def current_workflow(self) -> Workflow | None:
        key = self.query_one(PagedTable).selected_key
        return self.store.workflows.get(int(key)) if key else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            # imported on first use: its Markdown pane (markdown-it, pygments) is most
            # of what the list's first visit would otherwise import
            from aiops_tui.screens.workflow_detail import WorkflowDetailScreen

            self.app.push_screen(WorkflowDetailScreen(int(event.row_key.value)))

    # -- keys --------------------------------------------------------------------
    def action_add(self) -> None:
        def done(result: Workflow | None) -> None:
            if result is not None:
                self.notify(f"Added {result.name}.", markup=False)
                self.refresh_data()
                self._select(result.id)

        from aiops_tui.screens.workflow_form import WorkflowForm

        self.app.push_screen(WorkflowForm(self.store), done)

    def action_record_shadow(self) -> None:
        def done(result: Workflow | None) -> None:
            if result is not None:
                self.notify(
                    f"Recorded {result.name} as shadow AI use. Press t to propose or retire it.",
                    markup=False,
                )
                self.refresh_data()
                self._select(result.id)

        from aiops_tui.screens.shadow_form import ShadowForm

        self.app.push_screen(ShadowForm(self.store), done)

    def _select(self, workflow_id: int | None) -> None:
        table = self.query_one(PagedTable)
        key = str(workflow_id)
        if key in table.rows:
            table.move_cursor(row=table.get_row_index(key))

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FilterBar):
            self._refresh_table()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = key, key in DESCENDING_FIRST
        self._refresh_table()

    def action_next_sort(self) -> None:
        keys = list(SORT_COLUMNS)
        self.sort = keys[(keys.index(self.sort) + 1) % len(keys)]
        self.descending = self.sort in DESCENDING_FIRST
        self._refresh_table()

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self._refresh_table()
