"""Step 1: overdue rituals, ticked and completed in place (`space`, `c`)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from aiops_tui.domain.cadence import due_words, next_open_line
from aiops_tui.domain.models import Completion, Ritual
from aiops_tui.screens.completion_form import CompletionForm
from aiops_tui.screens.weekly.base import StepTable, WeeklyStep
from aiops_tui.storage.weekly_agenda import overdue_rituals
from aiops_tui.widgets.safe_text import safe_cell


class RitualsStep(WeeklyStep):
    KEY = "rituals"
    TITLE = "Overdue rituals"
    INTRO = (
        "Rituals overdue or due today. space ticks the next checklist line, c completes"
        " the ritual (who, notes); n goes on."
    )
    BINDINGS = [
        Binding("space", "tick", "Tick line", id="weekly.tick"),
        Binding("c", "complete", "Complete", id="weekly.complete"),
    ]

    def compose(self) -> ComposeResult:
        yield StepTable(id="wr-rituals", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(StepTable)
        table.add_column("Ritual", width=24, min_width=12, priority=9)
        table.add_column("Due", width=14, priority=8)
        table.add_column("Last done", width=10, priority=2)
        table.add_column("Owner", width=12, min_width=8, priority=3)
        table.add_column("Ticked", width=6, priority=5)

    def fill(self) -> None:
        table = self.query_one(StepTable)
        row = table.cursor_row
        table.clear()
        today = self.session.agenda.today
        for r in self.session.agenda.overdue:
            ticks = self.store.ticks.get(r.ritual)
            table.add_row(
                safe_cell(r.ritual.name),
                Text(due_words((r.next_due - today).days), style="bold red"),
                r.last_done.isoformat() if r.last_done else "never",
                safe_cell(r.owner or "-"),
                f"{len(ticks)}/{len(r.ritual.checklist)}" if r.ritual.checklist else "-",
                key=str(r.ritual.id),
            )
        self.keep_cursor(table, row)

    def counts(self) -> tuple[int, int]:
        return len(self.session.done_list("completed")), len(self.session.agenda.overdue)

    def current(self) -> Ritual | None:
        key = self.selected_key()
        return next(
            (r.ritual for r in self.session.agenda.overdue if str(r.ritual.id) == key), None
        )

    def action_tick(self) -> None:
        ritual = self.current()
        if ritual is None:
            self.notify("No overdue ritual here.", severity="warning")
            return
        line = next_open_line(len(ritual.checklist), self.store.ticks.get(ritual))
        if line is None:
            self.notify("Every line is ticked (or there are none): c completes the ritual.")
            return
        if self.session.app.try_write(lambda: self.store.ticks.toggle(ritual, line)):
            self.fill()
            self.notify(f"Ticked: {ritual.checklist[line]}", markup=False)

    def action_complete(self) -> None:
        ritual = self.current()
        if ritual is None:
            self.notify("No overdue ritual here.", severity="warning")
            return
        ticks = sorted(self.store.ticks.get(ritual))
        self.app.push_screen(
            CompletionForm(self.store, ritual, ticks, self.session.app.user),
            lambda done: self._completed(ritual, done),
        )

    def _completed(self, ritual: Ritual, done: Completion | None) -> None:
        if done is None:
            return
        self.session.app.try_write(lambda: self.store.ticks.clear(ritual.id or 0))
        self.session.done_list("completed").append(ritual.name)
        self.session.agenda.overdue = overdue_rituals(self.store, self.session.agenda.today)
        self.fill()
        self.session.save()
        self.notify(f"Completed {ritual.name}.", markup=False)
