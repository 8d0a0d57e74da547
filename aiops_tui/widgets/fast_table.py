"""The project's table: Textual's DataTable, with one rule for cutting cells and one for
sharing its width between columns.

Why a subclass at all: a cell wider than its column used to be cut wherever
the column ended, or wrapped and its first line kept, so "Customer support
triag" read as a whole word. Here every one-line text cell is drawn without
wrapping and, when cut, ends with "…" followed by the column's padding (one
space), so a cut is always visible as one.

And a table wider than its space used to be cut at its right edge, hiding
whole columns (the ones on the right, often those that matter) and halving
the last one shown. Here the columns always fit: each declares how far it may
shrink and how soon it may be dropped (widgets/column_fit.py), and the table
refits them when its size or its content changes.

(It was once a faster DataTable that drew cells itself by overriding a private
Textual method: a small part of a table screen's first visit as a whole process
(bench/run.py), and private methods change in any Textual release. Only public
API is used now; the name stays for the screens that import it.)
"""

from __future__ import annotations

from typing import Any, Self

from rich.text import Text, TextType
from textual import events
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, ColumnKey, RowKey

from aiops_tui.widgets.column_fit import ColumnFit, fit_widths


def cut_with_ellipsis(cell: Any) -> Any:
    """A one-line text cell drawn unwrapped and cut with "…"; anything else as it is.

    Only for rows of height 1 (taller rows wrap on purpose); text that names its
    own overflow or wrapping keeps it.
    """
    if isinstance(cell, str):
        return Text(cell, no_wrap=True, overflow="ellipsis") if "\n" not in cell else cell
    if (
        type(cell) is Text
        and "\n" not in cell.plain
        and (cell.overflow is None or cell.no_wrap is None)
    ):
        cell = cell.copy()
        cell.no_wrap = True if cell.no_wrap is None else cell.no_wrap
        cell.overflow = cell.overflow or "ellipsis"
    return cell


class FastTable(DataTable):
    """A DataTable whose text cells end with "…" when their column cuts them, and whose
    columns shrink or drop, by what each declares, to fit the table's width."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fits: dict[ColumnKey, tuple[int | None, int | None, int]] = {}
        """Each column's declared width (None: its content's), min_width and priority."""

    def add_column(
        self,
        label: TextType,
        *,
        width: int | None = None,
        key: str | None = None,
        default: CellType | None = None,
        min_width: int | None = None,
        priority: int = 0,
    ) -> ColumnKey:
        """DataTable.add_column, plus what the column gives up when the table is narrow:
        it may shrink to `min_width` cells (None: never), and columns of the lowest
        `priority` are dropped first (see column_fit.py)."""
        text = Text.from_markup(label) if isinstance(label, str) else label.copy()
        text.no_wrap, text.overflow = True, "ellipsis"  # a narrowed header ends with "…" too
        column_key = super().add_column(text, width=width, key=key, default=default)
        self._fits[column_key] = (width, min_width, priority)
        return column_key

    def clear(self, columns: bool = False) -> Self:
        if columns:
            self._fits = {}
        return super().clear(columns)

    def fit_columns(self) -> None:
        """Give each column its width for the table's current size (0 cells: dropped)."""
        columns = self.ordered_columns
        if not columns or not self.size.width:
            return
        available = self.size.width
        if self.virtual_size.height > self.size.height:  # a vertical scrollbar takes room
            available -= self.styles.scrollbar_size_vertical
        fits = []
        for column in columns:
            width, min_width, priority = self._fits.get(column.key, (None, None, 0))
            want = column.content_width if width is None else width
            fits.append(ColumnFit(want, min_width, priority))
        padding = self.cell_padding
        changed = False
        self._dropped = False
        for column, fitted in zip(columns, fit_widths(fits, available, padding), strict=True):
            # A dropped column draws nothing: its render width (text plus padding) is 0.
            width = -2 * padding if fitted is None else fitted
            self._dropped = self._dropped or fitted is None
            if column.auto_width or column.width != width:
                column.auto_width, column.width = False, width
                changed = True
        if changed:
            self.notify_style_update()  # drops the cells drawn at the old widths
        total = sum(column.get_render_width(self) for column in columns)
        if self.virtual_size.width != total:
            self.virtual_size = Size(total, self.virtual_size.height)

    _dropped = False
    """Some column is dropped (drawn 0 cells wide)."""

    def render_line(self, y: int) -> Strip:
        """A dropped column's cells come out as empty segments without a style, which
        Textual's colour filters (NO_COLOR) cannot read: they are left out."""
        strip = super().render_line(y)
        if self._dropped:
            strip = Strip([segment for segment in strip if segment.text], strip.cell_length)
        return strip

    def on_resize(self, event: events.Resize) -> None:
        self.fit_columns()

    def watch_virtual_size(self) -> None:
        """Rows came or went (DataTable measured them and set the virtual size)."""
        self.fit_columns()

    def add_row(
        self,
        *cells: CellType,
        height: int | None = 1,
        key: str | None = None,
        label: Any = None,
    ) -> RowKey:
        if height == 1:
            cells = tuple(cut_with_ellipsis(cell) for cell in cells)
        return super().add_row(*cells, height=height, key=key, label=label)

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: CellType,
        *,
        update_width: bool = False,
    ) -> None:
        row = self.rows.get(row_key if isinstance(row_key, RowKey) else RowKey(row_key))
        if row is not None and row.height == 1:
            value = cut_with_ellipsis(value)
        super().update_cell(row_key, column_key, value, update_width=update_width)


def restore_cursor(table: DataTable, key: str | None) -> None:
    """Put the cursor back on the row it was on before a refill, if that row is left."""
    if key is None:
        return
    try:
        table.move_cursor(row=table.get_row_index(key))
    except Exception:  # noqa: BLE001 - the row was removed
        pass
