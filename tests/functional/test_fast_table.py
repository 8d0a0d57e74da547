"""Table cells: a cell wider than its column ends with "…" and keeps its padding."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from aiops_tui.widgets.fast_table import FastTable, cut_with_ellipsis


class _Table(App[None]):
    def compose(self) -> ComposeResult:
        yield FastTable()


def _line(table: FastTable, y: int) -> str:
    return table.render_line(y).text


async def test_a_cut_cell_ends_with_an_ellipsis_and_one_space_of_padding() -> None:
    app = _Table()
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(FastTable)
        table.add_column("Name", width=10, key="name")
        table.add_column("Status", key="status")
        table.add_row("Customer support triage", "live", key="a")
        table.add_row(Text("short", style="bold"), "pilot", key="b")
        await pilot.pause()
        first = _line(table, 1)
        assert first.startswith(" Customer …  live")  # 10 cells of text, then the padding
        assert _line(table, 2).startswith(" short       pilot")
        table.update_cell("b", "name", "An even longer name than that")
        await pilot.pause()
        assert _line(table, 2).startswith(" An even l…  pilot")


def test_cells_that_choose_their_own_layout_keep_it() -> None:
    wrapped = Text("wrap me", overflow="fold", no_wrap=False)
    assert cut_with_ellipsis(wrapped) is wrapped
    assert cut_with_ellipsis("two\nlines") == "two\nlines"
    assert cut_with_ellipsis(42) == 42
    styled = Text("x", style="red")
    cut = cut_with_ellipsis(styled)
    assert cut is not styled and cut.overflow == "ellipsis" and cut.no_wrap
    assert styled.overflow is None  # the caller's Text is not changed


async def test_taller_rows_still_wrap() -> None:
    app = _Table()
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(FastTable)
        table.add_column("Text", width=10)
        table.add_row("a fairly long sentence", height=2)
        await pilot.pause()
        assert _line(table, 1).startswith(" a fairly ")
        assert _line(table, 2).startswith(" long ")
