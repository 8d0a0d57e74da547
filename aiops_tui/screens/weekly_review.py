"""The weekly review (`w`): a guided session, one step a screen, keyboard only.

The agenda comes from the data (see weekly_agenda). Progress (the step, the
notes, the metrics entered and the decisions made) is kept in app_state under
one key, so quitting half way and pressing `w` again resumes. Finishing
records a Completion of the "Weekly review" ritual and offers a Markdown
summary.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    ContentSwitcher,
    DataTable,
    Input,
    Label,
    Select,
    Static,
    TextArea,
)

from aiops_tui.domain.cadence import due_words
from aiops_tui.domain.models import Completion, Decision, MetricEntry, ReviewDecision
from aiops_tui.domain.words import plural
from aiops_tui.export.weekly import WeeklySummary, default_filename, render_weekly
from aiops_tui.screens.styles import ScreenStyles
from aiops_tui.screens.weekly_export_form import WeeklyExportForm
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store
from aiops_tui.storage.weekly_agenda import STATE_KEY, WEEKLY_RITUAL, Agenda, build_agenda
from aiops_tui.widgets.fast_table import FastTable
from aiops_tui.widgets.form import describe_validation
from aiops_tui.widgets.key_footer import KeyFooter
from aiops_tui.widgets.metric_panel import MetricPanel
from aiops_tui.widgets.notices import notify_refused
from aiops_tui.widgets.safe_text import display_safe, safe_cell
from aiops_tui.widgets.title_bar import TitleBar

STEPS: list[tuple[str, str]] = [
    ("rituals", "Overdue rituals"),
    ("reviews", "Pending reviews"),
    ("prompts", "Prompt changes"),
    ("alerts", "Workflows with alerts"),
    ("docs", "Stale documentation"),
    ("metrics", "Metrics"),
    ("notes", "Notes"),
    ("finish", "Finish"),
]
INTROS = {
    "rituals": "Rituals overdue or due today. Do them this week, or complete them on Cadence (5).",
    "reviews": "Pending review items. y approve, c request changes, x reject; changes and"
    " rejections need a note (type it below, enter to apply).",
    "prompts": "Prompt versions and label moves since the last weekly review.",
    "alerts": "Workflows with alerts: no owner, no metric, stale, drift, policy gaps, shadow AI.",
    "docs": "Active workflows whose written state and prompts were not touched in 14 days"
    " (one biweekly documentation cycle).",
    "metrics": "One value a live workflow: enter on a row, type the value, enter records it"
    " and moves to the next workflow. escape leaves the box; ctrl+n goes to the next step.",
    "notes": "Notes for the week: decisions, follow-ups, who does what. ctrl+n goes on.",
    "finish": "n records the weekly review as done and offers a Markdown summary.",
}
AGENDA_ROWS = 300
"""Alerts and stale documents shown per step; beyond that a weekly review cannot read them
one by one, and the count (and `aiops check`) says how many there are."""
DECISIONS = {"y": Decision.APPROVED, "c": Decision.CHANGES_REQUESTED, "x": Decision.REJECTED}
SERIES_OPTIONS = [("success metric", "")]
"""Until a workflow is shown: its own series replace these (metric_series_options)."""


def fresh_state(store: Store) -> dict[str, Any]:
    return {
        "step": 0,
        "notes": "",
        "metrics": [],
        "decisions": [],
        "started_at": store.clock().isoformat(timespec="seconds"),
    }


class WeeklyReviewScreen(ScreenStyles, Screen[None]):
    STYLES = "weekly_review.tcss"
    HELP = "The weekly review walks the agenda one step at a time; progress is kept if you quit."
    progress: dict[str, Any] = {}
    """Read from the database on mount; empty (step one) before, should Textual ask
    check_action about a key (a binding check) while the screen is still mounting."""
    BINDINGS = [
        Binding("n", "next", "Next step", id="weekly.next"),
        Binding("p", "previous", "Previous step", id="weekly.previous"),
        Binding("ctrl+n", "next", "Next step", show=False, priority=True, id="weekly.next_any"),
        Binding("escape", "back", "Back", id="weekly.back"),
        Binding("y", "decide('y')", "Approve", id="weekly.approve"),
        Binding("c", "decide('c')", "Request changes", id="weekly.changes"),
        Binding("x", "decide('x')", "Reject", id="weekly.reject"),
        Binding("w,1,2,3,4,5,6", "already_here", show=False, id="weekly.here"),
        Binding("j", "cursor('down')", "Down", show=False, id="weekly.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="weekly.up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._pending_decision: str | None = None

    @property
    def store(self) -> Store:
        return self.app.store  # type: ignore[attr-defined]

    @property
    def user(self) -> str:
        return str(self.app.user)  # type: ignore[attr-defined]

    # -- layout -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal():
            yield Static(id="wr-steps")
            with Vertical(id="wr-main"):
                yield Static(id="wr-title")
                yield Static(id="wr-intro")
                with ContentSwitcher(initial="step-rituals", id="wr-switcher"):
                    for key, _ in STEPS:
                        with Vertical(id=f"step-{key}", classes="wr-step"):
                            yield from self._compose_step(key)
        yield KeyFooter()

    def _compose_step(self, key: str) -> ComposeResult:
        if key == "notes":
            yield TextArea(id="wr-notes", soft_wrap=True)
        elif key == "finish":
            yield Static(id="wr-finish")
        else:
            yield FastTable(id=f"wr-{key}", cursor_type="row", zebra_stripes=True)
        if key == "reviews":
            yield Label("Note for the decision (required for changes and reject):")
            yield Input(id="wr-review-note", placeholder="why")
        if key == "metrics":
            yield MetricPanel(id="wr-metric-panel")
            yield Static(id="wr-metric-for")
            with Horizontal(id="wr-metric-inputs"):
                yield Select(SERIES_OPTIONS, id="wr-kind", allow_blank=False)
                yield Input(id="wr-value", type="number", placeholder="value")
                yield Input(id="wr-metric-note", placeholder="note (optional)")

    def on_mount(self) -> None:
        self.set_up()

    def set_up(self) -> None:
        """The saved progress (or a new review), the agenda and the tables."""
        saved = self.store.state.get(STATE_KEY)
        self.progress = saved if isinstance(saved, dict) else fresh_state(self.store)
        if isinstance(saved, dict):
            self.notify(f"Resumed the weekly review at step {self.step + 1}.")
        self.save()
        self.agenda: Agenda = build_agenda(self.store)
        columns = {
            "rituals": ("Ritual", "Due", "Last done", "Owner"),
            "reviews": ("Item", "Workflow", "Submitted", "Sign-off", "Ageing"),
            "prompts": ("When", "Who", "Change"),
            "alerts": ("Alert", "Workflow", "Detail"),
            "docs": ("Workflow", "State updated", "Prompt changed"),
        }
        for key, names in columns.items():
            self.query_one(f"#wr-{key}", DataTable).add_columns(*names)
        metrics = self.query_one("#wr-metrics", DataTable)
        for name, width in [("Workflow", 34), ("Success metric", 18), ("Last", 7)]:
            metrics.add_column(name, width=width)
        self._entered_column = metrics.add_column("This review", width=12)
        self.query_one("#wr-notes", TextArea).text = str(self.progress.get("notes", ""))
        self.fill_tables()
        self.show_step()

    @property
    def step(self) -> int:
        return max(0, min(int(self.progress.get("step", 0)), len(STEPS) - 1))

    @property
    def step_key(self) -> str:
        return STEPS[self.step][0]

    def save(self) -> None:
        """Remember the progress; a refusal is said, and the progress stays in memory."""
        try:
            self.store.state.set(STATE_KEY, self.progress)
        except StoreError as error:
            notify_refused(self, str(error), "Progress not saved")

    # -- data -------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        a = self.agenda
        return {
            "rituals": len(a.overdue),
            "reviews": self.query_one("#wr-reviews", DataTable).row_count,
            "prompts": len(a.prompt_changes),
            "alerts": len(a.alerts),
            "docs": len(a.stale_docs),
            "metrics": len(a.live),
        }

    def fill_tables(self) -> None:
        a = self.agenda
        table = self.query_one("#wr-rituals", DataTable)
        for r in a.overdue:
            table.add_row(
                safe_cell(r.ritual.name),
                Text(due_words((r.next_due - a.today).days), style="bold red"),
                r.last_done.isoformat() if r.last_done else "never",
                safe_cell(r.owner or "-"),
            )
        self.fill_reviews()
        table = self.query_one("#wr-prompts", DataTable)
        for event in a.prompt_changes:
            table.add_row(
                event.at.strftime("%Y-%m-%d %H:%M"),
                safe_cell(event.who or "-"),
                safe_cell(event.summary),
            )
        table = self.query_one("#wr-alerts", DataTable)
        for alert in a.alerts[:AGENDA_ROWS]:
            style = "bold red" if alert.critical else "yellow"
            table.add_row(
                Text(alert.kind.replace("_", " "), style=style),
                safe_cell(alert.subject),
                safe_cell(alert.detail),
            )
        self._more(table, len(a.alerts), "aiops check lists them all")
        table = self.query_one("#wr-docs", DataTable)
        for doc in a.stale_docs[:AGENDA_ROWS]:
            table.add_row(
                safe_cell(doc.name), doc.state_updated, safe_cell(doc.prompt_changed or "no prompt")
            )
        self._more(table, len(a.stale_docs), "the workflow list has them all")
        self.fill_metrics()

    @staticmethod
    def _more(table: DataTable, total: int, where: str) -> None:
        if total > AGENDA_ROWS:
            table.add_row(Text(f"… {total - AGENDA_ROWS} more", style="dim"), Text(where, "dim"))

    def fill_reviews(self) -> None:
        table = self.query_one("#wr-reviews", DataTable)
        row = table.cursor_row
        table.clear()
        decided = {int(d[0]) for d in self.progress.get("decisions", [])}
        for item in self.agenda.pending:
            if item.id in decided:
                continue
            table.add_row(
                safe_cell(item.title),
                safe_cell(item.workflow),
                item.submitted_at[:10],
                "needed" if item.needs_signoff else "",
                Text("ageing", style="bold red") if item.ageing else "",
                key=str(item.id),
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def entered(self) -> dict[int, tuple[str, float]]:
        return {int(m[0]): (str(m[2]), float(m[3])) for m in self.progress.get("metrics", [])}

    def fill_metrics(self) -> None:
        table = self.query_one("#wr-metrics", DataTable)
        row = table.cursor_row
        table.clear()
        entered = self.entered()
        for live in self.agenda.live:
            done = entered.get(live.workflow_id)
            table.add_row(
                safe_cell(live.name),
                safe_cell(live.metric or "-"),
                "-" if live.last_value is None else f"{live.last_value:g}",
                Text(f"{done[1]:g}", style="bold green") if done else "",
                key=str(live.workflow_id),
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.show_metric_target()

    # -- steps ------------------------------------------------------------

    def show_step(self) -> None:
        key = self.step_key
        counts = self.counts()
        steps = Text()
        for index, (step_key, title) in enumerate(STEPS):
            mark = "›" if index == self.step else ("✓" if index < self.step else " ")
            count = f" ({counts[step_key]})" if step_key in counts else ""
            style = "bold reverse" if index == self.step else ("dim" if index < self.step else "")
            steps.append(f"{mark} {index + 1}. {title}{count}\n", style=style)
        self.query_one("#wr-steps", Static).update(steps)
        title = STEPS[self.step][1]
        self.query_one("#wr-title", Static).update(
            Text(f"Step {self.step + 1} of {len(STEPS)}: {title}", style="bold")
        )
        self.query_one("#wr-intro", Static).update(INTROS[key])
        self.query_one("#wr-switcher", ContentSwitcher).current = f"step-{key}"
        if key == "finish":
            self.query_one("#wr-finish", Static).update(self.finish_text())
        focus = {"notes": "#wr-notes", "finish": None}.get(key, f"#wr-{key}")
        if focus:
            self.query_one(focus).focus()
        else:
            self.set_focus(None)
        self.refresh_bindings()

    def go(self, step: int) -> None:
        self.progress["step"] = max(0, min(step, len(STEPS) - 1))
        self.save()
        self.show_step()

    def action_next(self) -> None:
        if self.step_key == "finish":
            self.finish()
        else:
            self.go(self.step + 1)

    def action_previous(self) -> None:
        self.go(self.step - 1)

    def action_back(self) -> None:
        focused = self.focused
        main = self.query_one(f"#wr-{self.step_key}") if self.step_key != "finish" else None
        if isinstance(focused, (Input, Select)) and main is not None:
            main.focus()
        elif self.step == 0:
            self.notify("Weekly review paused: press w to resume.")
            self.dismiss(None)
        else:
            self.action_previous()

    def action_already_here(self) -> None:
        """`w` and the screen keys do nothing during the review: escape pauses it first."""
        self.notify("Press escape (on step 1) to pause the review; w resumes it.")

    def action_cursor(self, direction: str) -> None:
        table = self.focused
        if isinstance(table, DataTable):
            if direction == "down":
                table.action_cursor_down()
            else:
                table.action_cursor_up()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide":
            return self.step_key == "reviews"
        if action == "previous":
            return self.step > 0
        return True

    # -- reviews ----------------------------------------------------------

    def action_decide(self, key: str) -> None:
        table = self.query_one("#wr-reviews", DataTable)
        if not table.row_count:
            self.notify("No pending items left.")
            return
        note_input = self.query_one("#wr-review-note", Input)
        decision = DECISIONS[key]
        if decision != Decision.APPROVED and not note_input.value.strip():
            self._pending_decision = key
            note_input.focus()
            self.notify("Type a note saying why, then press enter.")
            return
        self.apply_decision(decision, note_input.value.strip())

    def apply_decision(self, decision: Decision, note: str) -> None:
        table = self.query_one("#wr-reviews", DataTable)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        item_id = int(key or 0)
        title = str(table.get_row(key)[0]) if key else ""
        try:
            self.store.reviews.decide(
                ReviewDecision(
                    item_id=item_id,
                    reviewer=self.user,
                    decision=decision,
                    note=note,
                    decided_at=self.store.clock(),
                )
            )
        except ValidationError as error:
            notify_refused(self, describe_validation(error)[0][1])
            return
        except StoreError as error:
            notify_refused(self, str(error))
            return
        self.progress.setdefault("decisions", []).append([item_id, title, str(decision), note])
        self.save()
        self.query_one("#wr-review-note", Input).value = ""
        self._pending_decision = None
        self.fill_reviews()
        table.focus()
        self.show_step()
        self.notify(f"{str(decision).replace('_', ' ').capitalize()}: {title}", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "wr-review-note":
            if self._pending_decision:
                self.apply_decision(DECISIONS[self._pending_decision], event.value.strip())
            else:
                self.query_one("#wr-reviews").focus()
        elif event.input.id in ("wr-value", "wr-metric-note"):
            self.record_metric()

    # -- metrics ----------------------------------------------------------

    def current_live(self) -> int | None:
        table = self.query_one("#wr-metrics", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    def show_metric_target(self) -> None:
        workflow_id = self.current_live()
        live = next((m for m in self.agenda.live if m.workflow_id == workflow_id), None)
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
            self.show_metric_target()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "wr-metrics":
            self.query_one("#wr-value", Input).focus()
        elif event.data_table.id == "wr-reviews":
            self.query_one("#wr-review-note", Input).focus()

    def record_metric(self) -> None:
        workflow_id = self.current_live()
        value_input = self.query_one("#wr-value", Input)
        if workflow_id is None:
            return
        text = value_input.value.strip()
        if not text:
            self.notify("Type a value first.", severity="warning")
            return
        series = self.query_one("#wr-kind", Select).value
        note = self.query_one("#wr-metric-note", Input).value.strip()
        try:
            entry = MetricEntry(
                workflow_id=workflow_id,
                date=self.agenda.today,
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
            notify_refused(self, f"Value {message}")
            return
        except StoreError as error:
            notify_refused(self, str(error))
            return
        live = next(m for m in self.agenda.live if m.workflow_id == workflow_id)
        self.progress.setdefault("metrics", []).append(
            [workflow_id, live.name, entry.series or live.metric, entry.value, note]
        )
        self.save()
        value_input.value = ""
        self.query_one("#wr-metric-note", Input).value = ""
        table = self.query_one("#wr-metrics", DataTable)
        table.update_cell(
            str(workflow_id), self._entered_column, Text(f"{entry.value:g}", style="bold green")
        )
        if table.cursor_row + 1 < table.row_count:
            table.move_cursor(row=table.cursor_row + 1)
        else:
            self.show_metric_target()
        value_input.focus()

    # -- notes and finish -------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "wr-notes":
            self.progress["notes"] = event.text_area.text
            self.save()

    def summary(self) -> WeeklySummary:
        a = self.agenda
        return WeeklySummary(
            day=a.today,
            who=self.user,
            scorecard=[
                (q.question, q.percent_text, f"{q.satisfied}/{q.total}") for q in a.scorecard
            ],
            overdue=[
                (
                    r.ritual.name,
                    f"{r.next_due.isoformat()}, {due_words((r.next_due - a.today).days)}",
                )
                for r in a.overdue
            ],
            pending_reviews=self.query_one("#wr-reviews", DataTable).row_count,
            decisions=[
                (str(d[1]), str(d[2]), str(d[3])) for d in self.progress.get("decisions", [])
            ],
            prompt_changes=[
                (e.at.strftime("%Y-%m-%d %H:%M"), e.who, e.summary) for e in a.prompt_changes
            ],
            alerts=[(al.kind, al.subject, al.detail) for al in a.alerts],
            stale_docs=[
                (d.name, d.state_updated, d.prompt_changed or "no prompt") for d in a.stale_docs
            ],
            metrics=[
                (str(m[1]), str(m[2]), float(m[3]), str(m[4]))
                for m in self.progress.get("metrics", [])
            ],
            notes=str(self.progress.get("notes", "")),
        )

    def finish_text(self) -> Text:
        decisions = len(self.progress.get("decisions", []))
        metrics = len(self.progress.get("metrics", []))
        notes = str(self.progress.get("notes", "")).strip()
        text = Text()
        text.append(f"{decisions} review decision{'' if decisions == 1 else 's'} made\n")
        text.append(
            f"{metrics} of {plural(len(self.agenda.live), 'live workflow')}"
            f" {'has' if metrics == 1 else 'have'} a metric entry\n"
        )
        text.append(f"{plural(len(self.agenda.alerts), 'workflow alert')} looked at\n")
        text.append("notes written\n" if notes else "no notes\n", style="" if notes else "dim")
        text.append(f"\nPress n to record the {WEEKLY_RITUAL} as done.", style="bold")
        return text

    def finish(self) -> None:
        ritual = self.store.rituals.by_name(WEEKLY_RITUAL)
        if ritual is None:
            self.notify(
                f"There is no ritual named {WEEKLY_RITUAL!r}: add it on Cadence (5) first.",
                severity="error",
                title="Not recorded",
            )
            return
        summary = self.summary()
        try:
            self.store.rituals.complete(
                Completion(
                    ritual_id=ritual.id or 0,
                    who=self.user,
                    completed_at=self.store.clock(),
                    notes=summary.notes.strip(),
                    ticked=list(range(len(ritual.checklist))),
                )
            )
        except StoreError as error:
            notify_refused(self, str(error), "Not recorded")
            return
        try:  # the ritual is recorded; clearing the remembered progress is tidying
            self.store.state.delete(STATE_KEY)
            self.store.state.delete(f"ritual_ticks:{ritual.id}")
        except StoreError as error:
            notify_refused(self, str(error), "Progress not cleared")
        self.notify(f"Recorded the {WEEKLY_RITUAL}.")
        form = WeeklyExportForm(render_weekly(summary), f"./{default_filename(summary.day)}")
        self.app.push_screen(form, self._exported)

    def _exported(self, path: object) -> None:
        if path is not None:
            self.notify(f"Wrote {path}.", markup=False)
        self.dismiss(None)
