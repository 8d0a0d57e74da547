"""The weekly review (`w`): a guided session, one step widget at a time, keyboard only.

The agenda comes from the data (storage/weekly_agenda). Progress (the step,
the row in each step, the notes, what was decided, completed and entered) is
kept in app_state under one key after every change, so leaving (escape on
step 1, q, or a crash) and pressing `w` again resumes on the same step and
row. Finishing records a Completion of the "Weekly review" ritual by the
person acting and offers a Markdown summary of what was decided.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Static

from aiops_tui.domain.cadence import due_words
from aiops_tui.domain.models import Completion
from aiops_tui.export.weekly import WeeklySummary, default_filename, render_weekly
from aiops_tui.screens.store_app import StoreApp, Undone
from aiops_tui.screens.styles import ScreenStyles
from aiops_tui.screens.weekly.base import Session, WeeklyStep
from aiops_tui.screens.weekly.closing import FinishStep, NotesStep
from aiops_tui.screens.weekly.lists import AlertsStep, DocsStep, PromptsStep
from aiops_tui.screens.weekly.metrics import MetricsStep
from aiops_tui.screens.weekly.reviews import ReviewsStep
from aiops_tui.screens.weekly.rituals import RitualsStep
from aiops_tui.screens.weekly_export_form import WeeklyExportForm
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store
from aiops_tui.storage.weekly_agenda import (
    STATE_KEY,
    WEEKLY_RITUAL,
    build_agenda,
    overdue_rituals,
)
from aiops_tui.widgets.keys_bar import KeyFooter
from aiops_tui.widgets.title_bar import TitleBar

STEPS: list[type[WeeklyStep]] = [
    RitualsStep,
    ReviewsStep,
    PromptsStep,
    AlertsStep,
    DocsStep,
    MetricsStep,
    NotesStep,
    FinishStep,
]


def fresh_state(store: Store) -> dict[str, Any]:
    return {
        "step": 0,
        "rows": {},
        "notes": "",
        "metrics": [],
        "decisions": [],
        "completed": [],
        "reviewed": [],
        "started_at": store.clock().isoformat(timespec="seconds"),
    }


class WeeklyReviewScreen(ScreenStyles, Screen[None]):
    STYLES = "weekly.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Under 100 columns the step list hides (the title line keeps the counts) and the
    draft goes under the reviews list instead of beside it."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    """Under 30 lines the metrics step keeps its list readable: the chart gets what is left."""
    HELP = "The weekly review walks the agenda one step at a time; progress is kept if you quit."
    BINDINGS = [
        Binding("n", "next", "Next step", id="weekly.next"),
        Binding("p", "previous", "Previous step", id="weekly.previous"),
        Binding("ctrl+n", "next", "Next step", show=False, priority=True, id="weekly.next_any"),
        Binding("escape", "back", "Back", id="weekly.back"),
        Binding("w,1,2,3,4,5,6", "already_here", show=False, id="weekly.here"),
    ]

    session: Session
    resumed = False

    def start_session(self) -> None:
        """The saved progress (or a new review) and the agenda, read as the screen composes."""
        app: StoreApp = self.app  # type: ignore[assignment]
        saved = app.store.state.get(STATE_KEY)
        self.resumed = isinstance(saved, dict)
        progress = saved if isinstance(saved, dict) else fresh_state(app.store)
        for key, empty in fresh_state(app.store).items():
            progress.setdefault(key, empty)  # progress saved by an older version
        self.session = Session(app, build_agenda(app.store), progress, self.save)

    @property
    def store(self) -> Store:
        return self.session.store

    @property
    def progress(self) -> dict[str, Any]:
        return self.session.progress

    # -- layout -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.start_session()
        yield TitleBar()
        with Horizontal():
            yield Static(id="wr-steps")
            with Vertical(id="wr-main"):
                yield Static(id="wr-title")
                yield Static(id="wr-intro")
                with ContentSwitcher(initial=f"step-{STEPS[0].KEY}", id="wr-switcher"):
                    for step in STEPS:
                        yield step(self.session)
        yield KeyFooter()

    def on_mount(self) -> None:
        for step in self.steps():
            step.fill()
            step.restore_row()
        if self.resumed:
            self.notify(f"Resumed the weekly review at step {self.step + 1}.")
        self.save()
        self.show_step()

    def steps(self) -> list[WeeklyStep]:
        return list(self.query(WeeklyStep))

    @property
    def step(self) -> int:
        return max(0, min(int(self.progress.get("step", 0)), len(STEPS) - 1))

    @property
    def current(self) -> WeeklyStep:
        return self.query_one(f"#step-{STEPS[self.step].KEY}", WeeklyStep)

    def save(self) -> None:
        """Remember the progress; a refusal is said, and the progress stays in memory."""
        try:
            self.store.state.set(STATE_KEY, self.progress)
        except StoreError as error:
            self.notify(
                str(error), severity="error", title="Progress not saved", timeout=8, markup=False
            )
        if self.is_mounted and self.query("#wr-steps"):
            self.show_steps()

    # -- steps ------------------------------------------------------------

    def show_steps(self) -> None:
        """The step list: where we are, and done/remaining for each step."""
        lines = Text()
        for index, step in enumerate(self.steps()):
            here = index == self.step
            mark = "›" if here else ("✓" if index < self.step else " ")
            style = "bold reverse" if here else ("dim" if index < self.step else "")
            lines.append(f"{mark} {index + 1}. {step.TITLE}", style=style)
            words = step.count_words()
            lines.append(f"\n     {words}\n" if words else "\n", style="dim" if not here else "")
        self.query_one("#wr-steps", Static).update(lines)
        step = self.current
        words = step.count_words()
        title = Text(f"Step {self.step + 1} of {len(STEPS)}: {step.TITLE}", style="bold")
        self.query_one("#wr-title", Static).update(
            title.append(f"  ({words})" if words else "", style="dim")
        )

    def show_step(self) -> None:
        step = self.current
        step.fill()
        self.query_one("#wr-intro", Static).update(step.INTRO)
        self.query_one("#wr-switcher", ContentSwitcher).current = step.id
        step.focus_main()
        self.show_steps()
        self.refresh_bindings()

    def go(self, step: int) -> None:
        self.progress["step"] = max(0, min(step, len(STEPS) - 1))
        self.save()
        self.show_step()

    def action_next(self) -> None:
        if isinstance(self.current, FinishStep):
            self.finish()
        else:
            self.go(self.step + 1)

    def action_previous(self) -> None:
        self.go(self.step - 1)

    def action_back(self) -> None:
        step = self.current
        if isinstance(step, MetricsStep) and step.back_to_table():
            return
        if self.step == 0:
            self.notify("Weekly review paused: press w to resume.")
            self.dismiss(None)
        else:
            self.action_previous()

    def action_already_here(self) -> None:
        """`w` and the screen keys do nothing during the review: escape pauses it first."""
        self.notify("Press escape (on step 1) to pause the review; w resumes it.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not hasattr(self, "session"):
            return True  # asked about a key while still composing
        if action == "previous":
            return self.step > 0
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.current.note_row(event.data_table)

    def on_screen_resume(self) -> None:
        """Back from a workflow or prompt opened from a step: same step, same row, fresh data."""
        if not self.is_mounted:
            return
        for step in self.steps():
            if isinstance(step, (AlertsStep, DocsStep)):
                step.reload()
            elif isinstance(step, ReviewsStep):
                step.show_draft()  # "deciding as" follows a switch of person with `u`
        self.show_steps()

    def on_undone(self, message: Undone) -> None:
        """ctrl+z took back something done in this review: it leaves the review's record
        (and the summary), and every step shows the data again."""
        entry, session = message.entry, self.session
        if (entry.entity, entry.action) == ("review", "decision"):
            self._forget("decisions", lambda done: done[0] == entry.entity_id)
        elif (entry.entity, entry.action) == ("metric", "create"):
            self._forget("metrics", lambda done: done[0] == entry.entity_id)
        elif (entry.entity, entry.action) == ("workflow", "review"):
            workflow = self.store.workflows.get(entry.entity_id or 0)
            self._forget("reviewed", lambda name: workflow is not None and name == workflow.name)
        elif (entry.entity, entry.action) == ("ritual", "complete"):
            ritual = self.store.rituals.get(entry.entity_id or 0)
            self._forget("completed", lambda name: ritual is not None and name == ritual.name)
            session.agenda.overdue = overdue_rituals(self.store, session.agenda.today)
        for step in self.steps():
            step.fill()
        self.save()
        self.show_step()

    def _forget(self, key: str, undone: Callable[[Any], bool]) -> None:
        """Drop the latest of `key`'s done items that the undo took back."""
        done = self.session.done_list(key)
        for index in range(len(done) - 1, -1, -1):
            if undone(done[index]):
                del done[index]
                return

    # -- finish -----------------------------------------------------------

    def summary(self) -> WeeklySummary:
        a = self.session.agenda
        return WeeklySummary(
            day=a.today,
            who=self.session.app.user,
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
            pending_reviews=self.query_one(ReviewsStep).counts()[1],
            decisions=[
                # progress saved before reviewers were kept has no fifth field
                (str(d[1]), str(d[2]), str(d[4]) if len(d) > 4 else "", str(d[3]))
                for d in self.progress["decisions"]
            ],
            prompt_changes=[
                (e.at.strftime("%Y-%m-%d %H:%M"), e.who, e.summary) for e in a.prompt_changes
            ],
            alerts=[(al.kind, al.subject, al.detail) for al in a.alerts],
            stale_docs=[
                (d.name, d.state_updated, d.prompt_changed or "no prompt") for d in a.stale_docs
            ],
            metrics=[
                (str(m[1]), str(m[2]), float(m[3]), str(m[4])) for m in self.progress["metrics"]
            ],
            notes=str(self.progress.get("notes", "")),
        )

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
                    who=self.session.app.user,
                    completed_at=self.store.clock(),
                    notes=summary.notes.strip(),
                    ticked=list(range(len(ritual.checklist))),
                )
            )
        except StoreError as error:
            self.notify(str(error), severity="error", title="Not recorded", markup=False)
            return
        try:  # the ritual is recorded; clearing the remembered progress is tidying
            self.store.state.delete(STATE_KEY)
            self.store.state.delete(f"ritual_ticks:{ritual.id}")
        except StoreError as error:
            self.notify(
                str(error), severity="error", title="Progress not cleared", timeout=8, markup=False
            )
        self.notify(f"Recorded the {WEEKLY_RITUAL}.")
        form = WeeklyExportForm(
            render_weekly(summary), f"./{default_filename(summary.day)}", self.store.db.path
        )
        self.app.push_screen(form, self._exported)

    def _exported(self, path: object) -> None:
        if path is not None:
            self.notify(f"Wrote {path}.", markup=False)
        self.dismiss(None)
