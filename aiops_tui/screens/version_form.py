"""`v`: a new version of a prompt, prefilled with the latest body.

The change note is required and an unchanged body is refused: a version
that says nothing or changes nothing only adds noise to the history.
"""

from __future__ import annotations

from typing import Any

from aiops_tui.domain.models import PromptVersion
from aiops_tui.domain.safety import Finding
from aiops_tui.screens.scanned_form import ScannedForm
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField


class NewVersionForm(ScannedForm[PromptVersion]):
    DEFAULT_CSS = "NewVersionForm #field-body { height: 16; }"

    def __init__(self, store: Store, prompt_id: int) -> None:
        super().__init__()
        self.store = store
        self.prompt = store.prompts.get(prompt_id)
        self.latest = store.prompts.latest(prompt_id)
        name = self.prompt.name if self.prompt else "?"
        number = (self.latest.number if self.latest else 0) + 1
        self.title = f"New version v{number} of {name}"

    def fields(self) -> list[FormField]:
        return [
            FormField(
                "body",
                "Body (use {{name}} for variables)",
                kind="textarea",
                value=self.latest.body if self.latest else "",
            ),
            FormField(
                "change_note",
                "Change note (required)",
                placeholder="what changed and why",
            ),
        ]

    def first_focus(self) -> str:
        return "body"

    def precheck(self, values: dict[str, Any]) -> list[Finding]:
        if self.prompt is None or self.prompt.id is None:
            raise StoreError("that prompt no longer exists")
        PromptVersion.model_validate(
            {
                "prompt_id": self.prompt.id,
                "number": 1,
                "body": values["body"],
                "change_note": values["change_note"],
                "created_at": self.store.clock(),
            }
        )
        if self.latest is not None and self.latest.body == values["body"]:
            raise StoreError("the body is unchanged from the latest version; nothing to save")
        return self.store.prompts.check_safety(values["body"], self.prompt.workflow_id)

    def submit(self, values: dict[str, Any]) -> PromptVersion:
        assert self.prompt is not None and self.prompt.id is not None
        return self.store.prompts.add_version(
            self.prompt.id, values["body"], values["change_note"], author=self.store.actor
        )
