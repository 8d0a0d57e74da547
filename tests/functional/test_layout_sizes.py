"""At 80x24 every screen shows the columns that matter and whole footer keys; at 70x20
nothing is unreadable: every list shows rows, not only its header."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from screen_text import screen_lines
from screen_walk import SCREENS, tables_on_screen
from textual.app import App
from textual.widgets import Footer, Input, TextArea

from aiops_tui.storage.store import Store

SMALL = [(70, 20), (80, 24)]
SMALL_IDS = ["70x20", "80x24"]

# The columns a screen is for: they stay at 80x24 (others shrink or drop first).
MATTER: dict[str, list[str]] = {
    "dashboard": ["Ritual", "Due"],
    "workflows": ["Name", "Status", "Owner", "Prio.", "Risk"],
    "prompts": ["Name", "Workflow", "Prod.", "Last change"],
    "review": ["#", "Title", "Workflow", "Waiting", "Sign-off"],
    "cadence": ["Ritual", "Next due"],
    "team-people": ["Name", "Load"],
    "team-tools": ["Tool", "Monthly cost", "Used by"],
    "team-data-classes": ["Data class", "Policy", "About"],
    "change-log": ["When", "Who", "Summary"],
    "weekly-rituals": ["Ritual", "Due", "Ticked"],
    "weekly-reviews": ["Item", "Sign-off", "Age"],
    "weekly-prompts": ["When", "Change"],
    "weekly-alerts": ["Alert", "Workflow", "Detail"],
    "weekly-metrics": ["Workflow", "This review"],
}


@asynccontextmanager
async def open_screen(app: App[object], size: tuple[int, int], screen: str) -> AsyncIterator[None]:
    """The app running at `size`, on `screen` (keys from screen_walk.SCREENS)."""
    async with app.run_test(size=size) as pilot:
        for key in SCREENS[screen]:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        yield


def header_labels(app: App[object]) -> set[str]:
    """The labels of the columns shown (not dropped) in the tables on screen."""
    return {
        column.label.plain
        for table in tables_on_screen(app)
        for column in table.ordered_columns
        if column.get_render_width(table)
    }


@pytest.mark.parametrize("screen", list(MATTER))
async def test_the_columns_that_matter_show_at_80x24(
    sample_store: Store, make_app, screen: str
) -> None:
    app = make_app(sample_store)
    async with open_screen(app, (80, 24), screen):
        shown = header_labels(app)
        text = "\n".join(screen_lines(app))
        for label in MATTER[screen]:
            assert label in shown, f"{label!r} hidden on {screen}:\n{text}"
            assert label in text, f"{label!r} not drawn on {screen}:\n{text}"


@pytest.mark.parametrize("size", SMALL, ids=SMALL_IDS)
@pytest.mark.parametrize("screen", list(SCREENS))
async def test_lists_show_rows_and_footers_whole_keys(
    sample_store: Store, make_app, screen: str, size: tuple[int, int]
) -> None:
    app = make_app(sample_store)
    async with open_screen(app, size, screen):
        lines = screen_lines(app)
        text = "\n".join(lines)
        for table in tables_on_screen(app):
            if not table.row_count:
                continue
            geometry = app.screen.find_widget(table)
            if geometry.visible_region != geometry.region:
                continue  # in a scroller, partly scrolled out: read by scrolling
            header = table.header_height if table.show_header else 0
            rows = table.scrollable_content_region.height - header
            assert rows >= min(table.row_count, 2), f"{table.id} shows {rows} rows:\n{text}"
        footer = app.screen.query_one(Footer)
        keys = [key for key in footer.query_children("FooterKey") if key.display]
        palette = [key for key in keys if key.has_class("-command-palette")]
        room = footer.region.right - sum(key.outer_size.width for key in palette)
        for key in keys:
            if key not in palette:
                assert key.region.right <= room, f"{key.region} cut:\n{text}"
        if not isinstance(app.focused, (Input, TextArea)):  # in a text box ? is typed
            assert "? Help" in lines[-1], lines[-1]


@pytest.mark.parametrize("size", SMALL, ids=SMALL_IDS)
async def test_dashboard_figures_do_not_wrap(
    sample_store: Store, make_app, size: tuple[int, int]
) -> None:
    app = make_app(sample_store)
    async with open_screen(app, size, "dashboard"):
        text = "\n".join(screen_lines(app))
        assert re.search(r"due today +\d+ │", text), text
        assert re.search(r"overdue +\d+ │", text), text
