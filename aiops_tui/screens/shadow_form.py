"""Record shadow AI use in a few seconds: what it is, where, how risky.

A shadow find is written down as it is (the review policy does not apply
yet); it then shows up as a policy gap until it is proposed or retired.
"""

from __future__ import annotations

from typing import Any

from aiops_tui.domain.models import Area, Risk, Status, Workflow
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen


class ShadowForm(FormScreen[Workflow]):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.title = "Record shadow AI use (found in the business, not approved)"

    def fields(self) -> list[FormField]:
        return [
            FormField("name", "What is it?", placeholder="Proposals drafted in a personal ChatGPT"),
            FormField(
                "area",
                "Area",
                "select",
                Area.OTHER.value,
                [(a.value, a.value) for a in Area],
                allow_blank=False,
            ),
            FormField("summary", "Where was it found, what data goes in?", "textarea"),
            FormField(
                "risk",
                "Risk",
                "select",
                Risk.MEDIUM.value,
                [(r.value, r.value) for r in Risk],
                allow_blank=False,
            ),
            FormField("customer_facing", "Customer-facing", "bool", False),
        ]

    def submit(self, values: dict[str, Any]) -> Workflow:
        return self.store.workflows.add(
            Workflow.model_validate({**values, "status": Status.SHADOW})
        )
