"""Screen 4: the human review queue, pending and oldest first.

Keys do the work: `enter` opens an item, `y` / `c` / `n` decide on the
selected one, `f` / `o` / `s` / `/` filter by status, workflow, sign-off and
title, `u` (app-wide) says who is deciding. Rows are paged from SQL, so a queue of
hundreds of thousands of items opens as fast as one of ten.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from aiops_tui.domain.models import Decision
from aiops_tui.screens.base import AppScreen
from aiops_tui.storage.reviews import AWAITING_REVISION, ReviewFilter, ReviewRow
from aiops_tui.widgets.badges import review_status_text
from aiops_tui.widgets.filter_bar import FilterBar, FilterKeys, filter_bindings
from aiops_tui.widgets.keys_bar import KeyFooter
from aiops_tui.widgets.paged_table import Key, KeyedRow, PagedTable
from aiops_tui.widgets.safe_text import display_safe
from aiops_tui.widgets.title_bar import TitleBar

STATUS_CYCLE: list[str | None] = [
    "pending",
    "approved",
    "changes_requested",
    "rejected",
    None,
    AWAITING_REVISION,  # changes requested, no revision queued yet
]
ALL_WORKFLOWS = 0
WORKFLOW_WIDTH = 22  # long names are cut so the status and data flags stay in view at 120
TITLE_MAX = 30


def waiting_text(submitted_at: str, now: datetime) -> str:
    """How long an item has waited, in its largest unit: '4d', '5h', '12m'."""
    try:
        waited = now - datetime.fromisoformat(submitted_at)
    except ValueError:
        return submitted_at[:10]
    minutes = max(0, int(waited.total_seconds() // 60))
    if minutes >= 24 * 60:
        return f"{minutes // (24 * 60)}d"
    if minutes >= 60:
        return f"{minutes // 60}h"
    return f"{minutes}m"


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def flags_cell(row: ReviewRow) -> Text | str:
    """The first data flag, short, and how many more: enough to make someone look."""
    if not row.flagged:
        return ""
    first = row.flags[0].split(":")[0] if row.flags else "data"
    more = f" +{len(row.flags) - 1}" if len(row.flags) > 1 else ""
    return Text(f"⚠ {first}{more}", style="bold red")


class ReviewScreen(FilterKeys, AppScreen):
    STYLES = "review.tcss"
    AUTO_FOCUS = "#review-table"
    HELP = (
        "AI drafts waiting for a person. Pending items come first, oldest first; items older"
        " than their workflow allows are marked ageing. y approve, c request changes, n reject:"
        " each asks for a note and scores, then opens the next pending item."
    )
    BINDINGS = [
        Binding("enter", "open", "Open", id="review.open"),
        Binding("y", "decide('approved')", "Approve", id="review.approve"),
        Binding("c", "decide('changes_requested')", "Changes", id="review.changes"),
        Binding("n", "decide('rejected')", "Reject", id="review.reject"),
        *filter_bindings("review"),
        Binding("f", "cycle_status", "Status", id="review.status"),
        Binding("o", "pick_workflow", "Workflow", id="review.workflow"),
        Binding("s", "toggle_signoff", "Sign-off", id="review.signoff"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.status: str | None = "pending"
        self.workflow_id: int | None = None
        self.workflow_name = ""
        self.signoff_only = False
        self._shown: int | None = None  # the filtered queue's SQL count, for the filter line

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield FilterBar(placeholder="filter review items by title")
        yield Static(id="counts")
        yield Static(id="filters")
        yield PagedTable(id="review-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        # Narrower than 120 cells the title and workflow shrink, then the status (the
        # filter line says it) and the data flags drop: waiting and sign-off stay.
        table.add_column("#", priority=9)
        table.add_column("Title", min_width=14, priority=9)
        table.add_column("Workflow", width=WORKFLOW_WIDTH, min_width=10, priority=4)
        table.add_column("Status", priority=3)
        table.add_column("Waiting", priority=8)
        table.add_column("Sign-off", priority=7)
        table.add_column("Data", priority=5)
        table.set_keyset(self._fetch, count=lambda: self.store.reviews.count(self.current_filter))
        self.refresh_data()
        table.focus()

    @property
    def current_filter(self) -> ReviewFilter:
        return ReviewFilter(
            status=self.status,
            workflow_id=self.workflow_id,
            needs_signoff=True if self.signoff_only else None,
            text=self.query_one(FilterBar).value,
        )

    def _fetch(self, after: Key | None, limit: int, backward: bool) -> list[KeyedRow]:
        """A keyset page of the queue (PagedTable holds a window of it, never all)."""
        flt = self.current_filter
        reviews = self.store.reviews
        after_key = after if isinstance(after, tuple) else None
        rows = reviews.page_after(flt, after_key, limit=limit, backward=backward)
        now = self.store.clock()
        return [
            (
                reviews.sort_key(flt, r),
                str(r.id),
                (
                    str(r.id),
                    short(r.title, TITLE_MAX),
                    r.workflow,
                    review_status_text(r.status),
                    Text(
                        waiting_text(r.submitted_at, now) + (" ageing" if r.ageing else ""),
                        style="bold red" if r.ageing else "",
                    )
                    if r.status == "pending"
                    else Text(r.submitted_at[:10], style="dim"),
                    Text("needed", style="yellow") if r.needs_signoff else "",
                    flags_cell(r),
                ),
            )
            for r in rows
        ]

    def refresh_data(self) -> None:
        table = self.query_one(PagedTable)
        table.reload(keep_key=table.selected_key)
        counts = self.store.reviews.status_counts()
        ageing = self.store.reviews.ageing_count()
        line = Text()
        for status, count in counts.items():
            if line:
                line.append("  ·  ", style="dim")
            line.append_text(review_status_text(status)).append(f" {count}")
            if status == "pending" and ageing:
                line.append(f" ({ageing} ageing)", style="bold red")
        rework = self.store.reviews.rework(days=30)
        if rework.mean_edit_ratio is not None:
            line.append("    rework ", style="dim").append(f"{rework.mean_edit_ratio:.0%}")
            line.append(f" · {rework.corrected} of {rework.decided} corrected (30 d)", style="dim")
        self.query_one("#counts", Static).update(line)
        self.query_one("#filters", Static).update(self._filters_line())

    def _filters_line(self, recount: bool = True) -> Text:
        """`recount` False: only the cursor moved, so the count from last time still holds."""
        flt = self.current_filter
        if recount or self._shown is None:
            self._shown = self.store.reviews.count(flt)
        text = Text()
        text.append(f"{self._shown} shown", style="bold")
        position = self.query_one(PagedTable).position
        if position:
            text.append(f" (row {position:,})", style="dim")
        text.append("   status ", style="dim")
        status = "changes (awaiting a revision)" if self.status == AWAITING_REVISION else None
        text.append(status or (self.status or "all").replace("_", " "))
        text.append("   workflow ", style="dim").append(display_safe(self.workflow_name or "all"))
        text.append("   sign-off ", style="dim").append(
            "needed only" if self.signoff_only else "any"
        )
        if flt.text.strip():
            text.append("   title ", style="dim").append(repr(flt.text.strip()))
        text.append("   deciding as ", style="dim").append(display_safe(self.aiops.user), "bold")
        return text

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The cursor's row in the whole queue: the scrollbar spans only the rows held."""
        if event.data_table.id == "review-table" and self._shown is not None:
            self.query_one("#filters", Static).update(self._filters_line(recount=False))

    def on_input_changed(self, event: Input.Changed) -> None:
        """The title filter changes the rows and the filter line, not the queue's counts."""
        table = self.query_one(PagedTable)
        table.reload(keep_key=table.selected_key)
        self.query_one("#filters", Static).update(self._filters_line())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def _selected_id(self) -> int | None:
        key = self.query_one(PagedTable).selected_key
        return int(key) if key else None

    def action_open(self) -> None:
        from aiops_tui.screens.review_detail import (  # loaded on first use
            ReviewDetailScreen,
        )

        item_id = self._selected_id()
        if item_id is None:
            self.notify("No item selected.", severity="warning")
            return
        self.app.push_screen(ReviewDetailScreen(item_id, self.current_filter))

    def action_decide(self, decision: str) -> None:
        from aiops_tui.screens.review_detail import (  # loaded on first use
            advance,
        )
        from aiops_tui.screens.review_flow import start_decision  # loaded on first use

        item_id = self._selected_id()
        if item_id is None:
            self.notify("No item selected.", severity="warning")
            return
        flt = self.current_filter
        start_decision(
            self,
            item_id,
            Decision(decision),
            lambda saved: advance(self.aiops, item_id, saved, flt),
        )

    def action_cycle_status(self) -> None:
        index = STATUS_CYCLE.index(self.status)
        self.status = STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)]
        self.refresh_data()

    def action_toggle_signoff(self) -> None:
        self.signoff_only = not self.signoff_only
        self.refresh_data()

    def action_pick_workflow(self) -> None:
        from aiops_tui.screens.pick import PickScreen  # loaded on first use

        options = [
            ("All workflows", ALL_WORKFLOWS),
            *[(n, i) for i, n in self.store.workflows.names()],
        ]

        def chosen(workflow_id: int | None) -> None:
            if workflow_id is None:
                return
            self.workflow_id = workflow_id or None
            self.workflow_name = next((n for n, i in options if i == workflow_id and i), "")
            self.refresh_data()

        self.app.push_screen(
            PickScreen("Show the queue of", options, self.workflow_id or ALL_WORKFLOWS), chosen
        )
