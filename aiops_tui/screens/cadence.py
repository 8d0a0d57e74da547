"""Screen 5: the operating cadence, soonest due first, with each ritual's checklist.

Ticking a line is in-progress state kept by `store.ticks` (with who ticked it)
so it survives a restart; `c` records the Completion with the ticks and clears them.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from aiops_tui.domain.audit import offers_audit
from aiops_tui.domain.cadence import due_state, interval_label, next_open_line
from aiops_tui.domain.filters import words_match
from aiops_tui.domain.models import Completion, Ritual
from aiops_tui.domain.words import plural
from aiops_tui.screens.base import AppScreen
from aiops_tui.widgets.badges import due_text
from aiops_tui.widgets.fast_table import FastTable
from aiops_tui.widgets.filter_bar import FilterBar, FilterKeys, filter_bindings
from aiops_tui.widgets.keys_bar import KeyFooter
from aiops_tui.widgets.safe_text import display_safe, safe_cell
from aiops_tui.widgets.title_bar import TitleBar
from aiops_tui.widgets.vim_keys import option_bindings, vim_bindings

HISTORY_LIMIT = 50


class RitualTable(FastTable):
    BINDINGS = vim_bindings("list")


class Checklist(OptionList):
    BINDINGS = option_bindings("checklist")


class CadenceScreen(FilterKeys, AppScreen):
    STYLES = "cadence.tcss"
    AUTO_FOCUS = "#ritual-table"
    HELP = (
        "Rituals keep AI operations running: overdue ones are in the warning colour. "
        "Tick checklist lines with space (on the ritual list it ticks the next open line; "
        "tab moves to the checklist to pick one), then c records the completion and moves "
        "the next due date. Ticks are kept until then, even if you quit."
    )
    BINDINGS = [
        *filter_bindings("cadence"),
        Binding("space", "tick", "Tick line", id="cadence.tick"),
        Binding("c", "complete", "Complete", id="cadence.complete"),
        Binding("a", "add", "Add ritual", id="cadence.add"),
        Binding("e", "edit", "Edit ritual", id="cadence.edit"),
        Binding("escape", "back", "Back to list", show=False, id="cadence.back"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield FilterBar(placeholder="filter rituals by name, owner or interval")
        with Horizontal():
            yield RitualTable(id="ritual-table", cursor_type="row", zebra_stripes=True)
            with Vertical(id="ritual-side"):
                yield Static(id="ritual-info")
                yield Checklist(id="checklist")
                yield FastTable(id="history", cursor_type="row", show_cursor=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#ritual-table", FastTable)
        # Narrow, the last done date drops first, then the owner: the next due stays.
        table.add_column("Ritual", min_width=18, priority=9)
        table.add_column("Owner", min_width=8, priority=3)
        table.add_column("Last done", priority=2)
        table.add_column("Next due", priority=8)
        table.border_title = "Rituals"
        history = self.query_one("#history", FastTable)
        history.add_column("When", priority=9)
        history.add_column("Who", min_width=8, priority=3)
        history.add_column("Lines", priority=2)
        history.add_column("Notes", min_width=8, priority=1)
        history.border_title = "History"
        self.query_one("#checklist", OptionList).border_title = "Checklist"
        self.refresh_data()
        table.focus()

    # -- data -------------------------------------------------------------

    def refresh_data(self) -> None:
        today = self.store.clock().date()
        table = self.query_one("#ritual-table", DataTable)
        keep = self.current_ritual_id()
        table.clear()
        words = self.query_one(FilterBar).value
        every = self.store.rituals.all_rows()
        rows = [
            row
            for row in every
            if words_match(words, row.ritual.name, row.owner, row.ritual.interval)
        ]
        overdue = 0
        for row in rows:
            r = row.ritual
            state = due_state(row.next_due, today)
            overdue += state == "overdue"
            word = {"overdue": "overdue", "today": "today", "soon": "soon"}.get(state, "")
            table.add_row(
                safe_cell(r.name),
                safe_cell(row.owner or "-"),
                row.last_done.isoformat() if row.last_done else "never",
                due_text(f"{row.next_due.isoformat()} {word}".rstrip(), state),
                key=str(r.id),
            )
        shown = f"{len(rows)} of {len(every)} rituals" if words else plural(len(rows), "ritual")
        table.border_subtitle = f"{shown}, {overdue} overdue"
        if keep is not None:
            for index, row in enumerate(rows):
                if row.ritual.id == keep:
                    table.move_cursor(row=index)
        self.show_ritual()

    def select_ritual(self, ritual_id: int) -> None:
        """Put the cursor on one ritual (the dashboard opens the cadence this way)."""
        table = self.query_one("#ritual-table", DataTable)
        for index in range(table.row_count):
            key = table.coordinate_to_cell_key((index, 0)).row_key.value  # type: ignore[arg-type]
            if key == str(ritual_id):
                table.move_cursor(row=index)
        table.focus()

    def current_ritual_id(self) -> int | None:
        table = self.query_one("#ritual-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    def current_ritual(self) -> Ritual | None:
        ritual_id = self.current_ritual_id()
        return self.store.rituals.get(ritual_id) if ritual_id is not None else None

    def show_ritual(self) -> None:
        info = self.query_one("#ritual-info", Static)
        checklist = self.query_one("#checklist", OptionList)
        history = self.query_one("#history", DataTable)
        ritual = self.current_ritual()
        highlighted = checklist.highlighted
        checklist.clear_options()
        history.clear()
        if ritual is None:
            info.update("No rituals yet: press a to add one.")
            return
        ticks = self.store.ticks.get(ritual)
        owner = self.store.people.get(ritual.owner_id) if ritual.owner_id else None
        text = Text()
        text.append(display_safe(ritual.name), style="bold")
        text.append(
            "\n"
            + interval_label(ritual.interval, ritual.every_days, ritual.anchor, ritual.anchor_day)
        )
        text.append(f"\nowner {display_safe(owner.name) if owner else '-'}")
        info.update(text)
        for index, line in enumerate(ritual.checklist):
            done = index in ticks
            prompt = Text("☑ " if done else "☐ ", style="bold green" if done else "")
            prompt.append(display_safe(line), style="dim strike" if done else "")
            if ticks.get(index):
                prompt.append(f"  {display_safe(ticks[index])}", style="dim")
            checklist.add_option(Option(prompt, id=str(index)))
        if ritual.checklist:
            checklist.highlighted = min(highlighted or 0, len(ritual.checklist) - 1)
        checklist.border_subtitle = f"{len(ticks)}/{len(ritual.checklist)} ticked"
        for past in self.store.rituals.completions(ritual.id or 0, limit=HISTORY_LIMIT):
            history.add_row(
                past.completed_at.strftime("%Y-%m-%d %H:%M"),
                safe_cell(past.who or "-"),
                f"{len(past.ticked)}/{len(ritual.checklist)}",
                safe_cell(past.notes.splitlines()[0] if past.notes else ""),
            )
        total = self.store.rituals.completion_count(ritual.id or 0)
        history.border_subtitle = plural(total, "completion")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "ritual-table":
            self.show_ritual()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "ritual-table" and self.query_one("#checklist").display:
            self.query_one("#checklist", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._toggle(event.option_index)

    # -- actions ----------------------------------------------------------

    def _toggle(self, index: int | None) -> None:
        ritual = self.current_ritual()
        if ritual is None or not ritual.checklist:
            self.notify("This ritual has no checklist lines.", severity="warning")
            return
        if (
            index is None
            and next_open_line(len(ritual.checklist), self.store.ticks.get(ritual)) is None
        ):
            self.notify("Every line is ticked: press c to complete the ritual.")
            return
        done: list[int | None] = []
        if not self.aiops.try_write(lambda: done.append(self.store.ticks.toggle(ritual, index))):
            return
        index = done[0]
        checklist = self.query_one("#checklist", OptionList)
        self.show_ritual()
        checklist.highlighted = index

    def action_tick(self) -> None:
        checklist = self.query_one("#checklist", OptionList)
        self._toggle(checklist.highlighted if checklist.has_focus else None)

    def action_complete(self) -> None:
        from aiops_tui.screens.completion_form import CompletionForm  # loaded on first use

        ritual = self.current_ritual()
        if ritual is None:
            return
        ticks = self.store.ticks.get(ritual)
        self.app.push_screen(
            CompletionForm(self.store, ritual, sorted(ticks), self.aiops.user),
            lambda done: self._completed(ritual, done),
        )

    def _completed(self, ritual: Ritual, done: Completion | None) -> None:
        if done is None:
            return
        # the completion is saved; clearing the ticks is tidying, so a refusal only says so
        self.aiops.try_write(lambda: self.store.ticks.clear(ritual.id or 0))
        self.refresh_data()
        row = next((r for r in self.store.rituals.all_rows() if r.ritual.id == ritual.id), None)
        when = f"; next due {row.next_due.isoformat()}" if row else ""
        self.notify(f"Completed {ritual.name}{when}.", markup=False)
        if offers_audit(ritual.name):
            self.offer_audit()

    def offer_audit(self) -> None:
        """After the quarterly audit ritual: write the audit document it walks through?"""
        from aiops_tui.export.audit import default_filename, render_audit
        from aiops_tui.screens.markdown_file_form import MarkdownFileForm  # loaded on first use

        today = self.store.clock().date()
        form = MarkdownFileForm(
            lambda: render_audit(self.store, today),
            f"./{default_filename(today)}",
            "Audit recorded. Write the quarterly audit (Markdown)? Escape skips.",
            "the audit",
            self.store.db.path,
        )
        self.app.push_screen(form, self._audit_written)

    def _audit_written(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"Wrote {path}.", markup=False)

    def action_add(self) -> None:
        from aiops_tui.screens.ritual_form import RitualForm  # loaded on first use

        self.app.push_screen(RitualForm(self.store), self._saved)

    def action_edit(self) -> None:
        from aiops_tui.screens.ritual_form import RitualForm  # loaded on first use

        ritual = self.current_ritual()
        if ritual is not None:
            self.app.push_screen(RitualForm(self.store, ritual), self._saved)

    def _saved(self, ritual: Ritual | None) -> None:
        if ritual is None:
            return
        self.refresh_data()
        self.select_ritual(ritual.id or 0)
        self.notify(f"Saved {ritual.name}.", markup=False)

    def action_back(self) -> None:
        self.query_one("#ritual-table", DataTable).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """The rituals are few and read whole: the filter narrows what is shown."""
        super().on_input_changed(event)
        if isinstance(event.input, FilterBar):
            self.refresh_data()
