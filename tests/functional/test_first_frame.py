"""The dashboard's first frame is the one shown: nothing is drawn twice at start.

Each test here fails with the Textual default it works around: switch_mode's
50 ms hold on the first screen, Header's four widgets (its title filled in after
the first frame).
"""

from __future__ import annotations

import pytest
from textual.app import App
from textual.content import Content

from aiops_tui.storage.store import Store
from aiops_tui.widgets.title_bar import TitleBar, title_line


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
        await pilot.press("2")
        await pilot.pause()
        assert holds == ["dashboard"]  # later changes of screen are still one frame


async def test_the_title_line_is_one_widget_drawn_as_header_drew_it(
    sample_store: Store, make_app
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(TitleBar)
        assert list(bar.children) == []
        line = bar.render()
        assert line.cell_length == 120
        title = f"aiops — {sample_store.db.path}"
        person = "as Ana Ruiz "  # who is acting, where Header kept its clock
        assert line.plain == " ⭘" + " " * 6 + title.center(120 - 8 - len(person)) + person
        app.sub_title = "elsewhere.db"
        await pilot.pause()
        assert "aiops — elsewhere.db" in bar.render().plain


def test_a_long_title_is_cut_with_an_ellipsis() -> None:
    line = title_line(Content("x" * 200), 60)
    assert line.cell_length == 60
    assert line.plain[8:50] == "x" * 41 + "…"


def test_a_long_name_is_cut_with_an_ellipsis_and_the_title_keeps_room() -> None:
    line = title_line(Content("aiops"), 80, "Maximiliana Alexandrina von Hohenzollern-Sigmaringen")
    assert line.cell_length == 80
    assert line.plain.endswith(" as Maximiliana Alexandrina…  ".rstrip() + " ")
    assert "aiops" in line.plain


async def test_clicking_the_icon_opens_the_command_palette(sample_store: Store, make_app) -> None:
    from textual.command import CommandPalette

    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.click(TitleBar, offset=(30, 0))
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
