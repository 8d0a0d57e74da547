"""One prompt: its versions with review quality, the body, a preview and the label history.

Pushed over the prompt list (escape goes back). Versions are immutable, so
the only writes from here are a new version (`v`), a label move (`l`) and a
promotion or rollback (`p`); `d` shows what changed.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Static

from aiops_tui.domain.models import LabelMove, PromptVersion
from aiops_tui.domain.text import variables
from aiops_tui.screens.base import AppScreen
from aiops_tui.storage.prompt_labels import PRODUCTION
from aiops_tui.widgets.fast_table import FastTable
from aiops_tui.widgets.keys_bar import KeyFooter
from aiops_tui.widgets.paged_table import PagedTable, Row
from aiops_tui.widgets.prompt_text import highlight_variables, preview
from aiops_tui.widgets.safe_text import display_safe, safe_block, safe_cell
from aiops_tui.widgets.title_bar import TitleBar

HISTORY_SHOWN = 50


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


class PromptDetailScreen(AppScreen):
    STYLES = "prompt_detail.tcss"
    HELP = (
        "A prompt's versions (newest first) with the review results of each, so you"
        " can see whether a new version did better. Versions are never edited: `v` adds"
        " one, `p` moves production to the selected version (an older one is a rollback),"
        " `l` moves staging or your own label, `d` compares with production."
    )
    BINDINGS = [
        Binding("escape", "back", "Back", id="prompts.back"),
        Binding("v", "new_version", "New version", id="prompts.new_version"),
        Binding("d", "diff", "Diff", id="prompts.diff"),
        Binding("p", "promote", "Promote", id="prompts.promote"),
        Binding("l", "move_label", "Move label", id="prompts.label"),
    ]

    def __init__(self, prompt_id: int) -> None:
        super().__init__()
        self.prompt_id = prompt_id
        self.values: dict[str, str] = {}
        self._variables: list[str] = []
        self._versions: dict[int, PromptVersion] = {}
        self._labels_by_version: dict[int, list[str]] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="prompt-title")
        yield PagedTable(id="version-table")
        with Horizontal(id="panes"):
            with VerticalScroll(id="body-pane"):
                yield Static(id="body-title", classes="pane-title")
                yield Static(id="body")
            with VerticalScroll(id="preview-pane"):
                yield Static("Preview: type a value for each variable", classes="pane-title")
                yield Vertical(id="var-inputs")
                yield Static(id="preview")
        yield Static("Label history (every move, newest first)", classes="pane-title")
        yield FastTable(id="history-table", cursor_type="none", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        versions = self.query_one("#version-table", PagedTable)
        versions.set_fetch(self._fetch_versions)
        # Narrow, the change note and the reason shrink; the scores drop first.
        for label, min_width, priority in [
            ("Ver.", None, 9), ("Labels", 10, 8), ("Author", 8, 3), ("Date", None, 6),
            ("Change note", 12, 7), ("Items", None, 4), ("Approved", None, 5),
            ("Acc.", None, 2), ("Fit", None, 1),
        ]:  # fmt: skip
            versions.add_column(label, min_width=min_width, priority=priority)
        history = self.query_one("#history-table", FastTable)
        for label, min_width, priority in [
            ("When", None, 9), ("Label", 10, 8), ("From", None, 7), ("To", None, 7),
            ("Who", 8, 3), ("Why", 12, 5),
        ]:  # fmt: skip
            history.add_column(label, min_width=min_width, priority=priority)
        self.refresh_data()
        versions.focus()

    # -- reading -----------------------------------------------------------------
    @property
    def selected(self) -> PromptVersion | None:
        key = self.query_one("#version-table", PagedTable).selected_key
        return self._versions.get(int(key)) if key is not None else None

    def refresh_data(self) -> None:
        prompt = self.store.prompts.get(self.prompt_id)
        if prompt is None:
            self.dismiss_back()
            return
        workflow = self.store.workflows.get(prompt.workflow_id) if prompt.workflow_id else None
        labels = self.store.prompts.labels(self.prompt_id)
        by_version: dict[int, list[str]] = {}
        for label, number in labels.items():
            by_version.setdefault(number, []).append(label)
        title = Text.assemble(
            (display_safe(prompt.name), "bold"),
            "  workflow: ",
            display_safe(workflow.name) if workflow else ("none", "dim"),
            "  labels: ",
            ", ".join(f"{k} v{v}" for k, v in labels.items()) or ("none", "dim"),
        )
        self.query_one("#prompt-title", Static).update(title)

        self._labels_by_version = by_version
        table = self.query_one("#version-table", PagedTable)
        self._versions = {}
        table.reload(keep_key=table.selected_key)
        self._show_history()
        self.show_version()

    def _fetch_versions(self, offset: int, limit: int) -> list[Row]:
        versions = self.store.prompts.versions(self.prompt_id, limit=limit, offset=offset)
        quality = {
            q.number: q
            for q in self.store.prompts.quality(self.prompt_id, limit=limit, offset=offset)
        }
        rows: list[Row] = []
        for version in versions:
            number = version.number
            self._versions[number] = version
            q = quality.get(number)
            names = sorted(
                self._labels_by_version.get(number, []), key=lambda n: (n != PRODUCTION, n)
            )
            rows.append(
                (
                    str(number),
                    (
                        f"v{number}",
                        Text(", ".join(names), style="bold" if PRODUCTION in names else ""),
                        version.author,
                        version.created_at.strftime("%Y-%m-%d %H:%M"),
                        _short(version.change_note, 40),
                        str(q.items) if q else "0",
                        _rate(q.approval_rate) if q else "-",
                        _score(q.mean_accuracy) if q else "-",
                        _score(q.mean_fit) if q else "-",
                    ),
                )
            )
        return rows

    def _show_history(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.clear()
        for move in self.store.prompts.label_history(self.prompt_id, limit=HISTORY_SHOWN):
            table.add_row(*self._history_cells(move))

    @staticmethod
    def _history_cells(move: LabelMove) -> tuple[str | Text, ...]:
        return (
            move.moved_at.strftime("%Y-%m-%d %H:%M"),
            safe_cell(move.label),
            f"v{move.from_version}" if move.from_version is not None else "-",
            f"v{move.to_version}",
            safe_cell(move.who),
            safe_cell(move.why),
        )

    def show_version(self) -> None:
        version = self.selected
        body = version.body if version else ""
        names = variables(body)
        title = f"Body of v{version.number}" if version else "No versions"
        if names:
            title += "  variables: " + ", ".join(names)
        self.query_one("#body-title", Static).update(Text(display_safe(title)))
        self.query_one("#body", Static).update(highlight_variables(safe_block(body)))
        if names != self._variables:
            self._variables = names
            box = self.query_one("#var-inputs", Vertical)
            box.remove_children()
            box.mount_all(
                Input(self.values.get(n, ""), placeholder=n, name=n, classes="var-input")
                for n in names
            )
        self._show_preview()

    def _show_preview(self) -> None:
        version = self.selected
        self.query_one("#preview", Static).update(
            preview(safe_block(version.body), self.values) if version else ""
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "version-table":
            self.show_version()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.name:
            self.values[event.input.name] = event.value
            self._show_preview()

    # -- actions -----------------------------------------------------------------
    def dismiss_back(self) -> None:
        if len(self.app.screen_stack) > 1 and self.app.screen is self:
            self.app.pop_screen()

    def action_back(self) -> None:
        self.dismiss_back()

    def _after_write(self, result: object) -> None:
        if result is not None:
            self.refresh_data()

    def action_new_version(self) -> None:
        from aiops_tui.screens.version_form import NewVersionForm

        self.app.push_screen(NewVersionForm(self.store, self.prompt_id), self._after_version)

    def _after_version(self, version: PromptVersion | None) -> None:
        if version is None:
            return
        self.notify(f"Saved v{version.number}. Production is unchanged until you promote it.")
        self.refresh_data()
        table = self.query_one("#version-table", DataTable)
        table.move_cursor(row=table.get_row_index(str(version.number)))

    def action_diff(self) -> None:
        from aiops_tui.screens.prompt_diff import PromptDiffScreen

        version = self.selected
        if version is None:
            return
        production = self.store.prompts.production(self.prompt_id)
        if production is None or production.number == version.number:
            old = version.number - 1 if version.number > 1 else version.number
        else:
            old = production.number
        self.app.push_screen(PromptDiffScreen(self.store, self.prompt_id, old, version.number))

    def action_promote(self) -> None:
        from aiops_tui.screens.promote import PromoteScreen

        version = self.selected
        if version is None:
            return
        current = self.store.prompts.labels(self.prompt_id).get(PRODUCTION)
        if current == version.number:
            self.notify(f"v{version.number} is already production.", severity="warning")
            return
        self.app.push_screen(
            PromoteScreen(self.store, self.prompt_id, version, current), self._after_promote
        )

    def _after_promote(self, move: LabelMove | None) -> None:
        if move is None:
            return
        kind = "Rolled back" if "rollback" in move.why else "Promoted"
        self.notify(f"{kind}: production is now v{move.to_version}.")
        self.refresh_data()

    def action_move_label(self) -> None:
        from aiops_tui.screens.label_form import LabelForm

        version = self.selected
        if version is None:
            return
        self.app.push_screen(
            LabelForm(self.store, self.prompt_id, version.number), self._after_write
        )
