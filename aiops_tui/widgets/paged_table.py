"""A DataTable that pulls rows from SQL a page at a time.

Harlequin's lesson: a table with a hundred thousand rows must never be filled
at once. This one asks its `fetch(offset, limit)` for the first page and for
the next one only as the cursor nears the end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from aiops_tui.widgets.fast_table import FastTable
from aiops_tui.widgets.safe_text import safe_cell
from aiops_tui.widgets.vim_keys import vim_bindings

Row = tuple[str, Sequence[Any]]  # (row key, cells)
Fetch = Callable[[int, int], list[Row]]


class PagedTable(FastTable):
    """Rows come from `fetch`; keys are strings (usually the entity id)."""

    BINDINGS = vim_bindings("list")

    PAGE = 50  # a 40-line terminal shows ~30 rows; each extra row costs a measure and a render
    PREFETCH = 20

    def __init__(
        self, fetch: Fetch | None = None, *, page_size: int | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self._fetch = fetch
        self.page_size = page_size or self.PAGE
        self.loaded = 0
        self.exhausted = False
        self._loading = False

    def set_fetch(self, fetch: Fetch) -> None:
        self._fetch = fetch

    def reload(self, keep_key: str | None = None) -> None:
        """Start again from the first page, keeping the cursor on `keep_key` if it is loaded."""
        self._loading = True  # clear() moves the cursor, whose watcher would fetch a page
        try:
            self.clear()
        finally:
            self._loading = False
        self.loaded = 0
        self.exhausted = False
        self.load_more()
        if keep_key is not None:
            try:
                self.move_cursor(row=self.get_row_index(keep_key))
            except Exception:  # noqa: BLE001 - the row may be gone after a filter
                pass

    def load_more(self) -> int:
        if self._fetch is None or self.exhausted or self._loading:
            return 0
        self._loading = True
        try:
            rows = self._fetch(self.loaded, self.page_size)
            for key, cells in rows:
                if key in self.rows:  # a row inserted meanwhile shifted the page
                    continue
                self.add_row(*[safe_cell(c) for c in cells], key=key)
        finally:
            self._loading = False
        self.loaded += len(rows)
        if len(rows) < self.page_size:
            self.exhausted = True
        return len(rows)

    def watch_cursor_coordinate(self, old: Any, new: Any) -> None:
        super().watch_cursor_coordinate(old, new)
        if not self._loading and not self.exhausted and new.row >= self.row_count - self.PREFETCH:
            self.load_more()

    def action_scroll_bottom(self) -> None:
        while not self.exhausted and self.load_more():
            if self.loaded > 100_000:
                break
        super().action_scroll_bottom()
        self.move_cursor(row=self.row_count - 1)

    def action_scroll_top(self) -> None:
        super().action_scroll_top()
        self.move_cursor(row=0)

    @property
    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - an empty or refreshing table
            return None
        return str(key.value) if key.value is not None else None
