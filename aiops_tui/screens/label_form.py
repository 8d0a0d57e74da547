"""`l`: point `staging` or a label of your own at the selected version.

`production` is not moved here: it moves with `p`, which asks for the
promotion checklist first.
"""

from __future__ import annotations

from typing import Any

from aiops_tui.domain.models import LabelMove
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.prompt_labels import PRODUCTION, STAGING
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen


class LabelForm(FormScreen[LabelMove]):
    def __init__(self, store: Store, prompt_id: int, number: int) -> None:
        super().__init__()
        self.store = store
        self.prompt_id = prompt_id
        self.number = number
        self.title = f"Point a label at v{number}"

    def fields(self) -> list[FormField]:
        return [
            FormField(
                "label",
                "Label",
                value=STAGING,
                help="staging, or a word of your own (letters, digits, - or _)",
            ),
            FormField(
                "why", "Why (kept in the label history)", placeholder="trying on real inputs"
            ),
        ]

    def submit(self, values: dict[str, Any]) -> LabelMove:
        label = str(values["label"]).strip().lower()
        if label == PRODUCTION:
            raise StoreError("production moves with p (promote), which asks for the checklist")
        return self.store.prompts.move_label(self.prompt_id, label, self.number, values["why"])
