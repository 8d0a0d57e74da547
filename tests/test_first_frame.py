"""The dashboard's first frame is the one shown: nothing is drawn twice at start.

Each test here fails with the Textual default it works around: switch_mode's
50 ms hold on the first screen, Header's title filled in after the first frame,
and OptionList re-wrapping its options on the Resize every new widget gets.
"""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets._header import HeaderTitle

from aiops_tui.screens.dashboard import AlertList
from aiops_tui.storage.store import Store
from aiops_tui.widgets.app_header import AppHeader, SteadyTitle


async def test_the_first_screen_is_not_held_back(
    sample_store: Store, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    holds: list[str] = []
    original = App.delay_update

    def spy(self: App, delay: float = 0.05) -> None:
        holds.append(self.current_mode)
        original(self, delay)

    monkeypatch.setattr(App, "delay_update", spy)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.current_mode == "dashboard"
        assert holds == []
        assert app._batch_count == 0  # frames reach the terminal
        await pilot.press("2")
        await pilot.pause()
        assert holds == ["dashboard"]  # later changes of screen are still one frame


async def test_the_header_has_its_title_from_the_start(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    updates: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        title = app.screen.query_one(AppHeader).query_one(HeaderTitle)
        assert isinstance(title, SteadyTitle)
        assert str(title.content) == f"aiops — {sample_store.db.path}"
        original = HeaderTitle.update

        def spy(self: HeaderTitle, content: object = "", *, layout: bool = True) -> None:
            updates.append(str(content))
            original(self, content, layout=layout)  # type: ignore[arg-type]

        HeaderTitle.update = spy  # type: ignore[method-assign]
        try:
            app.sub_title = app.sub_title  # the same text: nothing to redraw
            await pilot.pause()
            assert updates == []
            app.sub_title = "elsewhere.db"
            await pilot.pause()
            assert str(title.content) == "aiops — elsewhere.db"
            assert updates == ["aiops — elsewhere.db"]
        finally:
            HeaderTitle.update = original  # type: ignore[method-assign]


async def test_alerts_are_wrapped_once_and_again_when_the_width_changes(
    sample_store: Store, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    forgotten: list[int] = []
    original = AlertList._clear_caches

    def spy(self: AlertList) -> None:
        forgotten.append(self.size.width)
        original(self)

    monkeypatch.setattr(AlertList, "_clear_caches", spy)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        alerts = app.screen.query_one(AlertList)
        assert alerts.option_count > 0
        assert forgotten == []
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        await pilot.pause()
        assert forgotten, "a narrower list must be wrapped again"
        assert alerts._wrapped_for == alerts.scrollable_content_region.width
