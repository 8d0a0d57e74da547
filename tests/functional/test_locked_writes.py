"""Every writing key, with another program holding the database lock: said, not raised.

A second program (a backup, a sync client, another aiops) can hold SQLite's
write lock. Each key or button that writes must then show a message, keep the
app running and write nothing, so the person can simply try again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from aiops_tui.app import AiopsApp
from aiops_tui.domain.models import Person
from aiops_tui.storage.store import Store

Steps = Callable[[Pilot, AiopsApp], Awaitable[None]]


def _dump(path: Path) -> list[str]:
    """Every row of every table, read from outside the app."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def locked(sample_store: Store) -> Iterator[Store]:
    """The sample company, its write lock held by another connection."""
    sample_store.people.add(Person(name="Nobody Yet"))
    sample_store.db.actor = "Ana Ruiz"  # so y/c/n go straight to the form
    sample_store.db.conn.execute("PRAGMA busy_timeout = 50")  # wait briefly, not 2 s
    other = sqlite3.connect(sample_store.db.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield sample_store
    other.execute("ROLLBACK")
    other.close()


def _screen_text(app: AiopsApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def _keys(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def press(*keys: str) -> Steps:
    async def steps(pilot: Pilot, app: AiopsApp) -> None:
        await _keys(pilot, *keys)

    return steps


def form(*keys: str, **values: str) -> Steps:
    """Open a form with `keys`, fill the named inputs, then ctrl+s."""

    async def steps(pilot: Pilot, app: AiopsApp) -> None:
        await _keys(pilot, *keys)
        for name, value in values.items():
            field = app.screen.query_one(f"#field-{name}")
            if isinstance(field, TextArea):
                field.text = value
            else:
                field.value = value  # type: ignore[attr-defined]
        await _keys(pilot, "ctrl+s")

    return steps


async def _promote(pilot: Pilot, app: AiopsApp) -> None:
    await _keys(pilot, "3", "enter", "j", "p")
    app.screen.query_one("#field-reason", Input).value = "trying the lock"
    await _keys(pilot, "ctrl+s")


async def _remove_person(pilot: Pilot, app: AiopsApp) -> None:
    await _keys(pilot, "6")
    table = app.screen.query_one("#people-table", DataTable)
    names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
    table.move_cursor(row=names.index("Nobody Yet"))  # holds no role, so only the lock stops it
    await _keys(pilot, "d", "y")


CASES: dict[str, Steps] = {
    "workflows x mark reviewed": press("2", "x"),
    "workflow detail x mark reviewed": press("2", "enter", "x"),
    "workflows t status": form("2", "t"),
    "workflow detail m metric entry": form("2", "enter", "m", value="12"),
    "workflows a add": form("2", "a", name="Locked out"),
    "cadence space tick": press("5", "space"),
    "cadence c complete": form("5", "c"),
    "review y approve": form("4", "y"),
    "review c changes": form("4", "c", note="needs work"),
    "review n reject": form("4", "n", note="wrong"),
    "review detail y approve": form("4", "enter", "y"),
    "prompt p promote": _promote,
    "prompt l label move": form("3", "enter", "j", "l", why="trying"),
    "prompt v new version": form(
        "3", "enter", "v", body="A new body", change_note="tighter wording"
    ),
    "team d remove person": _remove_person,
    "team data class policy cycle": press(
        "6", "right_square_bracket", "right_square_bracket", "enter"
    ),  # fmt: skip
    "team a add person": form("6", "a", name="Locked Person"),
    "weekly review next step": press("w", "ctrl+n"),
}


@pytest.mark.parametrize("name", list(CASES))
async def test_a_write_under_a_held_lock_is_said_and_writes_nothing(
    locked: Store, make_app, name: str
) -> None:
    before = _dump(locked.db.path)
    app = make_app(locked)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await CASES[name](pilot, app)
        await pilot.pause()
        assert app.is_running
        said = [n.message for n in app._notifications]
        assert any("locked" in m for m in said) or "locked" in _screen_text(app), (
            said,
            _screen_text(app),
        )
    assert _dump(locked.db.path) == before


async def test_a_read_the_database_refuses_is_said_not_raised(sample_store: Store, make_app):
    """A schema lock can make a plain SELECT fail; leaving and re-entering a screen says so."""
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _keys(pilot, "2", "3")

        def refuse(*args: object, **kwargs: object) -> None:
            raise sqlite3.OperationalError("database schema is locked: main")

        screen = app.screen
        original = type(screen).refresh_data
        type(screen).refresh_data = refuse  # type: ignore[method-assign]
        try:
            await _keys(pilot, "2", "3")  # back to Prompts: on_screen_resume reads again
            assert app.is_running
            await _keys(pilot, "3")  # the screen's own key refreshes too
            assert app.is_running
        finally:
            type(screen).refresh_data = original  # type: ignore[method-assign]
        said = [n.message for n in app._notifications]
        assert any("schema is locked" in m for m in said), said


async def _export(app: AiopsApp, pilot: Pilot, target: Path) -> None:
    await _keys(pilot, "ctrl+e")
    app.screen.query_one("#field-path", Input).value = str(target)
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_still_works_while_another_program_holds_the_lock(
    locked: Store, make_app, tmp_path: Path
) -> None:
    """Exporting only reads the database, so a held write lock must not stop it."""
    before = _dump(locked.db.path)
    target = tmp_path / "playbook.md"
    app = make_app(locked)
    async with app.run_test(size=(120, 40)) as pilot:
        await _export(app, pilot, target)
        assert app.is_running
    assert "Customer support drafting and triage" in target.read_text(encoding="utf-8")
    assert _dump(locked.db.path) == before


async def test_export_whose_read_is_refused_says_so_in_the_dialog(
    sample_store: Store, make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise sqlite3.OperationalError("database schema is locked: main")

    monkeypatch.setattr("aiops_tui.screens.export_dialog.render_export", refuse)
    target = tmp_path / "playbook.md"
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _export(app, pilot, target)
        assert app.is_running
        assert type(app.screen).__name__ == "ExportDialog"  # still open, to try again
        assert "schema is locked" in _screen_text(app)
    assert not target.exists()
