"""Screen 1: the five questions, what is due, what is waiting and what is wrong."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Static

from aiops_tui.domain.cadence import due_state
from aiops_tui.screens.base import AppScreen
from aiops_tui.widgets.badges import due_text
from aiops_tui.widgets.scorecard import Scorecard

ALERTS_SHOWN = 100


class DashboardScreen(AppScreen):
    HELP = (
        "The scorecard answers the five questions for the active workflows; alerts say what to fix."
    )
    CSS_PATH = "dashboard.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="top"):
            yield Scorecard(id="scorecard")
            yield Static(id="figures")
        with Horizontal(id="bottom"):
            with Vertical(id="left"):
                yield DataTable(id="rituals", cursor_type="row")
            with Vertical(id="right"):
                yield DataTable(id="alerts", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        rituals = self.query_one("#rituals", DataTable)
        rituals.add_columns("Ritual", "Next due", "Owner")
        rituals.border_title = "Cadence"
        alerts = self.query_one("#alerts", DataTable)
        alerts.add_columns("Alert", "Workflow / tool", "Detail")
        alerts.border_title = "Alerts"
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.store
        today = store.clock().date()
        health = store.health.health()
        self.query_one(Scorecard).show(health.questions)

        counts = store.reviews.status_counts()
        ageing = store.reviews.ageing_count()
        month = store.metrics.month_totals(today)
        audit = store.tools.audit()
        rate = store.reviews.approval_rate(30)
        figures = Text()
        figures.append("Review queue\n", style="bold")
        figures.append(f"  {counts.get('pending', 0)} pending", style="bold yellow")
        figures.append(f", {ageing} ageing\n" if ageing else "\n")
        figures.append("\nLast 30 days\n", style="bold")
        figures.append(f"  time saved    {month.get('time_saved_minutes', 0) / 60:.1f} h\n")
        figures.append(f"  approval rate {'-' if rate is None else f'{rate:.0%}'}\n")
        adoption = month.get("adoption_pct")
        figures.append(f"  adoption      {'-' if adoption is None else f'{adoption:.0f}%'}\n")
        figures.append(f"  tool cost     {audit.total_monthly_cost:.2f}/month\n")
        figures.append(f"  per active wf {audit.cost_per_active_workflow:.2f}/month\n")
        panel = self.query_one("#figures", Static)
        panel.update(figures)
        panel.border_title = "This month"

        rituals = self.query_one("#rituals", DataTable)
        rituals.clear()
        for row in store.rituals.list():
            state = due_state(row.next_due, today)
            label = {"overdue": "overdue ", "today": "today "}.get(state, "")
            rituals.add_row(
                row.ritual.name,
                due_text(f"{label}{row.next_due.isoformat()}", state),
                row.owner or "-",
                key=str(row.ritual.id),
            )

        alerts = self.query_one("#alerts", DataTable)
        alerts.clear()
        # A bounded list, critical first when cut: a large database can raise a thousand
        # alerts (`aiops check` prints them all); filling the table with them took 0.5 s.
        shown = health.alerts
        if len(shown) > ALERTS_SHOWN:
            shown = sorted(shown, key=lambda a: not a.critical)[:ALERTS_SHOWN]
        for i, alert in enumerate(shown):
            style = "bold red" if alert.critical else "yellow"
            alerts.add_row(
                Text(alert.kind.replace("_", " "), style=style),
                alert.subject,
                alert.detail,
                key=str(i),
            )
        more = f", first {len(shown)} shown" if len(shown) < len(health.alerts) else ""
        alerts.border_subtitle = f"{len(health.alerts)} ({len(health.critical)} critical{more})"
