"""FastTable draws exactly what Textual's DataTable draws, only cheaper.

Two oracles: Rich's own pipeline for one cell (`render_lines(Styled(Padding(...)))`,
what `DataTable._render_cell` calls), and a stock `DataTable` fed the same rows,
whose every screen line must equal FastTable's segment for segment (text,
style, meta) through cursor, hover, zebra, focus and content changes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.renderables.styled import Styled
from textual.widgets import DataTable

from aiops_tui.widgets import fast_table
from aiops_tui.widgets.fast_table import FastTable, render_text_line, text_width
from aiops_tui.widgets.safe_text import safe_cell

CONSOLE = Console(width=120, height=40, force_terminal=True, color_system="truecolor")

TRICKY: list[Any] = [
    Text("plain words"),
    Text(""),
    Text("a" * 40),
    Text("日本語のテキスト" * 3),  # wide: a crop can fall inside a character
    Text("e\u0301 cafe\u0301 n\u0303" * 5),  # combining marks
    Text("👩‍👩‍👧 family 🎉 flag 🇫🇷" * 2),  # emoji, ZWJ sequences, flags
    Text("a\u200bb\u200dc"),  # zero-width characters
    Text("live", style="bold green"),
    Text("", style="dim"),
    Text("日本語テキスト", style="red"),
    Text("a link", style="link https://example.com"),
    Text("not a style", style="no-such-style"),
    Text.from_markup("[b]bold[/b] and [red]red[/] text here"),
    Text.assemble(("ab", "bold"), ("日本", "italic"), ("cd", "underline")),
    Text("12.5", justify="right"),
    Text("trailing   ", justify="right"),
    Text("centre", justify="center"),
    Text("left", justify="left"),
    Text("full justify here", justify="full"),
    Text("ellipsis for a long line", overflow="ellipsis"),
    Text("日本語" * 10, overflow="ellipsis"),
    Text("crop 日本語", overflow="crop"),
    Text("ignore overflow " * 4, overflow="ignore"),
    Text("wraps when allowed to", no_wrap=False),
    Text("tab\there"),
    Text("two\nlines"),
    Text("no end", end=""),
    Text("", end=""),
    Text("", style="red", end=""),
    Text("[b]not markup[/b] [red]x"),
    safe_cell("[link=http://x]click[/link] \x1b[2J\u202eevil\x00"),
    safe_cell("line\nbreak\tand tab"),
    Text("\x07bell\rcarriage"),
]
PRE = [
    Style(color="red", bgcolor="blue") + Style.from_meta({"row": 3, "column": 1}),
    Style.from_meta({"row": 0, "column": 0}),
    Style(bold=True, link="https://example.com") + Style.from_meta({"row": 1, "column": 2}),
]
POST = [Style(), Style(bgcolor="green"), Style(color="yellow", bgcolor="black")]


def stock_line(cell: Text, width: int, padding: int, pre: Style, post: Style) -> list[Any]:
    """What Textual 8.2.8's `_render_cell` asks Rich for, for a row of height 1."""
    options = CONSOLE.options.update_dimensions(width, 1).update(no_wrap=True)
    renderable = Styled(Padding(cell, (0, padding)), pre_style=pre, post_style=post)
    return CONSOLE.render_lines(renderable, options)


def test_fast_path_is_on_for_the_mirrored_versions() -> None:
    """If this fails after an upgrade, re-check the mirrored code, then update MIRRORED."""
    assert fast_table.FAST_PATH, f"installed Textual/Rich differ from {fast_table.MIRRORED}"


@pytest.mark.parametrize("cell", TRICKY, ids=range(len(TRICKY)))
def test_one_cell_matches_rich(cell: Text) -> None:
    drawn = 0
    for width in range(1, 34):
        for padding in (0, 1, 2):
            for pre in PRE:
                for post in POST:
                    fast = render_text_line(CONSOLE, cell, width, padding, pre, post)
                    if fast is None:  # not for the fast path: Textual draws it
                        continue
                    drawn += 1
                    assert [fast] == stock_line(cell, width, padding, pre, post), (width, padding)
    if "\n" not in cell.plain and cell.no_wrap is not False:
        assert drawn, "a one-line text should take the fast path at some width"


