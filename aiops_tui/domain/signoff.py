"""Who may approve a review item: the one sign-off rule, for screens, store and CLI alike.

An item that needs sign-off (customer-facing or high-risk work) is approved
only by its workflow's named sign-off person; a founder deciding alone must
still see whose name is on it. Names are compared as people type them:
trimmed and without regard to case.
"""

from __future__ import annotations


def same_person(first: str | None, second: str | None) -> bool:
    """Whether two typed names name the same person ("ana ruiz " is "Ana Ruiz")."""
    return (first or "").strip().casefold() == (second or "").strip().casefold() != ""


def approval_refusal(needs_signoff: bool, signer: str | None, reviewer: str) -> str | None:
    """Why `reviewer` may not approve an item, or None when they may.

    `signer` is the workflow's sign-off person (None when it names nobody).
    Requesting changes and rejecting are open to every reviewer: only an
    approval lets a draft go out.
    """
    if not needs_signoff:
        return None
    name = (signer or "").strip()
    if not name:
        return "this item needs sign-off but its workflow names no sign-off person"
    if same_person(name, reviewer):
        return None
    return f"only {name}, the workflow's sign-off person, can approve this item"
