"""ctrl+e in the app: ask for a path, write the file, say where; refuse bad paths in place."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static

from aiops_tui.export.playbook import render_playbook, render_sop
from aiops_tui.screens.dashboard import DashboardScreen
from aiops_tui.screens.export_dialog import ExportDialog
from aiops_tui.storage.store import Store


async def _open(app, pilot) -> ExportDialog:
    await pilot.pause()
    await pilot.press("ctrl+e")
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)
    return app.screen


async def _save(app, pilot) -> None:
    """The file is written in a worker thread: wait for it."""
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_ctrl_e_writes_the_playbook_and_names_the_file(
    sample_store: Store, make_app, tmp_path: Path
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _open(app, pilot)
        path = dialog.query_one("#field-path", Input)
        assert path.value == "aiops-playbook-2026-11-23.md"
        await _save(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        written = (tmp_path / "aiops-playbook-2026-11-23.md").resolve()
        today = sample_store.clock().date()
        assert written.read_text(encoding="utf-8") == render_playbook(sample_store, today)
        messages = [n.message for n in app._notifications]
        assert any(str(written) in m for m in messages)


async def test_one_workflow_writes_its_sop(sample_store: Store, make_app, tmp_path: Path) -> None:
    wf = sample_store.workflows.by_name("Customer support drafting and triage")
    assert wf is not None
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _open(app, pilot)
        dialog.query_one("#field-workflow", Select).value = wf.id
        await pilot.pause()
        path = dialog.query_one("#field-path", Input)
        assert path.value == "aiops-sop-customer-support-drafting-and-triage-2026-11-23.md"
        await _save(app, pilot)
        text = (tmp_path / path.value).read_text(encoding="utf-8")
        assert text == render_sop(sample_store, wf, sample_store.clock().date())


async def test_an_unwritable_path_is_refused_beside_the_field(
    sample_store: Store, make_app, tmp_path: Path
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _open(app, pilot)
        path = dialog.query_one("#field-path", Input)
        path.value = str(tmp_path / "missing" / "p.md")
        await _save(app, pilot)
        assert app.screen is dialog
        error = dialog.query_one("#error-path", Static)
        assert "does not exist" in str(error.render())
        assert path.value == str(tmp_path / "missing" / "p.md")
        path.value = "aiops.db"
        await _save(app, pilot)
        assert app.screen is dialog
        assert "database itself" in str(error.render())
        assert sample_store.workflows.count() == 8  # the database is untouched
        path.value = "ok.md"
        await _save(app, pilot)
        assert app.screen is not dialog
        assert (tmp_path / "ok.md").exists()


async def test_escape_cancels_without_writing(
    sample_store: Store, make_app, tmp_path: Path
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert not list(tmp_path.glob("*.md"))


async def test_a_broken_playbook_is_refused_beside_the_path_and_nothing_is_written(
    sample_store: Store, make_app, tmp_path: Path, monkeypatch
) -> None:
    from aiops_tui.screens import export_dialog

    monkeypatch.setattr(export_dialog, "render_export", lambda *a: "# A\n\n```text\nopen\n")
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _open(app, pilot)
        await _save(app, pilot)
        assert app.screen is dialog
        error = dialog.query_one("#error-path", Static)
        assert "not written: the playbook has a code fence opened on line 3" in str(error.render())
    assert not list(tmp_path.glob("aiops-playbook-*.md"))
