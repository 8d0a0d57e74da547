"""Screen 3: the prompt library, with production version and review quality."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Input, Static

from aiops_tui.screens.base import AppScreen
from aiops_tui.widgets.filter_bar import FilterBar
from aiops_tui.widgets.paged_table import PagedTable, Row


class PromptsScreen(AppScreen):
    HELP = "Prompts with immutable versions; `production` is what the workflow uses."
    CSS_PATH = "prompts.tcss"
    BINDINGS = [Binding("slash", "filter", "Filter", id="prompts.filter")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar(placeholder="filter prompts by name or workflow")
        yield Static(id="summary")
        yield PagedTable(id="prompt-table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        table.add_columns("Name", "Workflow", "Prod.", "Versions", "Last change", "Approval")
        table.set_fetch(self._fetch)
        self.refresh_data()
        table.focus()

    def _fetch(self, offset: int, limit: int) -> list[Row]:
        rows = self.store.prompts.page(self.query_one(FilterBar).value, limit=limit, offset=offset)
        result: list[Row] = []
        for r in rows:
            last = f"{(r.last_change_at or '')[:10]} {r.last_change_note or ''}".strip()
            rate = r.approval_rate
            result.append(
                (
                    str(r.id),
                    (
                        r.name,
                        r.workflow or Text("-", style="dim"),
                        f"v{r.production_version}"
                        if r.production_version
                        else Text("none", style="yellow"),
                        str(r.versions),
                        last,
                        "-" if rate is None else f"{rate:.0%} of {r.reviewed}",
                    ),
                )
            )
        return result

    def refresh_data(self) -> None:
        table = self.query_one(PagedTable)
        table.reload(keep_key=table.selected_key)
        total = self.store.prompts.count(self.query_one(FilterBar).value)
        self.query_one("#summary", Static).update(f"{total} prompts")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_data()

    def action_filter(self) -> None:
        self.query_one(FilterBar).open()
