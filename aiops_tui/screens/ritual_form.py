"""Add or edit a ritual: interval, anchor, owner and checklist lines."""

from __future__ import annotations

from typing import Any

from aiops_tui.domain.models import Anchor, IntervalKind, Ritual
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen

INTERVALS: list[tuple[str, IntervalKind]] = [
    ("weekly", IntervalKind.WEEKLY),
    ("biweekly (every two weeks)", IntervalKind.BIWEEKLY),
    ("monthly", IntervalKind.MONTHLY),
    ("quarterly (Jan, Apr, Jul, Oct)", IntervalKind.QUARTERLY),
    ("every N days", IntervalKind.EVERY_N_DAYS),
]
ANCHORS: list[tuple[str, Anchor]] = [
    ("calendar: a fixed weekday or day of the month", Anchor.CALENDAR),
    ("completion: counted from the last time it was done", Anchor.COMPLETION),
]
WEEKDAYS: list[tuple[str, int]] = [
    (name, index)
    for index, name in enumerate(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    )
]
WEEKLY = (IntervalKind.WEEKLY, IntervalKind.BIWEEKLY)


def checklist_lines(text: str) -> list[str]:
    """One item a line; blank lines and surrounding spaces dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class RitualForm(FormScreen[Ritual]):
    def __init__(self, store: Store, ritual: Ritual | None = None) -> None:
        super().__init__()
        self.store = store
        self.ritual = ritual
        self.title = f"Edit {ritual.name}" if ritual else "Add a ritual"

    def fields(self) -> list[FormField]:
        r = self.ritual
        people = [(p.name, p.id) for p in self.store.people.all_rows()]
        return [
            FormField("name", "Name", value=r.name if r else "", placeholder="e.g. Weekly review"),
            FormField(
                "interval",
                "Interval",
                kind="select",
                value=r.interval if r else IntervalKind.WEEKLY,
                options=INTERVALS,
                allow_blank=False,
            ),
            FormField(
                "every_days",
                "Every N days",
                kind="int",
                value=r.every_days if r else None,
                placeholder="e.g. 10, for an 'every N days' interval",
            ),
            FormField(
                "anchor",
                "Anchor",
                kind="select",
                value=r.anchor if r else Anchor.CALENDAR,
                options=ANCHORS,
                allow_blank=False,
            ),
            FormField(
                "anchor_weekday",
                "Weekday (weekly)",
                kind="select",
                value=r.anchor_day if r and r.interval in WEEKLY else None,
                options=WEEKDAYS,
            ),
            FormField(
                "anchor_monthday",
                "Day of month (monthly)",
                kind="int",
                value=r.anchor_day if r and r.interval not in WEEKLY else None,
                placeholder="1-31; 31 = the month's last day",
            ),
            FormField(
                "owner_id",
                "Owner",
                kind="select",
                value=r.owner_id if r else None,
                options=people,
            ),
            FormField(
                "checklist",
                "Checklist (a line each)",
                kind="textarea",
                value="\n".join(r.checklist) if r else "",
            ),
        ]

    def values(self) -> dict[str, Any]:
        """The weekday or the day of the month, whichever the interval uses, as `anchor_day`."""
        values = super().values()
        weekday, monthday = values.pop("anchor_weekday"), values.pop("anchor_monthday")
        values["anchor_day"] = weekday if values.get("interval") in WEEKLY else monthday
        return values

    def error_field(self, name: str) -> str:
        if name != "anchor_day":
            return name
        weekly = self.raw(self.field("interval")) in WEEKLY
        return "anchor_weekday" if weekly else "anchor_monthday"

    def submit(self, values: dict[str, Any]) -> Ritual:
        values["checklist"] = checklist_lines(values.get("checklist") or "")
        if values.get("interval") != IntervalKind.EVERY_N_DAYS:
            values["every_days"] = None
        if self.ritual is None:
            return self.store.rituals.add(Ritual.model_validate(values))
        updated = Ritual.model_validate({**self.ritual.model_dump(), **values})
        return self.store.rituals.update(updated)
