"""Every screen of the app, as the keys that reach it from start, and what a cut looks like.

Shared by the layout tests (no cell cut without "…", the columns that matter at
80x24, nothing unreadable at 70x20, state readable without colour).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import App
from textual.errors import NoWidget
from textual.widgets import DataTable

from aiops_tui.widgets.fast_table import FastTable

WEEKLY = {
    "weekly-rituals": ("w",),
    "weekly-reviews": ("w", "n"),
    "weekly-prompts": ("w", "n", "ctrl+n"),
    "weekly-alerts": ("w", "n", "ctrl+n", "n"),
    "weekly-docs": ("w", "n", "ctrl+n", "n", "n"),
    "weekly-metrics": ("w", "n", "ctrl+n", "n", "n", "n"),
    "weekly-notes": ("w", "n", "ctrl+n", "n", "n", "n", "ctrl+n"),
    "weekly-finish": ("w", "n", "ctrl+n", "n", "n", "n", "ctrl+n", "ctrl+n"),
}

SCREENS: dict[str, tuple[str, ...]] = {
    "dashboard": (),
    "workflows": ("2",),
    "workflow-detail": ("2", "enter"),
    "prompts": ("3",),
    "prompt-detail": ("3", "enter"),
    "review": ("4",),
    "review-detail": ("4", "enter"),
    "cadence": ("5",),
    "team-people": ("6",),
    "team-tools": ("6", "right_square_bracket"),
    "team-data-classes": ("6", "right_square_bracket", "right_square_bracket"),
    "change-log": ("7",),
    **WEEKLY,
}

VERTICAL_BORDERS = set("│┃║")
"""Box lines that edge a panel: the text beside them must keep a space of padding."""
EDGE_MARKS = VERTICAL_BORDERS | set("╭╮╰╯├┤─━▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐▔▕ ")
"""Characters that may touch a panel's border: borders, scrollbars, blanks."""


def bare_border_touches(lines: list[str]) -> list[str]:
    """Lines where text touches a panel's vertical border with no space between."""
    found = []
    for number, line in enumerate(lines):
        for x, char in enumerate(line):
            if char not in VERTICAL_BORDERS:
                continue
            for side in (x - 1, x + 1):
                if 0 <= side < len(line) and line[side] not in EDGE_MARKS:
                    found.append(f"line {number}, column {x}: {line.rstrip()!r}")
                    break
    return found


def cell_text(table: DataTable, cell: object) -> str | None:
    """The whole text of a one-line cell, or None for a renderable that is not text."""
    if isinstance(cell, Text):
        return cell.plain
    if isinstance(cell, str):
        return cell if isinstance(table, FastTable) else Text.from_markup(cell).plain
    if isinstance(cell, (int, float)):
        return None
    return None


def tables_on_screen(app: App[object]) -> list[DataTable]:
    """The tables drawn now (not in a hidden tab or step)."""
    shown = []
    for table in app.screen.query(DataTable):
        try:
            visible = app.screen.find_widget(table).visible_region
        except NoWidget:
            continue
        if visible.area:
            shown.append(table)
    return shown


def table_cuts(app: App[object], lines: list[str]) -> list[str]:
    """Cells of the tables on screen that are cut without "…", or hidden past the table's
    right edge (a table wider than its space)."""
    found = []
    for table in tables_on_screen(app):
        name = table.id or type(table).__name__
        if table.virtual_size.width > table.scrollable_content_region.width:
            labels = [c.label.plain for c in table.ordered_columns]
            found.append(
                f"{name}: columns {labels} need {table.virtual_size.width} cells,"
                f" the table has {table.scrollable_content_region.width}"
            )
            continue
        found += _cells_cut_bare(table, lines, name)
    return found


def _cells_cut_bare(table: DataTable, lines: list[str], name: str) -> list[str]:
    found = []
    region = table.scrollable_content_region
    visible = table.screen.find_widget(table).visible_region  # inside a scroller: clipped
    padding = table.cell_padding
    top_row = round(table.scroll_y)
    header = table.header_height if table.show_header else 0
    for line_no in range(region.height - header):
        row_index = top_row + line_no
        if row_index >= table.row_count:
            break
        row = table.ordered_rows[row_index]
        if row.height != 1:
            continue
        y = region.y + header + line_no
        if not visible.y <= y < visible.bottom:
            continue
        x = region.x
        for column, cell in zip(table.ordered_columns, table.get_row_at(row_index), strict=False):
            width = column.get_render_width(table)
            text = cell_text(table, cell)
            shown = lines[y][x + padding : x + width - padding] if y < len(lines) else ""
            x += width
            if not width:  # dropped to fit the table's width: not shown, so not cut
                continue
            if text is None or cell_len(text) <= width - 2 * padding:
                continue
            if not shown.rstrip().endswith("…"):
                found.append(f"{name} row {row_index}: {text!r} shown as {shown!r}")
    return found


def edge_cuts(lines: list[str]) -> list[str]:
    """Lines whose text runs into the screen's right edge (cut there, with no padding)."""
    return [
        f"line {number}: {line.rstrip()!r}"
        for number, line in enumerate(lines)
        if line and line[-1] not in EDGE_MARKS
    ]
