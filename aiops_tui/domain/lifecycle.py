"""The workflow status lifecycle: idea -> proposed -> approved -> pilot -> live -> paused -> retired.

`shadow` is AI use found in the business that nobody approved; it can only be
brought into the light (proposed) or stopped (retired).
"""

from __future__ import annotations

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "idea": ("proposed", "retired"),
    "proposed": ("approved", "idea", "retired"),
    "approved": ("pilot", "proposed", "retired"),
    "pilot": ("live", "paused", "approved", "retired"),
    "live": ("paused", "pilot", "retired"),
    "paused": ("live", "pilot", "retired"),
    "retired": ("proposed",),
    "shadow": ("proposed", "retired"),
}


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(str(status), ())


def can_move(old: str, new: str) -> bool:
    return str(old) == str(new) or str(new) in allowed_next(old)


def transition_error(old: str, new: str) -> str | None:
    """None when the move is allowed, else the reason in words."""
    if can_move(old, new):
        return None
    options = ", ".join(allowed_next(old)) or "nothing"
    return f"a {old} workflow can move to {options}, not to {new}"
