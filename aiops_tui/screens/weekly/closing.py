"""Steps 7 and 8: notes for the week, and what finishing will record."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from aiops_tui.domain.words import plural
from aiops_tui.screens.weekly.base import WeeklyStep
from aiops_tui.storage.weekly_agenda import WEEKLY_RITUAL


class NotesStep(WeeklyStep):
    KEY = "notes"
    TITLE = "Notes"
    INTRO = "Notes for the week: decisions, follow-ups, who does what. ctrl+n goes on."

    def compose(self) -> ComposeResult:
        yield TextArea(id="wr-notes", soft_wrap=True)

    def fill(self) -> None:
        area = self.query_one(TextArea)
        text = str(self.session.progress.get("notes", ""))
        if area.text != text:
            area.text = text

    def counts(self) -> tuple[int, int]:
        return (1, 0) if str(self.session.progress.get("notes", "")).strip() else (0, 1)

    def focus_main(self) -> None:
        self.query_one(TextArea).focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.session.progress["notes"] = event.text_area.text
        self.session.save()


class FinishStep(WeeklyStep):
    KEY = "finish"
    TITLE = "Finish"
    INTRO = f"n records the {WEEKLY_RITUAL} as done and offers a Markdown summary."

    def compose(self) -> ComposeResult:
        yield Static(id="wr-finish")

    def fill(self) -> None:
        progress = self.session.progress
        agenda = self.session.agenda
        decisions = len(self.session.done_list("decisions"))
        metrics = len(self.session.done_list("metrics"))
        completed = len(self.session.done_list("completed"))
        notes = str(progress.get("notes", "")).strip()
        text = Text()
        text.append(f"{plural(decisions, 'review decision')} made\n")
        text.append(f"{plural(completed, 'overdue ritual')} completed\n")
        text.append(
            f"{metrics} of {plural(len(agenda.live), 'live workflow')}"
            f" {'has' if metrics == 1 else 'have'} a metric entry\n"
        )
        text.append(f"{plural(len(agenda.alerts), 'workflow alert')} looked at\n")
        text.append("notes written\n" if notes else "no notes\n", style="" if notes else "dim")
        who = self.session.app.user
        text.append(f"\nPress n to record the {WEEKLY_RITUAL} as done by {who}.", style="bold")
        self.query_one(Static).update(text)

    def focus_main(self) -> None:
        self.screen.set_focus(None)
