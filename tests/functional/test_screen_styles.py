"""Each screen's stylesheet is its own: nested under the screen type, added once."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

import aiops_tui.screens as screens_pkg
from aiops_tui.screens.styles import ScreenStyles
from aiops_tui.storage.store import Store


def styled_screens() -> list[type[ScreenStyles]]:
    for info in pkgutil.iter_modules(screens_pkg.__path__):
        importlib.import_module(f"aiops_tui.screens.{info.name}")
    found: list[type[ScreenStyles]] = []
    todo = list(ScreenStyles.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if "STYLES" in cls.__dict__:
            found.append(cls)
    return found


def test_every_screen_stylesheet_exists_and_styles_only_its_screen() -> None:
    screens = styled_screens()
    assert len(screens) >= 10
    for cls in screens:
        path = Path(inspect.getfile(cls)).parent / cls.STYLES
        css = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S).strip()
        assert css.startswith(cls.__name__ + " {"), path
        assert css.endswith("}"), path
        depth = 0
        for n, char in enumerate(css):  # one top-level block: everything nested inside it
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth > 0 or n < len(cls.__name__) + 1 or n == len(css) - 1, path


@pytest.mark.parametrize("key", ["2", "3", "4", "5", "6"])
async def test_opening_a_screen_adds_its_stylesheet_once(
    sample_store: Store, make_app, key: str
) -> None:
    app = make_app(sample_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        before = len(app.stylesheet.source)
        await pilot.press(key)
        await pilot.pause()
        styles = type(app.screen).STYLES
        assert any(path.endswith(styles) for path, _ in app.stylesheet.source)
        added = len(app.stylesheet.source)
        assert added > before
        await pilot.press("1")
        await pilot.press(key)
        await pilot.pause()
        assert len(app.stylesheet.source) == added


def add_overlapping_tools(store: Store) -> None:
    """Hundreds of tools in four categories: a long overlap audit."""
    from aiops_tui.domain.models import Tool

    for n in range(120):
        store.tools.add(Tool(name=f"Tool {n:03}", category=f"cat{n % 4}", monthly_cost=5))
    store.state.set("sample_offered", True)


async def open_tools_tab(pilot: Pilot[object]) -> None:
    await pilot.press("6")
    await pilot.pause()
    await pilot.press("right_square_bracket")
    await pilot.pause()


async def test_a_long_overlap_audit_leaves_room_for_the_tools_table(store: Store, make_app) -> None:
    """Hundreds of overlapping tools make the audit long; the table keeps its rows."""
    add_overlapping_tools(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tools_tab(pilot)
        table = app.screen.query_one("#tools-table")
        audit = app.screen.query_one("#audit-box")
        assert table.region.height >= 10, table.region
        assert audit.region.height <= 16, audit.region


async def test_a_long_overlap_audit_scrolls_from_the_keyboard(store: Store, make_app) -> None:
    add_overlapping_tools(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tools_tab(pilot)
        box = app.screen.query_one("#audit-box")
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is box
        await pilot.press("down", "down", "pagedown")
        await pilot.pause()
        assert box.scroll_y > 0
