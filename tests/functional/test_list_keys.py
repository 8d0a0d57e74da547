"""Every list answers the same keys: j k g G, page up/down, enter; / and escape where it filters."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList

from aiops_tui.storage.store import Store
from aiops_tui.widgets.filter_bar import FilterBar

# (keys that reach the list, its id, does its screen filter with /)
LISTS: list[tuple[tuple[str, ...], str, bool]] = [
    (("1",), "rituals", False),
    (("1", "tab"), "alerts", False),
    (("2",), "workflow-table", True),
    (("3",), "prompt-table", True),
    (("3", "enter"), "version-table", False),
    (("4", "f", "f", "f", "f"), "review-table", True),
    (("4", "o"), "pick-list", False),
    (("5",), "ritual-table", True),
    (("5", "tab"), "checklist", False),
    (("6",), "people-table", True),
    (("6", "tab"), "matrix-table", False),
    (("6", "right_square_bracket"), "tools-table", True),
    (("6", "right_square_bracket", "right_square_bracket"), "data-table", True),
]


def position(widget: DataTable | OptionList) -> int:
    if isinstance(widget, DataTable):
        return widget.cursor_row
    return widget.highlighted or 0


def size(widget: DataTable | OptionList) -> int:
    if isinstance(widget, DataTable):
        return widget.row_count
    return widget.option_count


@pytest.mark.parametrize(("keys", "list_id", "filters"), LISTS, ids=[x[1] for x in LISTS])
async def test_list_keys(
    sample_store: Store, make_app, keys: tuple[str, ...], list_id: str, filters: bool
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        widget = app.screen.query_one(f"#{list_id}")
        assert isinstance(widget, (DataTable, OptionList))
        widget.focus()
        await pilot.pause()
        assert size(widget) >= 2, "the sample gives every list a few rows"
        await pilot.press("G")
        assert position(widget) >= max(1, size(widget) - 2)  # an OptionList may end in a note
        await pilot.press("g")
        assert position(widget) == 0
        await pilot.press("j")
        assert position(widget) == 1
        await pilot.press("k")
        assert position(widget) == 0
        await pilot.press("pagedown")
        assert position(widget) > 0
        await pilot.press("pageup")
        assert position(widget) == 0
        enter = app.screen.active_bindings.get("enter")
        assert enter is not None and enter.enabled, "enter opens or picks the row"
        if filters:
            bar = app.screen.query_one(FilterBar)
            await pilot.press("slash", "x", "enter")
            assert bar.value == "x" and widget.has_focus
            await pilot.press("escape")
            await pilot.pause()
            assert bar.value == "" and not bar.display


async def test_escape_clears_the_filter_an_alert_opened(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        alerts = app.screen.query_one("#alerts", OptionList)
        alerts.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        bar = app.screen.query_one(FilterBar)
        assert bar.value and bar.display
        await pilot.press("escape")
        await pilot.pause()
        assert bar.value == "" and not bar.display
        assert "filter:" not in str(app.screen.query_one("#summary").render())
