"""`p`: move production to the selected version after a short checklist.

A founder has no second approver, so the checklist stands in for one: tick
each line, or give the reason for overriding. Going back to an older
version is the rollback and always needs a reason. The store applies the
same rule (`PromptsRepo.promote`), so the history always says why.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from aiops_tui.domain.models import LabelMove, PromptVersion
from aiops_tui.domain.prompt_rules import CHECKLIST
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import first_line
from aiops_tui.widgets.safe_text import display_safe, safe_block


class PromoteScreen(ModalScreen[LabelMove | None]):
    BINDINGS = [
        Binding("ctrl+s", "promote", "Promote", id="promote.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="promote.cancel"),
    ]
    DEFAULT_CSS = """
    PromoteScreen { align: center middle; }
    PromoteScreen > Vertical {
        width: 80; max-width: 95%; height: auto; max-height: 95%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    PromoteScreen.-rollback > Vertical { border: round $warning; }
    PromoteScreen #promote-title { text-style: bold; padding-bottom: 1; }
    PromoteScreen #promote-note { color: $text-muted; padding-bottom: 1; }
    PromoteScreen #promote-error { color: $error; display: none; }
    PromoteScreen #promote-error.-shown { display: block; }
    PromoteScreen Checkbox { width: 100%; }
    PromoteScreen .field-label { margin-top: 1; color: $text-muted; }
    PromoteScreen .buttons { height: auto; align-horizontal: right; padding: 1 0 0 0; }
    PromoteScreen .buttons Button { margin-left: 1; }
    """

    def __init__(
        self, store: Store, prompt_id: int, version: PromptVersion, current: int | None
    ) -> None:
        super().__init__()
        self.store = store
        self.prompt_id = prompt_id
        self.version = version
        self.current = current
        self.rollback = current is not None and version.number < current

    def compose(self) -> ComposeResult:
        prompt = self.store.prompts.get(self.prompt_id)
        name = display_safe(prompt.name) if prompt else "?"
        now = f"v{self.current}" if self.current is not None else "no version"
        if self.rollback:
            title = (
                f"Rollback of {name}: production goes back from v{self.current}"
                f" to the older v{self.version.number}"
            )
        else:
            title = f"Promote v{self.version.number} of {name} to production (now {now})"
        with Vertical():
            yield Static(title, id="promote-title", markup=False)  # the name as typed
            yield Static(
                Text.assemble("Change note: ", (safe_block(self.version.change_note), "italic")),
                id="promote-note",
            )
            yield Static("", id="promote-error", markup=False)
            for key, text in CHECKLIST:
                yield Checkbox(text, value=key == "note", id=f"check-{key}")
            reason = (
                "Reason (required for a rollback)"
                if self.rollback
                else ("Reason (required if a line is not ticked)")
            )
            yield Label(reason, classes="field-label")
            yield Input(placeholder="why", id="promote-reason")
            with Horizontal(classes="buttons"):
                verb = "Roll back" if self.rollback else "Promote"
                yield Button(f"{verb} (ctrl+s)", variant="primary", id="promote-save")
                yield Button("Cancel (esc)", id="promote-cancel")

    def on_mount(self) -> None:
        self.set_class(self.rollback, "-rollback")
        target = "#promote-reason" if self.rollback else "#check-tried"
        self.query_one(target).focus()

    def action_promote(self) -> None:
        ticked = [key for key, _ in CHECKLIST if self.query_one(f"#check-{key}", Checkbox).value]
        reason = self.query_one("#promote-reason", Input).value
        try:
            move = self.store.prompts.promote(self.prompt_id, self.version.number, ticked, reason)
        except StoreError as error:
            node = self.query_one("#promote-error", Static)
            node.update(f"✗ {first_line(error)}")
            node.add_class("-shown")
            return
        self.dismiss(move)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_promote()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "promote-save":
            self.action_promote()
        else:
            self.action_cancel()
