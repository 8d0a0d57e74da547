"""The project's table: Textual's DataTable, with one rule for cutting cells.

Why a subclass at all: a cell wider than its column used to be cut wherever
the column ended, or wrapped and its first line kept, so "Customer support
triag" read as a whole word. Here every one-line text cell is drawn without
wrapping and, when cut, ends with "…" followed by the column's padding (one
space), so a cut is always visible as one.

(It was once a faster DataTable that drew cells itself by overriding a private
Textual method: a small part of a table screen's first visit as a whole process
(bench/run.py), and private methods change in any Textual release. Only public
API is used now; the name stays for the screens that import it.)
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, ColumnKey, RowKey


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
    """A DataTable whose text cells end with "…" when their column cuts them."""

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
