"""Record one value of a workflow's metric (outcomes, not activity).

The series defaults to the workflow's own success metric, by its name and
unit; an extra series is picked by name, or started here with a name, unit and
direction the user gives.
"""

from __future__ import annotations

from typing import Any

from aiops_tui.domain.models import Direction, ExtraSeries, MetricEntry, Workflow
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen

NEW_SERIES = "+new"
"""The series choice that starts an extra series (no series name starts with '+new'
and is the whole value: a name typed for a new series is stored, not this)."""


class MetricForm(FormScreen[MetricEntry]):
    def __init__(self, store: Store, workflow: Workflow) -> None:
        super().__init__()
        self.store = store
        self.workflow = workflow
        self.title = f"Metric value for {workflow.name}"

    def fields(self) -> list[FormField]:
        series = self.store.metrics.series_of(self.workflow.id or 0)
        options: list[tuple[str, Any]] = [
            (f"{s.title} (success metric)" if s.primary else s.title, s.name) for s in series
        ]
        options.append(("A new series (name it below)", NEW_SERIES))
        return [
            FormField(
                "series",
                "Series",
                "select",
                series[0].name if series else NEW_SERIES,
                options,
                allow_blank=False,
                help="" if any(s.primary for s in series) else "No success metric yet: e sets one.",
            ),
            FormField(
                "date",
                "Date",
                value=self.store.clock().date().isoformat(),
                placeholder="YYYY-MM-DD",
            ),
            FormField("value", "Value", "float", placeholder="42"),
            FormField("note", "Note (optional)"),
            FormField("name", "New series: name", placeholder="e.g. Invoices chased"),
            FormField("unit", "New series: unit (optional)", placeholder="%, minutes, EUR"),
            FormField(
                "direction",
                "New series: better when",
                "select",
                Direction.HIGHER.value,
                [("higher", Direction.HIGHER.value), ("lower", Direction.LOWER.value)],
                allow_blank=False,
            ),
        ]

    def submit(self, values: dict[str, Any]) -> MetricEntry:
        workflow_id = self.workflow.id or 0
        series = values.get("series") or ""
        extra: ExtraSeries | None = None
        if series == NEW_SERIES:
            # The form's fields carry ExtraSeries' own names, so a refusal shows beside them.
            extra = ExtraSeries(
                workflow_id=workflow_id,
                name=values.get("name") or "",
                unit=values.get("unit") or "",
                direction=values.get("direction") or Direction.HIGHER,
            )
            series = extra.name
        entry = MetricEntry.model_validate(
            {
                "workflow_id": workflow_id,
                "series": series,
                "date": values.get("date"),
                "value": values.get("value"),
                "note": values.get("note") or "",
            }
        )
        with self.store.db.transaction():
            if extra is not None:
                self.store.metrics.add_series(extra)
            return self.store.metrics.add(entry)