def test_cells_that_are_not_one_line_text_are_left_to_textual() -> None:
    style = Style.from_meta({"row": 0, "column": 0})
    assert render_text_line(CONSOLE, "a str", 10, 1, style, Style()) is None
    assert render_text_line(CONSOLE, Text("two\nlines"), 10, 1, style, Style()) is None
    assert render_text_line(CONSOLE, Text("no room"), 2, 1, style, Style()) is None
    long_wrapping = Text("several words that wrap", no_wrap=False)
    assert render_text_line(CONSOLE, long_wrapping, 10, 1, style, Style()) is None


ALPHABET = st.sampled_from(
    list("ab [/]=\\ \t\x00\x07\x1b\r") + ["日", "🎉", "\u0301", "\u200d", "\u202e", "…", "\u00a0"]
)


@settings(max_examples=300, deadline=None)
@given(
    plain=st.text(alphabet=ALPHABET, max_size=24),
    style=st.sampled_from(["", "bold", "red on white", "link https://x"]),
    justify=st.sampled_from([None, "default", "left", "right", "center", "full"]),
    overflow=st.sampled_from([None, "fold", "crop", "ellipsis", "ignore"]),
    span=st.booleans(),
    width=st.integers(min_value=1, max_value=30),
    padding=st.integers(min_value=0, max_value=2),
)
def test_any_text_matches_rich(
    plain: str,
    style: str,
    justify: Any,
    overflow: Any,
    span: bool,
    width: int,
    padding: int,
) -> None:
    cell = Text(plain, style=style, justify=justify, overflow=overflow)
    if span and len(plain) > 1:
        cell.stylize("italic", 1, len(plain) - 1)
    for pre, post in zip(PRE, POST, strict=True):
        fast = render_text_line(CONSOLE, cell, width, padding, pre, post)
        if fast is not None:
            assert [fast] == stock_line(cell, width, padding, pre, post)


@pytest.mark.parametrize("cell", TRICKY + ["a str", "[b]markup[/b]", 3.14159, 42, None])
def test_width_matches_textual_measure(cell: Any) -> None:
    from textual.render import measure

    width = text_width(cell)
    if width is None:
        assert type(cell) is not Text
    else:
        assert width == measure(CONSOLE, cell, 1)


# -- whole tables: FastTable against DataTable ----------------------------------------------

ROWS: list[list[Any]] = [
    [Text("Invoice triage"), Text("live", style="bold green"), Text("12.5", justify="right")],
    ["[b]markup str[/b]", Text("paused", style="yellow"), Text("3", justify="right")],
    [safe_cell("[red]shown literally[/red]"), Text(""), Text("1024.75", justify="right")],
    [Text("日本語の名前がとても長い"), Text("emoji 🎉👩‍👩‍👧"), 7.5],
    [Text("cafe\u0301 combining"), Text.from_markup("[b]x[/b] y [i]z[/i]"), None],
    [Text("a very long workflow name that the column will have to crop", overflow="ellipsis")]
    + [Text("x"), Text("-")],
    [Text("tab\there"), "plain str", Text("right  ", justify="right")],
] * 3

Step = Callable[[DataTable, Any], Awaitable[None]]


class _Tables(App[None]):
    def __init__(self, table: DataTable) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        yield self.table


async def _screens(
    cls: type[DataTable], steps: list[Step], columns: list[Any] | None = None, **kwargs: Any
) -> list[list[Any]]:
    """The table's lines (segments) after building it and after each step."""
    table = cls(**kwargs)
    app = _Tables(table)
    shots = []
    async with app.run_test(size=(80, 20)) as pilot:
        for column in columns or [Text("Name"), "Status", Text("Value", justify="right")]:
            table.add_column(column)
        for row in ROWS:
            table.add_row(*row)
        await pilot.pause()
        for step in [None, *steps]:
            if step is not None:
                await step(table, pilot)
                await pilot.pause()
            shots.append(_lines(table))
            shots.append(
                [(c.content_width, c.width) for c in table.ordered_columns] + [table.virtual_size]
            )
    return shots


def _lines(table: DataTable) -> list[Any]:
    table._pseudo_class_state = table.get_pseudo_class_state()
    return [list(table.render_line(y)) for y in range(table.size.height)]


async def _same(steps: list[Step], **kwargs: Any) -> None:
    fast = await _screens(FastTable, steps, **kwargs)
    stock = await _screens(DataTable, steps, **kwargs)
    assert len(fast) == len(stock)
    for index, (got, want) in enumerate(zip(fast, stock, strict=True)):
        assert got == want, f"differs after step {index // 2}"


