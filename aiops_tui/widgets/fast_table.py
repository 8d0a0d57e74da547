"""A DataTable that paints one-line text cells without Rich's layout machinery.

Why: at 120x40 a screen shows ~250-350 table cells, and Textual's
`DataTable._render_cell` draws each as `console.render_lines(Styled(Padding(cell)))`:
a measure, two nested `render_lines`, two line splits and a style pass, ~50-100 us
a cell, a third of a table screen's paint. Its cache is keyed on the table's
pseudo-classes and emptied on every restyle, so a focus change or a screen
switch draws every visible cell again. Almost every cell here is one line of
`rich.text.Text` in a row of height 1, for which all that yields one line: left
padding, the text cropped or padded to the column, right padding, each segment
styled `pre + own style + post`. `FastTable` builds that line directly (~7 us),
keeps it by what it is drawn from, and measures such cells by their widest line.

Exactness: text with spans, justification, tabs or an overflow of "ignore" is
still laid out by Rich (`Text.wrap`, `join`, `render`, as `Text.__rich_console__`
does); plain or single-style text with default justification is cropped as
`Text.truncate` does. Only the layers around the text are mirrored, from
Textual 8.2.8 (`DataTable._render_cell`, `_update_dimensions`, `render.measure`,
`renderables.styled.Styled`) and Rich 15.0.0 (`Padding`, `Console.render_lines`,
`Segment.split_and_crop_lines`). Everything else (headers taller than one line,
wrapped or auto-height rows, row labels, other renderables, columns narrower
than their padding) goes to Textual's own methods. tests/test_fast_table.py
holds both paths to the same segments, styles and meta.

Guard: the fast path is on only when the installed Textual and Rich are the
versions mirrored and the private methods still have the signatures overridden;
otherwise `FastTable` is a plain `DataTable`. After an upgrade, compare the
mirrored code, run tests/test_fast_table.py and update `MIRRORED`.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import version
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.widgets import DataTable

MIRRORED = {"textual": "8.2.8", "rich": "15.0.0"}
_SIGNATURES = {
    "_render_cell": ["self", "row_index", "column_index", "base_style", "width", "cursor", "hover"],
    "_update_dimensions": ["self", "new_rows"],
}


def _mirrors_installed() -> bool:
    """Are the installed Textual and Rich the ones this module mirrors?"""
    try:
        if any(version(package) != wanted for package, wanted in MIRRORED.items()):
            return False
        for name, params in _SIGNATURES.items():
            code = getattr(DataTable, name).__code__
            if list(code.co_varnames[: code.co_argcount]) != params:
                return False
        return True
    except Exception:  # noqa: BLE001 - whatever changed, the stock table is the safe answer
        return False


FAST_PATH = _mirrors_installed()
_NULL = Style.null()  # what Padding's default style "none" resolves to


def text_width(cell: object) -> int | None:
    """Textual's `measure(console, cell, 1)` for a plain `Text`: its widest line. Else None."""
    if type(cell) is not Text:
        return None
    return max(map(cell_len, cell.plain.splitlines()), default=0)


def render_text_line(
    console: Console, cell: object, width: int, padding: int, pre: Style, post: Style
) -> list[Segment] | None:
    """The one line `render_lines(Styled(Padding(cell, (0, padding)), pre, post))` gives.

    For a `Text` drawn without wrapping at height 1 in `width` cells, as
    `DataTable._render_cell` renders a cell of a one-line row; None when the
    cell is anything else (the caller renders it the stock way).
    """
    inner = width - 2 * padding
    if type(cell) is not Text or inner < 1 or cell.end not in ("\n", ""):
        return None
    plain = cell.plain
    if "\n" in plain:
        return None
    # App.console_options has no justify or overflow, so the Text's own or Rich's defaults.
    # The commonest cell, one style or none, left as it is: no Text copies, one segment.
    simple = not cell._spans and cell.no_wrap is not False
    if simple and (cell.justify or "default") == "default":
        overflow = cell.overflow or "fold"
        length = cell_len(plain)
        if "\t" in plain or overflow == "ignore":
            return _render_with_rich(console, cell, width, padding, pre, post)
        if length > inner:  # Text.truncate
            if overflow == "ellipsis":
                plain = strip_control_codes(set_cell_size(plain, inner - 1) + "…")
            else:
                plain = strip_control_codes(set_cell_size(plain, inner))
            length = cell_len(plain)
        if not cell.style:
            text = [Segment(plain)]
        else:  # Text.join made the style a span; Text.render drops an empty one
            style = _NULL + console.get_style(cell.style, default=_NULL)
            text = [Segment(plain, style)] if plain else []
        return _line(text, length, width, padding, pre, post)
    return _render_with_rich(console, cell, width, padding, pre, post)


def _render_with_rich(
    console: Console, cell: Text, width: int, padding: int, pre: Style, post: Style
) -> list[Segment] | None:
    """Rich lays out the text (`Text.__rich_console__` with no_wrap); we add the rest."""
    tab_size = console.tab_size if cell.tab_size is None else cell.tab_size
    lines = cell.wrap(
        console,
        width - 2 * padding,
        justify=cell.justify or "default",
        overflow=cell.overflow or "fold",
        tab_size=tab_size or 8,
        no_wrap=True if cell.no_wrap is None else cell.no_wrap,
    )
    if len(lines) != 1:
        return None
    text = list(Text("\n").join(lines).render(console))  # the end ("\n" or "") ends the line
    if any("\n" in segment.text for segment in text):
        return None
    return _line(text, Segment.get_line_length(text), width, padding, pre, post)


