"""`a` on the prompt list: a new prompt with its first version."""

from __future__ import annotations

from typing import Any

from aiops_tui.domain.models import Prompt, PromptVersion
from aiops_tui.domain.safety import Finding
from aiops_tui.screens.scanned_form import ScannedForm
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField


class NewPromptForm(ScannedForm[Prompt]):
    DEFAULT_CSS = "NewPromptForm #field-body { height: 10; }"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.title = "New prompt"  # after Screen.__init__, which resets the title

    def fields(self) -> list[FormField]:
        workflows = self.store.workflows.names(include_retired=False)
        return [
            FormField("name", "Name", placeholder="e.g. invoice-reminder"),
            FormField(
                "workflow_id",
                "Workflow (its allowed data decides what the safety scan refuses)",
                kind="select",
                options=[(name, wid) for wid, name in workflows],
            ),
            FormField("description", "Description (optional)"),
            FormField("body", "Body (use {{name}} for variables)", kind="textarea"),
            FormField("change_note", "Change note", value="first version"),
        ]

    def _prompt(self, values: dict[str, Any]) -> Prompt:
        return Prompt.model_validate({k: values[k] for k in ("name", "workflow_id", "description")})

    def precheck(self, values: dict[str, Any]) -> list[Finding]:
        prompt = self._prompt(values)
        PromptVersion.model_validate(
            {
                "prompt_id": 0,
                "number": 1,
                "body": values["body"],
                "change_note": values["change_note"],
                "created_at": self.store.clock(),
            }
        )
        if self.store.prompts.by_name(prompt.name):
            raise StoreError(f"a prompt named {prompt.name!r} already exists")
        return self.store.prompts.check_safety(values["body"], prompt.workflow_id)

    def submit(self, values: dict[str, Any]) -> Prompt:
        prompt, _ = self.store.prompts.create(
            self._prompt(values), values["body"], values["change_note"], author=self.store.actor
        )
        return prompt
