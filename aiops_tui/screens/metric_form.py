"""Record one metric value for a workflow (outcomes, not activity)."""

from __future__ import annotations

from typing import Any

from aiops_tui.domain.models import MetricEntry, MetricKind, Workflow
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen


class MetricForm(FormScreen[MetricEntry]):
    def __init__(self, store: Store, workflow: Workflow) -> None:
        super().__init__()
        self.store = store
        self.workflow = workflow
        self.title = f"Metric entry for {workflow.name}"

    def fields(self) -> list[FormField]:
        kind = self.store.metrics.primary_kind(self.workflow.id or 0)
        return [
            FormField(
                "kind",
                "Kind",
                "select",
                kind or MetricKind.TIME_SAVED_MINUTES.value,
                [(k.value.replace("_", " "), k.value) for k in MetricKind],
                allow_blank=False,
            ),
            FormField(
                "date",
                "Date",
                value=self.store.clock().date().isoformat(),
                placeholder="YYYY-MM-DD",
            ),
            FormField("value", "Value", "float", placeholder="42"),
            FormField("note", "Note (optional)"),
        ]

    def submit(self, values: dict[str, Any]) -> MetricEntry:
        entry = MetricEntry.model_validate({**values, "workflow_id": self.workflow.id})
        return self.store.metrics.add(entry)
