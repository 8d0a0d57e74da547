"""Step 6: one metric value for each live workflow, typed in turn.

`enter` on a row (or just typing after the first) puts the cursor in the
value box; `enter` records it against the workflow's metric and moves to the
next live workflow.
"""

from __future__ import annotations

from pydantic import ValidationError
from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select, Static

from aiops_tui.domain.models import MetricEntry
from aiops_tui.screens.weekly.base import StepTable, WeeklyStep
from aiops_tui.storage.db import StoreError
from aiops_tui.widgets.form import describe_validation
from aiops_tui.widgets.metric_panel import MetricPanel
from aiops_tui.widgets.safe_text import display_safe, safe_cell

SERIES_OPTIONS = [("success metric", "")]
"""Until a workflow is shown: its own series replace these (show_target)."""


class MetricsStep(WeeklyStep):
    KEY = "metrics"
    TITLE = "Metrics"
    INTRO = (
        "One value a live workflow: enter on a row, type the value, enter records it and"
        " moves to the next workflow. escape leaves the box; ctrl+n goes to the next step."
    )

    def compose(self) -> ComposeResult:
        yield StepTable(id="wr-metrics", cursor_type="row", zebra_stripes=True)
        yield MetricPanel(id="wr-metric-panel")
        yield Static(id="wr-metric-for")
        with Horizontal(id="wr-metric-inputs"):
            yield Select(SERIES_OPTIONS, id="wr-kind", allow_blank=False)
            yield Input(id="wr-value", type="number", placeholder="value")
            yield Input(id="wr-metric-note", placeholder="note (optional)")

    def on_mount(self) -> None:
        table = self.query_one(StepTable)
        table.add_column("Workflow", width=31, min_width=14, priority=9)
        table.add_column("Success metric", width=18, min_width=10, priority=3)
        table.add_column("Last", width=7, priority=5)
        self._entered_column = table.add_column("This review", width=12, priority=8)

    def entered(self) -> dict[int, float]:
        return {int(m[0]): float(m[3]) for m in self.session.done_list("metrics")}

    def fill(self) -> None:
        table = self.query_one(StepTable)
        row = table.cursor_row
        table.clear()
        entered = self.entered()
        for live in self.session.agenda.live:
            done = entered.get(live.workflow_id)
            table.add_row(
                safe_cell(live.name),
                safe_cell(live.metric or "-"),
                "-" if live.last_value is None else f"{live.last_value:g}",
                Text(f"{done:g}", style="bold green") if done is not None else "",
                key=str(live.workflow_id),
            )
        self.keep_cursor(table, row)
        self.show_target()

    def counts(self) -> tuple[int, int]:
        done = len(self.entered())
        return done, len(self.session.agenda.live) - done

    def current_live(self) -> int | None:
        key = self.selected_key()
        return int(key) if key else None

    def show_target(self) -> None:
        workflow_id = self.current_live()
        live = next((m for m in self.session.agenda.live if m.workflow_id == workflow_id), None)
        label = self.query_one("#wr-metric-for", Static)
        panel = self.query_one("#wr-metric-panel", MetricPanel)
        panel.display = live is not None
        if live is None:
            label.update("No live workflows.")
            return
        workflow = self.store.workflows.get(live.workflow_id)
        if workflow is not None:
            entries = self.store.metrics.recent(live.workflow_id, limit=12)
            panel.show(workflow.metric, entries, rows=5)
            panel.border_title = escape(display_safe(workflow.name))
        unit = f" ({display_safe(live.unit)})" if live.unit else ""
        label.update(Text.assemble("Value for ", (display_safe(live.name), "bold"), unit, ":"))
        series = self.store.metrics.series_of(live.workflow_id)
        choice = self.query_one("#wr-kind", Select)
        choice.set_options(
            [(s.title, s.name) for s in series] or [("no success metric (e on the workflow)", "")]
        )
        choice.value = series[0].name if series else ""

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "wr-metrics":
            self.show_target()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.query_one("#wr-value", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.record()

    def back_to_table(self) -> bool:
        """escape in a box goes back to the list (True), else the screen's escape applies."""
        if isinstance(self.screen.focused, (Input, Select)):
            self.query_one(StepTable).focus()
            return True
        return False

    def record(self) -> None:
        workflow_id = self.current_live()
        value_input = self.query_one("#wr-value", Input)
        if workflow_id is None:
            return
        text = value_input.value.strip()
        if not text:
            self.notify(
                "Nothing recorded: the value box is empty. Type this week's figure"
                " (a number, like 12 or 4.5), then enter.",
                severity="warning",
            )
            return
        series = self.query_one("#wr-kind", Select).value
        note = self.query_one("#wr-metric-note", Input).value.strip()
        try:
            entry = MetricEntry(
                workflow_id=workflow_id,
                date=self.session.agenda.today,
                series=str(series),
                value=float(text),
                note=note,
            )
            self.store.metrics.add(entry)
        except ValueError as error:
            message = (
                describe_validation(error)[0][1]
                if isinstance(error, ValidationError)
                else "is not a number"
            )
            self.notify(f"Value {message}", severity="error", title="Not saved")
            return
        except StoreError as error:
            self.notify(str(error), severity="error", title="Not saved", markup=False)
            return
        live = next(m for m in self.session.agenda.live if m.workflow_id == workflow_id)
        self.session.done_list("metrics").append(
            [workflow_id, live.name, entry.series or live.metric, entry.value, note]
        )
        self.session.save()
        value_input.value = ""
        self.query_one("#wr-metric-note", Input).value = ""
        table = self.query_one(StepTable)
        table.update_cell(
            str(workflow_id), self._entered_column, Text(f"{entry.value:g}", style="bold green")
        )
        if table.cursor_row + 1 < table.row_count:
            table.move_cursor(row=table.cursor_row + 1)
        else:
            self.show_target()
        value_input.focus()
