"""Deciding on review items from the queue or the detail: who decides, the form, what next.

The same `y` / `c` / `n` work on both screens, so the flow lives here: make
sure we know who is deciding (and that an approval needing sign-off is made
by the sign-off person), open the decision form, and after a save open the
next pending item so a queue can be cleared without the mouse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

from aiops_tui.domain.models import Decision, ReviewDecision
from aiops_tui.screens.base import AppScreen
from aiops_tui.screens.pick import PickScreen
from aiops_tui.screens.review_decision import DecisionForm
from aiops_tui.storage.reviews import ReviewFilter

if TYPE_CHECKING:
    from aiops_tui.screens.store_app import StoreApp
    from aiops_tui.storage.store import Store

REVIEWER_KEY = "review.reviewer"

DONE = {
    Decision.APPROVED: "Approved",
    Decision.CHANGES_REQUESTED: "Changes requested on",
    Decision.REJECTED: "Rejected",
}


def current_reviewer(store: Store) -> str | None:
    value = store.state.get(REVIEWER_KEY)
    return value if isinstance(value, str) and value.strip() else None


def people_options(app: StoreApp) -> list[tuple[str, str]]:
    """Active people; the app's user when nobody has been added yet."""
    names = [p.name for p in app.store.people.all_rows() if p.active]
    if not names and app.user:
        names.append(app.user)
    return [(name, name) for name in names]


def ask_reviewer(
    screen: Screen, then: Callable[[str], None] | None = None, signer: str | None = None
) -> None:
    """Ask who is deciding, remember it, then continue with `then(name)`."""
    app: StoreApp = screen.app  # type: ignore[assignment]
    store = app.store
    remembered = current_reviewer(store)
    hint = f"Approving this item needs sign-off by {signer}." if signer else ""

    def chosen(name: str | None) -> None:
        if not name or not app.try_write(lambda: store.state.set(REVIEWER_KEY, name)):
            return
        if isinstance(app.screen, AppScreen):
            app.screen.refresh_data()
        if then is not None:
            then(name)
        else:
            app.notify(f"Deciding as {name}.", markup=False)

    app.push_screen(
        PickScreen("Who is deciding?", people_options(app), signer or remembered, hint), chosen
    )


def start_decision(
    screen: Screen, item_id: int, decision: Decision, flt: ReviewFilter | None = None
) -> None:
    """`y` / `c` / `n` on an item: reviewer, sign-off check, form, then the next item."""
    app: StoreApp = screen.app  # type: ignore[assignment]
    store = app.store
    item = store.reviews.get(item_id)
    if item is None:
        app.notify("That review item no longer exists.", severity="error")
        return
    signer = store.reviews.signoff_person(item_id) if item.needs_signoff else None
    approving = decision == Decision.APPROVED

    def proceed(reviewer: str) -> None:
        if approving and item.needs_signoff:
            if signer is None:
                app.notify(
                    "Not approved: this item needs sign-off but its workflow names no"
                    " sign-off person. Set one on the workflow first.",
                    title="Sign-off",
                    severity="error",
                    timeout=8,
                )
                return
            if signer.casefold() != reviewer.casefold():
                app.notify(
                    f"Not approved: only {signer}, the workflow's sign-off person, can approve"
                    f" this item (deciding as {reviewer}; press u to change).",
                    title="Sign-off",
                    severity="error",
                    timeout=8,
                )
                return
        app.push_screen(
            DecisionForm(store, item, decision, reviewer),
            lambda saved: _after(app, item_id, saved, flt),
        )

    reviewer = current_reviewer(store)
    needs_signer = (
        approving and signer is not None and (reviewer or "").casefold() != signer.casefold()
    )
    if reviewer is None or needs_signer:
        ask_reviewer(screen, proceed, signer if approving else None)
    else:
        proceed(reviewer)


def _after(
    app: StoreApp, item_id: int, saved: ReviewDecision | None, flt: ReviewFilter | None
) -> None:
    """Auto-advance: open the next pending item, or go back to the queue when none is left."""
    from aiops_tui.screens.review_detail import ReviewDetailScreen

    if saved is None:
        return
    done = f"{DONE[saved.decision]} #{item_id}."
    next_id = app.store.reviews.next_pending(after_id=item_id, flt=flt)
    if next_id is not None:
        detail = ReviewDetailScreen(next_id, flt)
        if isinstance(app.screen, ReviewDetailScreen):
            app.switch_screen(detail)
        else:
            app.push_screen(detail)
        app.notify(f"{done} Next pending: #{next_id}.")
        return
    if isinstance(app.screen, ReviewDetailScreen):
        app.pop_screen()
    elif isinstance(app.screen, AppScreen):
        app.screen.refresh_data()
    app.notify(f"{done} No pending items left: the queue is clear.")
