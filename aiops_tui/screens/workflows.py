"""Screen 2: the workflow inventory, paged from SQL, filtered and sorted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from aiops_tui.screens.base import AppScreen
from aiops_tui.storage.workflows import SORT_COLUMNS
from aiops_tui.widgets.badges import risk_text, status_text, yes_no
from aiops_tui.widgets.filter_bar import FilterBar
from aiops_tui.widgets.paged_table import PagedTable, Row

COLUMNS: list[tuple[str, str]] = [
    ("name", "Name"),
    ("area", "Area"),
    ("status", "Status"),
    ("owner", "Owner"),
    ("priority", "Priority"),
    ("risk", "Risk"),
    ("customer_facing", "Cust."),
    ("review_rule", "Review"),
    ("metric", "Success metric"),
    ("last_reviewed", "Reviewed"),
]


class WorkflowsScreen(AppScreen):
    HELP = (
        "Every place the business uses AI. `/` filters by text or by"
        " `status:live`, `area:sales`, `owner:ana`, `risk:high`; `s` changes the sort."
    )
    CSS_PATH = "workflows.tcss"
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="workflows.filter"),
        Binding("s", "next_sort", "Sort", id="workflows.sort"),
        Binding("S", "reverse_sort", "Reverse", show=False, id="workflows.reverse"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = "priority"
        self.descending = True

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar(placeholder="filter: text, status:live, area:sales, owner:NAME, risk:high")
        yield Static(id="summary")
        yield PagedTable(id="workflow-table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        table.set_fetch(self._fetch)
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
                    r.name,
                    r.area,
                    status_text(r.status),
                    r.owner or Text("none", style="bold red"),
                    Text(str(r.priority), justify="right"),
                    risk_text(r.risk),
                    yes_no(r.customer_facing),
                    r.review_rule,
                    r.metric or Text("none", style="dim"),
                    r.last_reviewed_at or Text("never", style="dim"),
                ),
            )
            for r in rows
        ]

    def refresh_data(self) -> None:
        table = self.query_one(PagedTable)
        table.reload(keep_key=table.selected_key)
        total = self.store.workflows.count(self.query_text)
        arrow = "↓" if self.descending else "↑"
        label = dict(COLUMNS)[self.sort]
        flt = f"  filter: {self.query_text}" if self.query_text else ""
        self.query_one("#summary", Static).update(
            f"{total} workflows  sorted by {label} {arrow}{flt}"
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FilterBar):
            self.refresh_data()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = key, key in {"priority", "risk", "last_reviewed"}
        self.refresh_data()

    def action_filter(self) -> None:
        self.query_one(FilterBar).open()

    def action_next_sort(self) -> None:
        keys = list(SORT_COLUMNS)
        self.sort = keys[(keys.index(self.sort) + 1) % len(keys)]
        self.descending = self.sort in {"priority", "risk", "last_reviewed"}
        self.refresh_data()

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self.refresh_data()
