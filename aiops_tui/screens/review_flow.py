"""Deciding on a review item, wherever it is shown: the sign-off rule, then the form.

The same `y` / `c` / `n` work on the queue, the item's detail and the weekly
review, so the flow lives here: an approval that needs someone else's
sign-off is refused with who may give it (and `u` to act as them, in one
key); otherwise the decision form opens, deciding as the app's one identity.
What happens after a save (open the next item, move down a list) is the
caller's `on_saved`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

from aiops_tui.domain.models import Decision, ReviewDecision
from aiops_tui.domain.signoff import approval_refusal
from aiops_tui.screens.identity import SignoffRefusal
from aiops_tui.screens.review_decision import DecisionForm

if TYPE_CHECKING:
    from aiops_tui.screens.store_app import StoreApp

DONE = {
    Decision.APPROVED: "Approved",
    Decision.CHANGES_REQUESTED: "Changes requested on",
    Decision.REJECTED: "Rejected",
}


def start_decision(
    screen: Screen,
    item_id: int,
    decision: Decision,
    on_saved: Callable[[ReviewDecision], None],
) -> None:
    """`y` / `c` / `n` on an item: the sign-off rule, the form, then `on_saved(decision)`."""
    app: StoreApp = screen.app  # type: ignore[assignment]
    store = app.store
    item = store.reviews.get(item_id)
    if item is None:
        app.notify("That review item no longer exists.", severity="error")
        return

    def open_form(reviewer: str) -> None:
        def saved(result: ReviewDecision | None) -> None:
            if result is not None:
                on_saved(result)

        app.push_screen(DecisionForm(store, item, decision, reviewer), saved)

    if decision == Decision.APPROVED and item.needs_signoff:
        signer = store.reviews.signoff_person(item_id)
        refusal = approval_refusal(True, signer, app.user)
        if refusal is not None:
            if signer is None:
                app.notify(
                    f"Not approved: {refusal}. Set one on the workflow first.",
                    title="Sign-off",
                    severity="error",
                    timeout=8,
                    markup=False,
                )
                return

            def answered(switch: bool | None) -> None:
                if switch and signer is not None and app.set_person(signer):
                    open_form(app.user)

            app.push_screen(SignoffRefusal(refusal, signer, app.user), answered)
            return
    open_form(app.user)
