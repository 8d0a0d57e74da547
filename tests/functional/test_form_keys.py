"""Keys typed while a form opens land in its first field, in order, none lost or run as keys."""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import App
from textual.widgets import Input

from aiops_tui.screens.workflow_form import WorkflowForm
from aiops_tui.storage.store import Store


def type_fast(app: App[object], keys: str) -> None:
    """Queue every key at once, as a fast typist's terminal delivers them (no pause between)."""
    for key in keys:
        name = {" ": "space", "_": "underscore"}.get(key, key)
        event = events.Key(name, key)
        event.set_sender(app)
        app.post_message(event)


async def test_keys_typed_right_after_a_land_in_the_name(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        list_screen = app.screen
        type_fast(app, "a")
        while app.screen is list_screen:  # the form is pushed, not yet composed nor focused
            await asyncio.sleep(0)
        type_fast(app, "Hello_world 2q")
        await pilot.pause()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WorkflowForm)
        assert form.query_one("#field-name", Input).value == "Hello_world 2q"
