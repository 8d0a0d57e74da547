"""The small form behind `y`, `c` and `n`: a note, two scores, and for `c` the corrected text.

The corrected output is kept beside the AI's draft; how much of it changed
(a character-level edit ratio) is what the rework figures are made of.
"""

from __future__ import annotations

from typing import Any

from aiops_tui.domain.models import Decision, ReviewDecision, ReviewItem
from aiops_tui.domain.text import edit_ratio
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen

EDITABLE_MAX = 50_000
"""Drafts longer than this are not loaded into the editor (it would crawl)."""

VERB = {
    Decision.APPROVED: "Approve",
    Decision.CHANGES_REQUESTED: "Request changes on",
    Decision.REJECTED: "Reject",
}
SCORES = [(str(n), n) for n in range(1, 6)]


class DecisionForm(FormScreen[ReviewDecision]):
    """Saves one append-only decision; the store refuses an approval without sign-off."""

    DEFAULT_CSS = """
    DecisionForm #field-note { height: 4; }
    DecisionForm #field-corrected_output { height: 12; }
    """

    def __init__(self, store: Store, item: ReviewItem, decision: Decision, reviewer: str) -> None:
        super().__init__()
        self.store = store
        self.item = item
        self.decision = decision
        self.reviewer = reviewer
        self.title = f"{VERB[decision]} #{item.id} {item.title!r} — deciding as {reviewer}"

    @property
    def editable(self) -> bool:
        return len(self.item.output) <= EDITABLE_MAX

    def fields(self) -> list[FormField]:
        required = self.decision != Decision.APPROVED
        fields = [
            FormField(
                "note",
                "Note (required)" if required else "Note (optional)",
                kind="textarea",
                help="what is wrong and what to do instead" if required else "",
            ),
            FormField("accuracy", "Accuracy 1-5", kind="select", options=SCORES),
            FormField("fit", "Fit for purpose 1-5", kind="select", options=SCORES),
        ]
        if self.decision != Decision.CHANGES_REQUESTED:
            return fields
        if not self.editable:
            fields[0].help = (
                f"the draft is {len(self.item.output):,} characters, too long to edit here:"
                " describe the changes in the note"
            )
            return fields
        fields.append(
            FormField(
                "corrected_output",
                "Corrected output (edit the draft; kept beside it)",
                kind="textarea",
                value=self.item.output,
                help="how much you change is measured for the rework figures",
            )
        )
        return fields

    def on_mount(self) -> None:
        # FormScreen.on_mount (run after this one) focuses the first select;
        # the note is what a reviewer writes first.
        self.call_after_refresh(self.query_one("#field-note").focus)

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        """The model's 'note is required' rule belongs beside the note field."""
        super().show_errors(
            [
                ("note", m) if not n and m.startswith("a note is required") else (n, m)
                for n, m in errors
            ]
        )

    def submit(self, values: dict[str, Any]) -> ReviewDecision:
        corrected = values.get("corrected_output")
        if corrected is not None and corrected == self.item.output:
            corrected = None  # nothing rewritten: no correction to keep
        decision = ReviewDecision(
            item_id=self.item.id or 0,
            reviewer=self.reviewer,
            decision=self.decision,
            note=values.get("note", "").strip(),
            accuracy=values.get("accuracy"),
            fit=values.get("fit"),
            corrected_output=corrected,
            edit_ratio=edit_ratio(self.item.output, corrected) if corrected is not None else None,
            decided_at=self.store.clock(),
        )
        return self.store.reviews.decide(decision)
