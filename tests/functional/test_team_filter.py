"""`/` on Team filters the tab showing: people in SQL, tools and data classes as read."""

from __future__ import annotations

from textual.widgets import DataTable

from aiops_tui.storage.store import Store


def names(table: DataTable) -> list[str]:
    return [str(table.get_row_at(r)[0]) for r in range(table.row_count)]


async def test_the_filter_narrows_people_then_tools_and_data_classes(
    sample_store: Store, make_app
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        people = app.screen.query_one("#people-table", DataTable)
        everyone = people.row_count
        await pilot.press("slash", *"cara", "enter")
        await pilot.pause()
        assert names(people) == ["Cara Lind"] and everyone > 1
        assert people.has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert people.row_count == everyone
        await pilot.press("right_square_bracket", "slash", *"openai", "enter")
        await pilot.pause()
        tools = app.screen.query_one("#tools-table", DataTable)
        assert names(tools) == ["ChatGPT Team"] and tools.has_focus
        await pilot.press("right_square_bracket")  # the next tab is filtered the same way
        await pilot.pause()
        data = app.screen.query_one("#data-table", DataTable)
        assert data.row_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert data.row_count == 6
