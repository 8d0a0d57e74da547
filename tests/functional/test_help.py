"""`?` lists every key of the screen (the app's too) and scrolls with j/k and arrows at once."""

from __future__ import annotations

from textual.containers import VerticalScroll

from aiops_tui.screens.help import HelpScreen
from aiops_tui.storage.store import Store


async def test_help_lists_every_key_and_scrolls_at_once(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        listed = {action: keys for keys, action, _ in help_screen.keys}
        assert "q" in listed["Quit"].split()
        assert "j" in listed["Cursor down"].split()
        for action in ("Top", "Bottom", "Filter", "Add", "Workflows", "Weekly review", "Help"):
            assert action in listed
        scroller = help_screen.query_one(VerticalScroll)
        assert scroller.max_scroll_y > 0, "at 80x24 the keys are longer than the screen"
        await pilot.press("j", "j")
        assert scroller.scroll_y == 2
        await pilot.press("down")
        assert scroller.scroll_y == 3
        await pilot.press("k")
        assert scroller.scroll_y == 2
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
