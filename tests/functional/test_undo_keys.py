"""ctrl+z by keyboard on the sample company: a status move, a tick and an approval undone,
the screen showing the restored data, an `undo` line in the change log; and nothing to
undo said so. What is undone is in the file: a new session reads it back."""

from __future__ import annotations

from pilot_helpers import open_form
from textual.command import CommandList
from textual.widgets import DataTable, OptionList, Select

from aiops_tui.screens.cadence import CadenceScreen
from aiops_tui.screens.help import screen_keys
from aiops_tui.screens.review import ReviewScreen
from aiops_tui.screens.review_decision import DecisionForm
from aiops_tui.screens.status_form import StatusForm
from aiops_tui.screens.workflows import WorkflowsScreen
from aiops_tui.storage.store import Store

SIZE = (120, 40)
SUPPORT = "Customer support drafting and triage"


def record_notices(app) -> list[str]:
    """Every notification the app shows from now on, as text."""
    said: list[str] = []
    show = app.notify

    def notify(message: str, **kwargs: object) -> None:
        said.append(str(message))
        show(message, **kwargs)

    app.notify = notify
    return said


def last_event(store: Store):
    return store.changes.recent(1)[0]


async def test_ctrl_z_undoes_a_status_move(sample_store: Store, make_app, db_path, clock) -> None:
    wf = sample_store.workflows.by_name(SUPPORT)
    assert wf is not None and wf.status == "pilot"
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        said = record_notices(app)
        screen = await open_form(pilot, "2", WorkflowsScreen)
        table = screen.query_one("#workflow-table", DataTable)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        table.move_cursor(row=names.index(SUPPORT))
        await pilot.pause()
        form = await open_form(pilot, "t", StatusForm)
        form.query_one("#field-status", Select).value = "live"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert sample_store.workflows.get(wf.id or 0).status == "live"
        assert str(table.get_row_at(table.cursor_row)[2]) == "live"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert said[-1] == f"Undone: {SUPPORT}: pilot -> live"
        assert str(table.get_row_at(table.cursor_row)[2]) == "pilot"  # the screen re-read
    event = last_event(sample_store)
    assert (event.entity, event.entity_id, event.action) == ("workflow", wf.id, "undo")
    reopened = Store.open(db_path, clock=clock)  # survives a restart: it is in the file
    try:
        assert reopened.workflows.get(wf.id or 0).status == "pilot"
        assert reopened.undo_last() is None  # the stack itself is this session's only
    finally:
        reopened.close()


async def test_ctrl_z_unticks_a_checklist_line(sample_store: Store, make_app) -> None:
    ritual = sample_store.rituals.by_name("Weekly review")
    assert ritual is not None
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        said = record_notices(app)
        screen = await open_form(pilot, "5", CadenceScreen)
        table = screen.query_one("#ritual-table", DataTable)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        table.move_cursor(row=names.index("Weekly review"))
        await pilot.pause()
        await pilot.press("space", "space")
        await pilot.pause()
        assert set(sample_store.ticks.get(ritual)) == {0, 1}
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert set(sample_store.ticks.get(ritual)) == {0}
        assert said[-1] == f"Undone: ticked {ritual.checklist[1]!r} on Weekly review"
        checklist = screen.query_one("#checklist", OptionList)
        assert checklist.border_subtitle == "1/4 ticked"
    event = last_event(sample_store)
    assert (event.entity, event.action) == ("ritual", "undo")


async def test_ctrl_z_puts_an_approved_item_back_to_pending(sample_store: Store, make_app) -> None:
    sample_store.db.actor = "Ana Ruiz"  # #3's sign-off person
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        said = record_notices(app)
        await open_form(pilot, "4", ReviewScreen)
        await open_form(pilot, "y", DecisionForm)  # the oldest pending item: #3
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(sample_store.reviews.get(3).status) == "approved"
        await pilot.press("escape")  # from the next item's detail back to the queue
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert said[-1].startswith("Undone: approved 'Pipeline summary week 47'")
        table = app.screen.query_one(DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["3", "2", "5"]
    assert str(sample_store.reviews.get(3).status) == "pending"
    assert sample_store.reviews.decisions(3) == []
    event = last_event(sample_store)
    assert (event.entity, event.entity_id, event.action, event.who) == (
        "review",
        3,
        "undo",
        "Ana Ruiz",
    )


async def test_ctrl_z_with_nothing_done_says_so(sample_store: Store, make_app) -> None:
    events = sample_store.changes.count()
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        said = record_notices(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert said == ["Nothing to undo in this session."]
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Undo last change" in commands  # in the palette
        keys = [(what, binding_id) for _, what, binding_id in screen_keys(app.screen)]
        assert ("Undo last change", "app.undo") in keys  # and in `?` help
    assert sample_store.changes.count() == events


async def test_ctrl_z_in_the_weekly_review_takes_a_decision_off_its_record(
    sample_store: Store, make_app
) -> None:
    sample_store.db.actor = "Ana Ruiz"
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        said = record_notices(app)
        await pilot.press("w", "n")  # step 2: pending reviews, #3 first
        await pilot.pause()
        await pilot.press("y", "ctrl+s")
        await pilot.pause()
        table = app.screen.query_one("#wr-reviews", DataTable)
        assert table.row_count == 2
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert said[-1].startswith("Undone: approved 'Pipeline summary week 47'")
        assert table.row_count == 3  # back in the list to decide again
        assert app.screen.progress["decisions"] == []  # and not in the summary
    assert str(sample_store.reviews.get(3).status) == "pending"


async def test_the_palette_undoes_the_last_change(sample_store: Store, make_app) -> None:
    wf = sample_store.workflows.by_name(SUPPORT)
    assert wf is not None
    sample_store.workflows.set_status(wf.id or 0, "live")  # this session's change
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        said = record_notices(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"undo last")
        for _ in range(20):  # the providers answer asynchronously
            await pilot.pause(0.05)
            if app.screen.query_one(CommandList).options:
                break
        await pilot.press("enter")
        await pilot.pause()
        assert said[-1] == f"Undone: {SUPPORT}: pilot -> live"
    assert sample_store.workflows.get(wf.id or 0).status == "pilot"
