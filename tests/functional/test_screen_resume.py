"""Screens resume without restyling, unless the app's styles changed meanwhile."""

from __future__ import annotations

import pytest

from aiops_tui.screens.base import AppScreen
from aiops_tui.storage.store import Store


async def test_returning_to_a_screen_does_not_restyle_it(
    sample_store: Store, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    restyled: list[str] = []
    original = AppScreen.update_node_styles

    def spy(self: AppScreen, animate: bool = True) -> None:
        restyled.append(type(self).__name__)
        original(self, animate)

    monkeypatch.setattr(AppScreen, "update_node_styles", spy)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in "2121":
            await pilot.press(key)
            await pilot.pause()
    assert restyled == []


async def test_a_theme_change_elsewhere_still_restyles_the_screen(
    sample_store: Store, make_app
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        workflows = app.screen
        dark = workflows.styles.background
        await pilot.press("1")
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert app.screen is workflows
        light = workflows.styles.background
        assert light != dark
        assert light == app.current_theme.to_color_system().background
