"""Screen 4: the human review queue, pending and oldest first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Input, Static

from aiops_tui.screens.base import AppScreen
from aiops_tui.storage.reviews import ReviewFilter
from aiops_tui.widgets.badges import review_status_text
from aiops_tui.widgets.filter_bar import FilterBar
from aiops_tui.widgets.paged_table import PagedTable, Row

STATUS_CYCLE: list[str | None] = ["pending", "approved", "changes_requested", "rejected", None]


class ReviewScreen(AppScreen):
    HELP = "AI drafts waiting for a person. Pending items come first, oldest first."
    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="review.filter"),
        Binding("f", "cycle_status", "Status filter", id="review.status"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.status: str | None = "pending"

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar(placeholder="filter review items by title")
        yield Static(id="counts")
        yield PagedTable(id="review-table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        table.add_columns("#", "Title", "Workflow", "Status", "Submitted", "Sign-off", "Flags")
        table.set_fetch(self._fetch)
        self.refresh_data()
        table.focus()

    @property
    def current_filter(self) -> ReviewFilter:
        return ReviewFilter(status=self.status, text=self.query_one(FilterBar).value)

    def _fetch(self, offset: int, limit: int) -> list[Row]:
        rows = self.store.reviews.page(self.current_filter, limit=limit, offset=offset)
        return [
            (
                str(r.id),
                (
                    str(r.id),
                    r.title,
                    r.workflow,
                    review_status_text(r.status),
                    Text(
                        r.submitted_at[:16].replace("T", " ") + (" ageing" if r.ageing else ""),
                        style="bold red" if r.ageing else "",
                    ),
                    Text("needs sign-off", style="yellow") if r.needs_signoff else "",
                    Text("data!", style="bold red") if r.flagged else "",
                ),
            )
            for r in rows
        ]

    def refresh_data(self) -> None:
        table = self.query_one(PagedTable)
        table.reload(keep_key=table.selected_key)
        counts = self.store.reviews.status_counts()
        parts = "  ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items())
        shown = (self.status or "all").replace("_", " ")
        self.query_one("#counts", Static).update(f"showing {shown}   |   {parts}")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_data()

    def action_filter(self) -> None:
        self.query_one(FilterBar).open()

    def action_cycle_status(self) -> None:
        index = STATUS_CYCLE.index(self.status)
        self.status = STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)]
        self.refresh_data()
