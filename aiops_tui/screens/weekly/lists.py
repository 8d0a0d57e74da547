"""Steps 3-5: prompt changes (read), workflows with alerts and stale documentation (acted on).

Alerts: `enter` opens the workflow (or the tool), `escape` there comes back
to the same step and row; `x` marks the workflow reviewed today, and its
staleness alert clears. Stale documentation: `enter` opens the workflow's
prompt (or the workflow) to edit.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from aiops_tui.screens.weekly.base import StepTable, WeeklyStep
from aiops_tui.storage.health_figures import Alert
from aiops_tui.storage.weekly_agenda import workflow_alerts
from aiops_tui.widgets.safe_text import safe_cell

AGENDA_ROWS = 300
"""Alerts and stale documents shown per step; beyond that a weekly review cannot read them
one by one, and the count (and `aiops check`) says how many there are."""


def more_row(table: DataTable, total: int, where: str) -> None:
    if total > AGENDA_ROWS:
        table.add_row(Text(f"… {total - AGENDA_ROWS} more", style="dim"), Text(where, "dim"))


class PromptsStep(WeeklyStep):
    KEY = "prompts"
    TITLE = "Prompt changes"
    INTRO = "Prompt versions and label moves since the last weekly review."

    def compose(self) -> ComposeResult:
        yield StepTable(id="wr-prompts", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(StepTable)
        # Narrow, the change shrinks to 16 cells, then who made it drops (fast_table.py).
        table.add_column("When", width=16, priority=5)
        table.add_column("Who", width=12, min_width=8, priority=3)
        table.add_column("Change", width=42, min_width=16, priority=9)

    def fill(self) -> None:
        table = self.query_one(StepTable)
        table.clear()
        for event in self.session.agenda.prompt_changes:
            table.add_row(
                event.at.strftime("%Y-%m-%d %H:%M"),
                safe_cell(event.who or "-"),
                safe_cell(event.summary),
            )

    def count_words(self) -> str:
        changes = len(self.session.agenda.prompt_changes)
        return f"{changes} to read" if changes else "none"


class AlertsStep(WeeklyStep):
    KEY = "alerts"
    TITLE = "Workflows with alerts"
    INTRO = (
        "No owner, no metric, stale, drift, policy gaps, shadow AI. enter opens the workflow"
        " (escape comes back here); x marks it reviewed today."
    )
    BINDINGS = [Binding("x", "mark_reviewed", "Reviewed", id="weekly.mark_reviewed")]

    def compose(self) -> ComposeResult:
        yield StepTable(id="wr-alerts", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(StepTable)
        table.add_column("Alert", width=12, priority=8)
        table.add_column("Workflow", width=30, min_width=14, priority=9)
        table.add_column("Detail", width=28, min_width=12, priority=5)

    def fill(self) -> None:
        table = self.query_one(StepTable)
        row = table.cursor_row
        table.clear()
        alerts = self.session.agenda.alerts
        for index, alert in enumerate(alerts[:AGENDA_ROWS]):
            style = "bold red" if alert.critical else "yellow"
            table.add_row(
                Text(alert.kind.replace("_", " "), style=style),
                safe_cell(alert.subject),
                safe_cell(alert.detail),
                key=str(index),
            )
        more_row(table, len(alerts), "aiops check lists them all")
        self.keep_cursor(table, row)

    def counts(self) -> tuple[int, int]:
        return len(self.session.done_list("reviewed")), len(self.session.agenda.alerts)

    def current(self) -> Alert | None:
        key = self.selected_key()
        alerts = self.session.agenda.alerts
        return alerts[int(key)] if key and key.isdigit() and int(key) < len(alerts) else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        alert = self.current()
        if alert is None:
            return
        workflow = self.store.workflows.by_name(alert.subject)
        if workflow is not None and workflow.id is not None:
            from aiops_tui.screens.workflow_detail import WorkflowDetailScreen

            self.app.push_screen(WorkflowDetailScreen(workflow.id))
            return
        tool = self.store.tools.by_name(alert.subject)
        if tool is not None:
            from aiops_tui.screens.tool_form import ToolForm

            self.app.push_screen(ToolForm(self.store, tool))
            return
        self.notify(f"Nothing to open for {alert.subject}.", markup=False)

    def action_mark_reviewed(self) -> None:
        alert = self.current()
        workflow = self.store.workflows.by_name(alert.subject) if alert else None
        if workflow is None or workflow.id is None:
            self.notify("This alert is not about a workflow.", severity="warning")
            return
        workflow_id = workflow.id
        if not self.session.app.try_write(lambda: self.store.workflows.mark_reviewed(workflow_id)):
            return
        self.session.done_list("reviewed").append(workflow.name)
        self.reload()
        self.session.save()
        self.notify(f"Marked {workflow.name} reviewed today.", markup=False)

    def reload(self) -> None:
        """Alerts again from the data (after a review mark, or coming back from a workflow)."""
        self.session.agenda.alerts = workflow_alerts(self.store)
        self.fill()


class DocsStep(WeeklyStep):
    KEY = "docs"
    TITLE = "Stale documentation"
    INTRO = (
        "Active workflows whose written state and prompts were not touched in 14 days."
        " enter opens the prompt (or the workflow) to edit; escape comes back."
    )

    def compose(self) -> ComposeResult:
        yield StepTable(id="wr-docs", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(StepTable)
        table.add_column("Workflow", width=34, min_width=14, priority=9)
        table.add_column("State updated", width=13, priority=5)
        table.add_column("Prompt changed", width=20, min_width=10, priority=4)

    def fill(self) -> None:
        table = self.query_one(StepTable)
        row = table.cursor_row
        table.clear()
        docs = self.session.agenda.stale_docs
        for doc in docs[:AGENDA_ROWS]:
            table.add_row(
                safe_cell(doc.name),
                doc.state_updated,
                safe_cell(doc.prompt_changed or "no prompt"),
                key=str(doc.workflow_id),
            )
        more_row(table, len(docs), "the workflow list has them all")
        self.keep_cursor(table, row)

    def count_words(self) -> str:
        stale = len(self.session.agenda.stale_docs)
        return f"{stale} stale" if stale else "none"

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = self.selected_key()
        if not key or not key.isdigit():
            return
        prompts = self.store.prompts.page(workflow_id=int(key), limit=1)
        if prompts:
            from aiops_tui.screens.prompt_detail import PromptDetailScreen

            self.app.push_screen(PromptDetailScreen(prompts[0].id))
        else:
            from aiops_tui.screens.workflow_detail import WorkflowDetailScreen

            self.app.push_screen(WorkflowDetailScreen(int(key)))

    def reload(self) -> None:
        self.session.agenda.stale_docs = self.store.health.stale_documentation()
        self.fill()
