"""A screen shown again after a theme change elsewhere takes the new theme."""

from __future__ import annotations

from aiops_tui.storage.store import Store


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