async def _blur(table: DataTable, pilot: Any) -> None:
    table.blur()


async def _focus(table: DataTable, pilot: Any) -> None:
    table.focus()


async def _down(table: DataTable, pilot: Any) -> None:
    await pilot.press("down", "down", "right")


async def _hover(table: DataTable, pilot: Any) -> None:
    table._set_hover_cursor(True)
    table.hover_coordinate = Coordinate(4, 1)


async def _update(table: DataTable, pilot: Any) -> None:
    table.update_cell_at(Coordinate(1, 1), Text("changed", style="bold red"), update_width=True)


async def _scroll(table: DataTable, pilot: Any) -> None:
    table.scroll_to(x=5, y=3, animate=False)


async def _no_zebra(table: DataTable, pilot: Any) -> None:
    table.zebra_stripes = False


async def _padding(table: DataTable, pilot: Any) -> None:
    table.cell_padding = 2


STEPS: list[Step] = [_focus, _down, _hover, _blur, _focus, _update, _scroll, _no_zebra, _padding]


@pytest.mark.parametrize("cursor_type", ["row", "cell", "column", "none"])
async def test_table_matches_datatable(cursor_type: str) -> None:
    await _same(STEPS, cursor_type=cursor_type, zebra_stripes=True)


async def test_fixed_rows_and_columns_and_no_cursor() -> None:
    await _same(STEPS, fixed_rows=2, fixed_columns=1, show_cursor=False)


@pytest.mark.parametrize("foreground", ["css", "renderable"])
@pytest.mark.parametrize("background", ["css", "renderable"])
async def test_cursor_priorities(foreground: str, background: str) -> None:
    await _same(
        [_focus, _down, _hover, _blur],
        cursor_foreground_priority=foreground,
        cursor_background_priority=background,
    )


class _Both(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(id="stock", cursor_foreground_priority="renderable")
        yield FastTable(id="fast", cursor_foreground_priority="renderable")


async def test_every_cell_for_every_input() -> None:
    """`_render_cell` itself, for arguments the screens never combine, cache hits included."""
    app = _Both()
    async with app.run_test(size=(80, 30)) as pilot:
        tables = [app.query_one("#stock", DataTable), app.query_one("#fast", DataTable)]
        for table in tables:
            table.add_columns("Name", "Status", "Value")
            table.add_rows(ROWS[:7])
        await pilot.pause()
        styles = [tables[0].rich_style, Style(color="red", bgcolor="white"), Style()]
        calls = [
            (row, column, style, width, cursor, hover)
            for row in range(-1, 7)
            for column in range(3)
            for width in (1, 2, 3, 8, 30)
            for style in styles
            for cursor, hover in ((False, False), (True, False), (False, True))
        ]
        for focus in (False, True, False, True):  # the second round is served from caches
            drawn = []
            for table in tables:  # one at a time: only one of them can have focus
                table.focus() if focus else table.blur()
                await pilot.pause()
                table._pseudo_class_state = table.get_pseudo_class_state()
                drawn.append([table._render_cell(*args) for args in calls])
            for args, stock, fast in zip(calls, *drawn, strict=True):
                assert fast == stock, (focus, args)


async def test_rows_textual_draws_itself_still_match() -> None:
    """Auto-height rows, row labels and renderables other than Text take Textual's path."""

    async def labelled(table: DataTable, pilot: Any) -> None:
        table.add_row(Text("labelled"), "x", "y", label=Text("L1"))
        table.add_row(Text("tall\ncell"), Text("b"), Text("c"), height=None)
        table.add_row(Padding(Text("padded"), (0, 1)), Text("p"), Text("q"), height=2)

    await _same([labelled, _focus, _down, _blur])


async def test_narrow_columns() -> None:
    """Columns too narrow for any text (width <= 2 * padding) go to Textual too."""

    async def narrow(table: DataTable, pilot: Any) -> None:
        table.add_column("w", width=1)
        table.add_column("z", width=0)
        table.add_column("n", width=3)
        for row_key in list(table.rows)[:5]:
            table.update_cell(row_key, list(table.columns)[-1], Text("日本語"))

    await _same([narrow, _focus, _padding])


async def test_off_the_fast_path_it_is_a_datatable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_table, "FAST_PATH", False)
    await _same([_focus, _down])