def _line(
    text: list[Segment], length: int, width: int, padding: int, pre: Style, post: Style
) -> list[Segment]:
    """The text's segments (`length` cells) padded and styled as Padding and Styled do.

    Padding's `render_lines` fits the text to its width (pad or crop, the pad
    unstyled); Padding adds its spaces; Styled restyles every segment `pre +
    own + post`; the table's `render_lines` fits the line to the cell. Rich's
    crop can leave a line a cell short or long (zero-width joiners at a cut), so
    after a crop the last fit is done as Rich does it; a pad is always exact.
    """
    inner = width - 2 * padding
    cropped = length > inner
    if length < inner:
        text.append(Segment(" " * (inner - length), _NULL))
    elif cropped:
        text = Segment.adjust_line_length(text, inner, style=_NULL, pad=True)
    if padding:
        space = Segment(" " * padding, _NULL)
        text = [space, *text, space]
    add = pre.__add__
    if post:
        line = [Segment(t, (styled + post) if (styled := add(s)) else post) for t, s, _ in text]
    else:
        line = [Segment(t, add(s)) for t, s, _ in text]
    if cropped and Segment.get_line_length(line) != width:
        line = Segment.adjust_line_length(line, width, pad=True)
    return line


class FastTable(DataTable):
    """A DataTable whose one-line text cells are drawn and measured directly.

    Same output, cache and behaviour as `DataTable`; see the module docstring.
    Lines drawn the fast way are also kept by what they are drawn from (cell,
    width, resolved styles) rather than by the table's pseudo-classes, so a
    focus change or restyle that leaves a cell's styles alone does not draw it
    again. Like Textual's caches, that one knows a cell's content by its keys
    and the table's update count (`update_cell` and friends bump it), and it
    holds only the current count's lines: a few screens of cells in a few states.
    """

    FAST_LINES = 2_000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fast_lines: LRUCache[tuple[Any, ...], list[Segment]] = LRUCache(self.FAST_LINES)
        self._fast_lines_count = -1  # the update count the lines were drawn at

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> Any:
        if not FAST_PATH or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        # Textual 8.2.8's cache key, so both paths share one cache.
        is_header = row_index == -1
        row_key = self._header_row_key if is_header else self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:  # a stale index: let Textual handle it
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cached = self._cell_render_cache.get(cache_key)
        if cached is not None:
            return cached
        if is_header:
            height = self.header_height
        else:
            row = self.rows.get(row_key)
            height = 0 if row is None else row.height
        cell = self._get_row_renderables(row_index).cells[column_index] if height == 1 else None
        if type(cell) is not Text:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._get_styles_to_render_cell(
            is_header,
            False,
            not is_header and (row_index < self.fixed_rows or column_index < self.fixed_columns),
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        if self._fast_lines_count != self._update_count:
            self._fast_lines.clear()
            self._fast_lines_count = self._update_count
        padding = self.cell_padding
        # Everything else the line is drawn from.
        line_key: tuple[object, ...] = (row_key, column_key, row_index, column_index, width)
        line_key += (padding, base_style, component_style, post_style)
        line = self._fast_lines.get(line_key)
        if line is None:
            meta = Style.from_meta({"row": row_index, "column": column_index})
            pre = base_style + meta + component_style
            line = render_text_line(self.app.console, cell, width, padding, pre, post_style)
            if line is None:
                return super()._render_cell(
                    row_index, column_index, base_style, width, cursor, hover
                )
            self._fast_lines[line_key] = line
        lines = [line]
        self._cell_render_cache[cache_key] = lines
        return lines

    def _update_dimensions(self, new_rows: Iterable[Any]) -> None:
        """Stock behaviour, with one-line text rows measured by `text_width`.

        Rows are taken in order as Textual does; from the first row that needs
        more (auto height, another renderable) on, Textual's method does the rest,
        and it always finishes (auto heights, virtual size).
        """
        if not FAST_PATH:
            return super()._update_dimensions(new_rows)
        rows = list(new_rows)
        done = 0
        label_column = self._label_column
        columns = self.ordered_columns
        for row_key in rows:
            row_index = self._row_locations.get(row_key)
            if row_index is not None:
                row = self.rows.get(row_key)
                if row is None or row.auto_height:
                    break
                if row.label is not None:
                    self._labelled_row_exists = True
                label, cells = self._get_row_renderables(row_index)
                measured = [text_width(cell) for cell in cells]
                widths = [width for width in measured if width is not None]
                label_width = 0 if not label else text_width(label)
                if label_width is None or len(widths) < len(measured):
                    break
                label_column.content_width = max(label_column.content_width, label_width)
                for column, content_width in zip(columns, widths, strict=False):
                    column.content_width = max(column.content_width, content_width)
            done += 1
        super()._update_dimensions(rows[done:])
