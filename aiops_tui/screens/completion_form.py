"""Complete a ritual: who did it and notes; the ticked lines come from the screen."""

from __future__ import annotations

from typing import Any

from aiops_tui.domain.models import Completion, Ritual
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen


def people_options(store: Store, user: str) -> list[tuple[str, str]]:
    """Everyone who can do a ritual, with the app user first even if not on the team list."""
    names = [p.name for p in store.people.all_rows() if p.active]
    if user and user not in names:
        names.insert(0, user)
    return [(name, name) for name in names]


class CompletionForm(FormScreen[Completion]):
    def __init__(self, store: Store, ritual: Ritual, ticked: list[int], user: str) -> None:
        super().__init__()
        self.store = store
        self.ritual = ritual
        self.ticked = sorted(set(ticked))
        self.user = user
        self.title = (
            f"Complete {ritual.name}: {len(self.ticked)}/{len(ritual.checklist)} lines ticked"
        )

    def fields(self) -> list[FormField]:
        return [
            FormField(
                "who",
                "Who did it",
                kind="select",
                value=self.user or None,
                options=people_options(self.store, self.user),
                allow_blank=False,
            ),
            FormField("notes", "Notes (optional)", kind="textarea", value=""),
        ]

    def submit(self, values: dict[str, Any]) -> Completion:
        completion = Completion(
            ritual_id=self.ritual.id or 0,
            who=values.get("who") or self.user,
            completed_at=self.store.clock(),
            notes=(values.get("notes") or "").strip(),
            ticked=self.ticked,
        )
        return self.store.rituals.complete(completion)
