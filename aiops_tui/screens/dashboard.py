"""Screen 1: the five questions, what is due, what is waiting and what is wrong."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from aiops_tui.domain.cadence import due_state, due_words
from aiops_tui.screens.base import AppScreen
from aiops_tui.storage.health_figures import Alert, MonthFigures
from aiops_tui.storage.reviews import ReviewFilter
from aiops_tui.widgets.badges import due_text
from aiops_tui.widgets.fast_table import FastTable
from aiops_tui.widgets.keys_bar import KeyFooter
from aiops_tui.widgets.safe_text import display_safe, safe_cell
from aiops_tui.widgets.scorecard import Scorecard
from aiops_tui.widgets.title_bar import TitleBar
from aiops_tui.widgets.vim_keys import ListTable, option_bindings

ALERT_STYLE = {True: "bold red", False: "yellow"}
ALERTS_SHOWN = 30
"""A dashboard is read at a glance: the panel shows about nine alerts at a time, so
list the first 30 (critical first) and say how many more `aiops check` and the
weekly review list. Each listed alert is laid out before the first frame (100 of
them took 14 ms of a 115 ms start on the full-size database)."""


def alert_prompt(alert: Alert) -> Text:
    text = Text(f"{alert.kind.replace('_', ' '):<11}", style=ALERT_STYLE[alert.critical])
    text.append(" ")
    text.append(display_safe(alert.subject), style="bold")
    text.append("\n" + " " * 12 + display_safe(alert.detail), style="dim")
    return text


def figure_line(label: str, value: str | Text = "") -> Table:
    """One line of the figures: the label on the left, its value on the right. The value
    never wraps under the label (at 80 cells "0 due today" did); a long label is cut."""
    line = Table.grid(expand=True, padding=(0, 1, 0, 0))
    line.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
    line.add_column(no_wrap=True, justify="right")
    heading = not label.startswith(" ") and not value  # "Cadence": a heading, in bold
    line.add_row(Text(label, style="bold" if heading else ""), value)
    return line


def figures_text(
    month: MonthFigures,
    pending: int,
    ageing: int,
    signoff: int,
    overdue: int,
    today: int,
    compact: bool = False,
) -> Group:
    """The figures panel; `compact` (a short terminal): six lines, no headings."""
    need = "needs" if signoff == 1 else "need"
    if compact:
        return Group(
            figure_line(
                "pending reviews", Text(str(pending), style="bold yellow" if pending else "")
            ),
            figure_line("ageing", Text(str(ageing), style="bold red" if ageing else "dim")),
            figure_line(f"{need} sign-off", Text(str(signoff), style="" if signoff else "dim")),
            figure_line(
                "rituals overdue", Text(str(overdue), style="bold red" if overdue else "dim")
            ),
            figure_line("due today", Text(str(today), style="bold yellow" if today else "dim")),
            figure_line("time saved", f"{month.time_saved_minutes / 60:.1f} h"),
        )
    per_workflow = month.cost_per_active_workflow
    rate = month.approval_rate
    return Group(
        figure_line("Review queue"),
        figure_line("  pending", Text(str(pending), style="bold yellow" if pending else "")),
        figure_line("  ageing", Text(str(ageing), style="bold red" if ageing else "dim")),
        figure_line(f"  {need} sign-off", Text(str(signoff), style="" if signoff else "dim")),
        figure_line("Cadence"),
        figure_line("  overdue", Text(str(overdue), style="bold red" if overdue else "dim")),
        figure_line("  due today", Text(str(today), style="bold yellow" if today else "dim")),
        figure_line("Last 30 days"),
        figure_line("  time saved", f"{month.time_saved_minutes / 60:.1f} h"),
        figure_line("  cost per wf", "-" if per_workflow is None else f"{per_workflow:.2f}/mo"),
        figure_line("  approved", "-" if rate is None else f"{rate:.0%} of {month.decisions}"),
        figure_line(
            "  adoption", "-" if month.adoption_pct is None else f"{month.adoption_pct:.0f}%"
        ),
        figure_line("  tool cost", f"{month.tool_cost:.2f}/mo"),
    )


class AlertList(OptionList):
    """The alerts, moved through with the list keys; `enter` opens what one is about."""

    BINDINGS = [
        *option_bindings("alerts"),
        Binding("enter", "select", "Open", id="dashboard.open_alert"),
    ]


class RitualList(ListTable):
    """The rituals by due date; `enter` opens one on Cadence (shown in the footer)."""

    BINDINGS = [Binding("enter", "select_cursor", "Open", id="dashboard.open_ritual")]


class DashboardScreen(AppScreen):
    STYLES = "dashboard.tcss"
    AUTO_FOCUS = "#rituals"
    HELP = (
        "The scorecard answers the five questions for the active workflows (approved, pilot,"
        " live); alerts say what to fix, critical ones in red. enter on a ritual opens it on"
        " Cadence, on an alert the workflow (or tool) it is about; w starts the weekly review."
    )
    # The app's own keys, shown here where a newcomer starts (hidden on other screens).
    BINDINGS = [
        Binding("w", "app.weekly_review", "Weekly review", id="dashboard.weekly_review"),
        Binding("1", "app.show('dashboard')", "Screens", key_display="1-7", id="dashboard.screens"),
    ]
    _shown_alerts: list[Alert] = []
    _figures: tuple[MonthFigures, int, int, int, int, int] | None = None
    SHORT = 22
    """Under this many lines the scorecard and figures are compact (one line a question,
    six figures), so the Cadence and Alerts panels keep rows, not only their headers."""

    @property
    def compact(self) -> bool:
        return self.size.height < self.SHORT

    def on_resize(self) -> None:
        scorecard = self.query_one(Scorecard)
        if scorecard.compact != self.compact:
            scorecard.compact = self.compact
            self._show_figures()

    def _show_figures(self) -> None:
        if self._figures is None:
            return
        panel = self.query_one("#figures", Static)
        panel.update(figures_text(*self._figures, compact=self.compact))
        panel.border_title = "This month"

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="top"):
            yield Scorecard(id="scorecard")
            yield Static(id="figures")
        with Horizontal(id="bottom"):
            yield RitualList(id="rituals", cursor_type="row")
            yield AlertList(id="alerts")
        yield KeyFooter()

    def on_mount(self) -> None:
        rituals = self.query_one("#rituals", FastTable)
        rituals.add_column("Ritual", min_width=8, priority=9)
        rituals.add_column("Due", priority=8)  # shrinks the name, never drops
        rituals.border_title = "Cadence"
        self.query_one("#alerts", OptionList).border_title = "Alerts"
        self.refresh_data()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """enter on a ritual opens the Cadence screen on it, ready to tick and complete."""
        if event.data_table.id != "rituals" or event.row_key.value is None:
            return
        from aiops_tui.screens.cadence import CadenceScreen

        await self.app.switch_mode("cadence")
        screen = self.app.screen
        if isinstance(screen, CadenceScreen):
            screen.refresh_data()
            screen.select_ritual(int(event.row_key.value))

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """enter on an alert opens what it is about: the workflow, or Team & tools for a tool."""
        if event.option_list.id != "alerts" or event.option.id in (None, "more"):
            return
        alert = self._shown_alerts[int(event.option.id or 0)]
        if alert.kind == "unused_tool":
            await self.app.switch_mode("team")
            return
        await self.app.switch_mode("workflows")
        screen = self.app.screen
        hook = getattr(screen, "focus_workflow", None)
        if callable(hook):  # a workflows screen that can open one workflow by name
            hook(alert.subject)
            return
        from aiops_tui.widgets.filter_bar import FilterBar

        for bar in screen.query(FilterBar):
            bar.show_filter(alert.subject)  # filters the list live; escape clears it
        for table in screen.query(DataTable):
            table.focus()
            break

    def refresh_data(self) -> None:
        store = self.store
        today = store.clock().date()
        health = store.health.health()
        scorecard = self.query_one(Scorecard)
        scorecard.compact = self.compact
        scorecard.show(health.questions, health.use_cases)

        rituals = self.query_one("#rituals", DataTable)
        rituals.clear()
        states = []
        for row in store.rituals.all_rows():
            state = due_state(row.next_due, today)
            states.append(state)
            rituals.add_row(
                safe_cell(row.ritual.name),
                due_text(due_words((row.next_due - today).days), state),
                key=str(row.ritual.id),
            )
        overdue, due_today = states.count("overdue"), states.count("today")
        rituals.border_subtitle = f"{overdue} overdue" if overdue else "nothing overdue"

        pending = store.reviews.count(ReviewFilter(status="pending"))
        signoff = store.reviews.count(ReviewFilter(status="pending", needs_signoff=True))
        ageing = store.reviews.ageing_count()
        self._figures = (store.health.month_figures(), pending, ageing, signoff, overdue, due_today)
        self._show_figures()

        alerts = self.query_one("#alerts", OptionList)
        highlighted = alerts.highlighted
        alerts.clear_options()
        ordered = sorted(health.alerts, key=lambda a: not a.critical)  # stable: kinds stay grouped
        shown = ordered[:ALERTS_SHOWN]
        options = [Option(alert_prompt(a), id=str(i)) for i, a in enumerate(shown)]
        if len(ordered) > len(shown):
            more = Text(f"… {len(ordered) - len(shown)} more: `aiops check` lists them all", "dim")
            options.append(Option(more, id="more", disabled=True))
        alerts.add_options(options)
        self._shown_alerts = shown
        if shown:
            alerts.highlighted = min(highlighted or 0, len(shown) - 1)
        critical = len(health.critical)
        alerts.border_subtitle = (
            f"{len(health.alerts)} ({critical} critical)" if health.alerts else "none"
        )
