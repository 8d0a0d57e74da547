"""The app shell: every screen by its key, help, palette, sample offer, keymap overrides."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from aiops_tui.screens.cadence import CadenceScreen
from aiops_tui.screens.change_log import ChangeLogScreen
from aiops_tui.screens.confirm import ConfirmScreen
from aiops_tui.screens.dashboard import DashboardScreen
from aiops_tui.screens.help import HelpScreen
from aiops_tui.screens.prompts import PromptsScreen
from aiops_tui.screens.review import ReviewScreen
from aiops_tui.screens.team import TeamScreen
from aiops_tui.screens.workflows import WorkflowsScreen
from aiops_tui.storage.store import Store

SCREENS = {
    "1": DashboardScreen,
    "2": WorkflowsScreen,
    "3": PromptsScreen,
    "4": ReviewScreen,
    "5": CadenceScreen,
    "6": TeamScreen,
    "7": ChangeLogScreen,
}


async def test_every_screen_opens_with_real_data(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        for key, screen_type in SCREENS.items():
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
            tables = list(app.screen.query(DataTable))
            assert tables and sum(t.row_count for t in tables) > 0, key
        assert app.sub_title == "aiops.db"


async def test_workflow_table_shows_the_database(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#workflow-table", DataTable)
        assert table.row_count == sample_store.workflows.count()
        first = table.get_row_at(0)
        assert str(first[0]) == "Customer support drafting and triage"


async def test_help_lists_the_screen_keys(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        actions = {row[1] for row in rows}
        assert {"Filter", "Sort", "Quit"} <= actions
        assert ["/", "Filter", "workflows.filter"] in rows  # the id to rebind it with
        assert rows[0][2]  # the app's own keys come first
        await pilot.press("escape")
        assert isinstance(app.screen, WorkflowsScreen)


async def test_palette_offers_every_screen(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for name in (
            "Dashboard",
            "Workflows",
            "Prompts",
            "Review queue",
            "Cadence",
            "Team & tools",
            "Change log",
        ):
            assert f"Go to {name}" in titles


async def test_palette_command_switches_screen(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Go to Cadence")
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, CadenceScreen)


async def test_empty_database_offers_the_sample(store: Store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert store.workflows.count() >= 6
        assert isinstance(app.screen, DashboardScreen)


async def test_declined_sample_is_not_offered_again(store: Store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
    assert store.workflows.count() == 0
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_keymap_override_rebinds_a_screen_key(sample_store: Store, make_app) -> None:
    app = make_app(sample_store, keys={"screen.review": "r"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_quit(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize("key", ["2", "3", "4"])
async def test_filter_narrows_lists(sample_store: Store, make_app, key: str) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        table = app.screen.query(DataTable).first()
        before = table.row_count
        await pilot.press("slash", *"zzzz-no-match")
        await pilot.pause()
        assert before > 0 and table.row_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == before


async def test_launched_app_collects_garbage_only_in_pauses(sample_store: Store) -> None:
    """As `aiops` launches it: keys push the idle collection back; a pause lets it run."""
    import gc

    from aiops_tui.app import AiopsApp
    from aiops_tui.config import Settings

    threshold = gc.get_threshold()
    app = AiopsApp(store=sample_store, settings=Settings(theme="textual-dark"), freeze_heap=True)
    assert not gc.isenabled()  # no automatic collection until the first frame
    try:
        async with app.run_test() as pilot:
            await pilot.pause()
            assert gc.isenabled()  # back once the dashboard is drawn
            idle = app.idle_collector
            assert idle is not None
            idle.last_input = 0.0
            await pilot.press("2")
            assert idle.due() is None  # a key was just pressed
            idle.last_input -= 60  # a minute later, after some work
            gc.collect(1)
            [[] for _ in range(20_000)]  # allocations enough for a generation-1 collection
            assert idle.collect_if_idle() is not None
    finally:
        gc.enable()
        gc.unfreeze()
        gc.set_threshold(*threshold)


async def test_dashboard_footer_shows_its_own_keys(sample_store: Store, make_app) -> None:
    from screen_text import screen_lines

    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = screen_lines(app)[-1]
        for key in ("⏎ Open", "w Weekly review", "1-7 Screens", "? Help", "q Quit"):
            assert key in footer, footer
        await pilot.press("tab")  # the alerts: enter opens what one is about
        await pilot.pause()
        assert "⏎ Open" in screen_lines(app)[-1]
