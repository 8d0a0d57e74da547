"""Snapshots of the dashboard, the cadence screen and the ritual form."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from aiops_tui.storage.store import Store

SIZE = (120, 40)


def test_dashboard_snapshot(snap_compare, sample_store: Store, make_app) -> None:
    assert snap_compare(make_app(sample_store), press=["1"], terminal_size=SIZE)


def test_cadence_with_ticks_snapshot(snap_compare, sample_store: Store, make_app) -> None:
    assert snap_compare(
        make_app(sample_store), press=["5", "j", "space", "space"], terminal_size=SIZE
    )


async def _open_ritual_form(pilot: Pilot) -> None:
    """Open the form, then stop cursor blink: a loaded machine may catch it mid-blink."""
    await pilot.press("5", "a")
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def test_ritual_form_snapshot(snap_compare, sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    assert snap_compare(app, run_before=_open_ritual_form, terminal_size=SIZE)
