"""Without colour (NO_COLOR) state and focus still read: boxes say [x] or [ ], the
focused row is reversed, and every screen draws."""

from __future__ import annotations

import pytest
from screen_text import screen_lines
from screen_walk import SCREENS
from textual.widgets import DataTable, OptionList

from aiops_tui.storage.store import Store
from aiops_tui.widgets.tick_box import TickBox, TickList


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # read (and removed) as each App is made


def marked_lines(widget: DataTable | OptionList, mark: str) -> list[int]:
    """The lines of a list drawn (on screen) with `mark`: reverse or underline, which
    survive without colour."""
    region = widget.content_region
    screen = widget.screen
    return [
        y
        for y in range(region.height)
        if getattr(screen.get_style_at(region.x + 2, region.y + y), mark)
    ]


@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_screen_draws_without_colour(
    sample_store: Store, make_app, screen: str
) -> None:
    """A dropped column once drew a segment without a style, which the no-colour filter
    could not read: the app crashed at 80 columns."""
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        for key in SCREENS[screen]:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        assert screen_lines(app)[-1].strip()


async def test_boxes_read_ticked_or_not(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("3", "j", "j", "enter", "p"):  # promote v3: the note ticked, the rest not
            await pilot.press(key)
            await pilot.pause()
        boxes = list(app.screen.query(TickBox))
        assert boxes and any(b.value for b in boxes) and not all(b.value for b in boxes)
        text = "\n".join(screen_lines(app))
        assert "[x]" in text and "[ ]" in text, text
        assert "▐X▌" not in text
        unticked = next(b for b in boxes if not b.value)
        unticked.focus()
        await pilot.press("space")
        await pilot.pause()
        assert unticked.value
        assert "[ ]" not in unticked.render().plain
        assert "[x]" in unticked.render().plain


async def test_a_list_of_boxes_reads_ticked_or_not(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("2", "a", "ctrl+pagedown", "ctrl+pagedown"):  # Data & tools
            await pilot.press(key)
            await pilot.pause()
        boxes = app.screen.query(TickList).first()
        boxes.focus()
        await pilot.press("space")  # ticks the first
        await pilot.pause()
        first, second = boxes.render_line(0).text, boxes.render_line(1).text
        assert first.startswith("[x] ") and second.startswith("[ ] "), (first, second)


async def test_the_focused_row_is_reversed(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        rituals = app.screen.query_one("#ritual-table", DataTable)
        assert rituals.has_focus
        assert marked_lines(rituals, "reverse") == [1]  # the header, then the cursor's row
        await pilot.press("j")
        await pilot.pause()
        assert marked_lines(rituals, "reverse") == [2]
        await pilot.press("tab")  # into the checklist: its line marked, the row only underlined
        await pilot.pause()
        checklist = app.screen.query_one("#checklist", OptionList)
        assert checklist.has_focus
        assert marked_lines(checklist, "underline")[:1] == [0]
        assert not marked_lines(rituals, "reverse")
        assert marked_lines(rituals, "underline") == [2]
