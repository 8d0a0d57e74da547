"""Move a workflow along its lifecycle, offering only the statuses it may go to next."""

from __future__ import annotations

from typing import Any

from aiops_tui.domain.lifecycle import allowed_next
from aiops_tui.domain.models import Workflow
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen

HINTS: dict[str, str] = {
    "shadow": "Found in use without approval: bring it into the light (proposed) or stop it"
    " (retired).",
    "retired": "Bringing it back makes it a proposal again.",
}


class StatusForm(FormScreen[Workflow]):
    def __init__(self, store: Store, workflow: Workflow) -> None:
        super().__init__()
        self.store = store
        self.workflow = workflow
        self.title = f"Change the status of {workflow.name} (now {workflow.status})"

    def fields(self) -> list[FormField]:
        options = [(s, s) for s in allowed_next(str(self.workflow.status))]
        return [
            FormField(
                "status",
                "New status",
                "select",
                options[0][1] if options else None,
                options,
                allow_blank=False,
                help=HINTS.get(
                    str(self.workflow.status),
                    "Retiring keeps the workflow, its prompts, reviews and metrics.",
                ),
            ),
            FormField("why", "Reason (optional, goes into the change log)", placeholder="why"),
        ]

    def submit(self, values: dict[str, Any]) -> Workflow:
        status = values.get("status")
        if not status:
            raise StoreError(f"a {self.workflow.status} workflow cannot change status")
        return self.store.workflows.set_status(
            self.workflow.id or 0, str(status), str(values.get("why") or "").strip()
        )
