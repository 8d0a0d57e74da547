"""Steps many pilot tests share: press a key and get the screen it opened."""

from __future__ import annotations

from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.screen import Screen

S = TypeVar("S", bound=Screen[Any])


async def open_form(pilot: Pilot[Any], key: str, form_type: type[S]) -> S:
    """Press `key`, let the app settle, and return the screen now on top, checked to
    be a `form_type` (a form, a dialog or a screen)."""
    await pilot.press(key)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, form_type), f"{key!r} opened {type(screen).__name__}"
    return screen
