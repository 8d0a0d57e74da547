"""Screen 5: the operating cadence, soonest due first, with each ritual's checklist."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Static

from aiops_tui.domain.cadence import due_state, interval_label
from aiops_tui.screens.base import AppScreen
from aiops_tui.widgets.badges import due_text


class CadenceScreen(AppScreen):
    HELP = "Rituals keep AI operations running: due today and overdue are highlighted."
    CSS_PATH = "cadence.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield DataTable(id="ritual-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="checklist")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#ritual-table", DataTable)
        table.add_columns("Ritual", "Interval", "Owner", "Last done", "Next due")
        self.refresh_data()
        table.focus()

    def refresh_data(self) -> None:
        today = self.store.clock().date()
        table = self.query_one("#ritual-table", DataTable)
        table.clear()
        for row in self.store.rituals.list():
            r = row.ritual
            state = due_state(row.next_due, today)
            table.add_row(
                r.name,
                interval_label(r.interval, r.every_days, r.anchor, r.anchor_day),
                row.owner or "-",
                row.last_done.isoformat() if row.last_done else "never",
                due_text(f"{row.next_due.isoformat()} {state if state != 'later' else ''}", state),
                key=str(r.id),
            )
        self._show_checklist()

    def _show_checklist(self) -> None:
        table = self.query_one("#ritual-table", DataTable)
        panel = self.query_one("#checklist", Static)
        if not table.row_count:
            panel.update("No rituals.")
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        ritual = self.store.rituals.get(int(key or 0))
        if ritual is None:
            return
        lines = [f"[b]{ritual.name}[/b]", ""]
        lines += [f"[ ] {line}" for line in ritual.checklist]
        panel.update("\n".join(lines))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_checklist()
