"""Screen 3: the prompt library, with production version and review quality."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from aiops_tui.domain.models import Prompt, PromptVersion
from aiops_tui.domain.words import plural
from aiops_tui.screens.base import AppScreen
from aiops_tui.widgets.filter_bar import FilterBar, FilterKeys, filter_bindings
from aiops_tui.widgets.keys_bar import KeyFooter
from aiops_tui.widgets.paged_table import PagedTable, Row
from aiops_tui.widgets.title_bar import TitleBar


class PromptsScreen(FilterKeys, AppScreen):
    STYLES = "prompts.tcss"
    AUTO_FOCUS = "#prompt-table"
    HELP = (
        "Prompts with immutable versions; `production` is what the workflow uses."
        " `enter` opens a prompt (versions, diff, promotion, rollback, label history);"
        " Approval is the share of reviewed items made with the production version"
        " that were approved."
    )
    BINDINGS = [
        *filter_bindings("prompts"),
        Binding("enter", "open", "Open", id="prompts.open"),
        Binding("a", "add", "New prompt", id="prompts.add"),
        Binding("v", "new_version", "New version", id="prompts.new_version"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield FilterBar(placeholder="filter prompts by name or workflow")
        yield Static(id="summary")
        yield PagedTable(id="prompt-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        # At 80 cells the workflow shrinks first, then the version count drops.
        table.add_column("Name", min_width=12, priority=9)
        table.add_column("Workflow", min_width=12, priority=2)
        table.add_column("Prod.", priority=8)
        table.add_column("Versions", priority=1)
        table.add_column("Last change", min_width=18, priority=5)
        table.add_column("Approval", priority=4)
        table.set_fetch(self._fetch)
        self.refresh_data()
        table.focus()

    def _fetch(self, offset: int, limit: int) -> list[Row]:
        rows = self.store.prompts.page(self.query_one(FilterBar).value, limit=limit, offset=offset)
        result: list[Row] = []
        for r in rows:
            note = r.last_change_note or ""
            note = note if len(note) <= 28 else note[:27] + "…"
            last = f"{(r.last_change_at or '')[:10]} {note}".strip()
            rate = r.approval_rate
            result.append(
                (
                    str(r.id),
                    (
                        r.name,
                        (r.workflow if len(r.workflow) <= 28 else r.workflow[:27] + "…")
                        if r.workflow
                        else Text("-", style="dim"),
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
        self.query_one("#summary", Static).update(plural(total, "prompt"))

    @property
    def selected_id(self) -> int | None:
        key = self.query_one(PagedTable).selected_key
        return int(key) if key is not None else None

    def action_open(self) -> None:
        from aiops_tui.screens.prompt_detail import PromptDetailScreen

        if self.selected_id is not None:
            self.app.push_screen(PromptDetailScreen(self.selected_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_add(self) -> None:
        from aiops_tui.screens.prompt_form import NewPromptForm

        self.app.push_screen(NewPromptForm(self.store), self._after_add)

    def _after_add(self, prompt: Prompt | None) -> None:
        if prompt is None or prompt.id is None:
            return
        self.notify(f"Added {prompt.name} v1. Promote it with p when it is ready.", markup=False)
        table = self.query_one(PagedTable)
        table.reload(keep_key=str(prompt.id))
        self.refresh_data()
        from aiops_tui.screens.prompt_detail import PromptDetailScreen

        self.app.push_screen(PromptDetailScreen(prompt.id))

    def action_new_version(self) -> None:
        from aiops_tui.screens.version_form import NewVersionForm

        if self.selected_id is not None:
            self.app.push_screen(NewVersionForm(self.store, self.selected_id), self._after_version)

    def _after_version(self, version: PromptVersion | None) -> None:
        if version is not None:
            self.notify(f"Saved v{version.number}. Production is unchanged until you promote it.")
            self.refresh_data()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_data()
