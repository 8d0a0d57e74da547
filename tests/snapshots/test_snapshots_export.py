"""The export dialog at 120x40, with the sample data and the fixed clock."""

from __future__ import annotations

from aiops_tui.storage.store import Store

SIZE = (120, 40)


def test_export_dialog_snapshot(snap_compare, sample_store: Store, make_app) -> None:
    assert snap_compare(make_app(sample_store), press=["ctrl+e"], terminal_size=SIZE)


def test_export_dialog_error_snapshot(snap_compare, sample_store: Store, make_app) -> None:
    async def bad_path(pilot) -> None:
        await pilot.press("ctrl+e")
        await pilot.pause()
        pilot.app.screen.query_one("#field-path").value = "/no/such/folder/p.md"
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(sample_store), run_before=bad_path, terminal_size=SIZE)
