"""`p`: move production to the selected version after a short checklist.

A founder has no second approver, so the checklist stands in for one: tick
each line, or give the reason for overriding. Going back to an older
version is the rollback and always needs a reason. The store applies the
same rule (`PromptsRepo.promote`), so the history always says why.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from aiops_tui.domain.models import LabelMove, PromptVersion
from aiops_tui.domain.prompt_rules import CHECKLIST
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen
from aiops_tui.widgets.safe_text import display_safe, safe_block


class PromoteScreen(FormScreen[LabelMove]):
    DEFAULT_CSS = """
    PromoteScreen > Vertical { width: 80; }
    PromoteScreen.-rollback > Vertical { border: round $warning; }
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
        prompt = store.prompts.get(prompt_id)
        name = display_safe(prompt.name) if prompt else "?"
        now = f"v{current}" if current is not None else "no version"
        if self.rollback:
            self.title = (
                f"Rollback of {name}: production goes back from v{current}"
                f" to the older v{version.number}"
            )
        else:
            self.title = f"Promote v{version.number} of {name} to production (now {now})"
        self.intro = f"Change note: {safe_block(version.change_note)}"
        self.save_label = "Roll back" if self.rollback else "Promote"

    def fields(self) -> list[FormField]:
        why = "required for a rollback" if self.rollback else "required if a line is not ticked"
        return [
            *[FormField(f"check.{key}", text, "check", key == "note") for key, text in CHECKLIST],
            FormField("reason", "Reason", placeholder=f"why ({why})"),
        ]

    def first_focus(self) -> str:
        return "reason" if self.rollback else "check.tried"

    def on_mount(self) -> None:
        self.set_class(self.rollback, "-rollback")

    def submit(self, values: dict[str, Any]) -> LabelMove:
        ticked = [key for key, _ in CHECKLIST if values["check"][key]]
        return self.store.prompts.promote(
            self.prompt_id, self.version.number, ticked, values["reason"]
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """enter in the reason promotes, as ctrl+s does."""
        event.stop()
        self.action_save()
