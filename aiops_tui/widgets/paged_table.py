"""A DataTable that is a window onto a list in SQL, never the whole list.

A founder's review queue reaches 200,000 items. Filling a table with them (as
`G` once did, page after page) took minutes and hundreds of MB: every row is
measured, styled and kept. Here at most `WINDOW` rows exist in the table: the
first page is fetched when the list opens, the next one as the cursor nears the
end of what is held, and once the window is full it moves: the rows the cursor
left behind are dropped and the table is refilled around the cursor, which
stays where it was on screen. `g` and `G` jump to either end with one query.

Rows come from one of two kinds of source:

- keyset (`set_keyset`): `fetch(after, limit, backward)` returns the rows that
  follow (or, backward, precede) the row whose sort key is `after`, each with
  its sort key. Every page is an index seek whatever its position, so the
  200,000th item comes as fast as the first. The review queue uses this.
- offset (`set_fetch`): `fetch(offset, limit)`, for short lists (people,
  prompts, versions, 10,000 workflows) where skipping rows costs little;
  `count` (optional) lets `G` jump straight to the last page.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from textual.coordinate import Coordinate

from aiops_tui.widgets.fast_table import FastTable
from aiops_tui.widgets.safe_text import safe_cell
from aiops_tui.widgets.vim_keys import vim_bindings

Row = tuple[str, Sequence[Any]]  # (row key, cells)
Fetch = Callable[[int, int], list[Row]]
Key = Hashable  # a row's sort key, as its source defines it
KeyedRow = tuple[Key, str, Sequence[Any]]  # (sort key, row key, cells)
KeyedFetch = Callable[[Key | None, int, bool], list[KeyedRow]]


class PagedTable(FastTable):
    """Rows come from a source a page at a time; keys are strings (usually the entity id).

    `first` is the position in the whole list of the first row held; `row_count`
    counts the rows held, not the list.
    """

    BINDINGS = vim_bindings("list")

    PAGE = 50  # a 40-line terminal shows ~30 rows; each extra row costs a measure and a render
    WINDOW = 150
    """Rows held at most: three pages, the one shown and one either side."""
    EDGE = 10
    """A page is fetched when the cursor comes this close to an end of what is held."""

    def __init__(
        self, fetch: Fetch | None = None, *, page_size: int | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self._fetch = fetch
        self._keyed: KeyedFetch | None = None
        self._count: Callable[[], int] | None = None
        self.page_size = page_size or self.PAGE
        self._held: list[KeyedRow] = []  # the rows in the table, in order, with their keys
        self.first = 0
        self.at_start = True  # the first row held is the first of the list
        self.exhausted = False  # the last row held is the last of the list
        self._loading = False

    # -- the source ----------------------------------------------------------------------

    def set_fetch(self, fetch: Fetch, count: Callable[[], int] | None = None) -> None:
        """An offset source; `count` (the list's length) lets `G` fetch only the last page."""
        self._fetch, self._count, self._keyed = fetch, count, None

    def set_keyset(self, fetch: KeyedFetch, count: Callable[[], int] | None = None) -> None:
        """A keyset source; `count` (the list's length) tells `first` after `G`, no more."""
        self._keyed, self._fetch, self._count = fetch, None, count

    @property
    def loaded(self) -> int:
        """How far into the list the rows held reach."""
        return self.first + len(self._held)

    def _rows_after(self, limit: int) -> list[KeyedRow]:
        """The `limit` rows after the last one held (from the start if none is)."""
        if self._keyed is not None:
            after = self._held[-1][0] if self._held else None
            return self._keyed(after, limit, False)
        if self._fetch is None:
            return []
        return [(None, key, cells) for key, cells in self._fetch(self.loaded, limit)]

    def _rows_before(self, limit: int) -> list[KeyedRow]:
        """Up to `limit` rows before the first one held."""
        if not self._held or self.at_start:
            return []
        if self._keyed is not None:
            return self._keyed(self._held[0][0], limit, True)
        if self._fetch is None:
            return []
        start = max(0, self.first - limit)
        rows = self._fetch(start, self.first - start)
        return [(None, key, cells) for key, cells in rows]

    def _last_rows(self, limit: int) -> tuple[int | None, list[KeyedRow]]:
        """The list's last `limit` rows and the position of the first of them (None: a
        keyset source without a count cannot say)."""
        if self._keyed is not None:
            rows = self._keyed(None, limit, True)
            if self._count is None:  # where the list ends is not known, only that it does
                return None, rows
            return max(0, self._count() - len(rows)), rows
        if self._fetch is None:
            return 0, []
        if self._count is not None:
            start = max(0, self._count() - limit)
        else:  # find the end a page at a time, keeping none of them
            start = self.loaded
            while len(page := self._fetch(start, self.page_size)) == self.page_size:
                start += self.page_size
            start = max(0, start + len(page) - limit)
        return start, [(None, key, cells) for key, cells in self._fetch(start, limit)]

    # -- filling the table ---------------------------------------------------------------

    def _add(self, rows: list[KeyedRow]) -> None:
        for sort_key, key, cells in rows:
            if key in self.rows:  # a row inserted meanwhile shifted an offset page
                continue
            self.add_row(*[safe_cell(c) for c in cells], key=key)
            self._held.append((sort_key, key, cells))

    def _show(
        self, first: int, rows: list[KeyedRow], cursor: int, top: int | None, at_start: bool
    ) -> None:
        """Hold exactly `rows` (the list's from position `first`): cursor on row `cursor`,
        that row `top` lines below the top of the view (None: scroll it into view)."""
        self._loading = True  # clear() and move_cursor() move the cursor: no fetching
        try:
            self.clear()
            self._held = []
            self.first = max(first, 0)
            self.at_start = at_start
            self._add(rows)
            cursor = min(max(cursor, 0), max(self.row_count - 1, 0))
            self.move_cursor(row=cursor, scroll=top is None)
        finally:
            self._loading = False
        if top is not None:
            self.scroll_to(y=max(cursor - top, 0), animate=False, immediate=True)

    def reload(self, keep_key: str | None = None) -> None:
        """Start again from the first page, keeping the cursor on `keep_key` if it is there."""
        self._show(0, [], 0, None, True)
        self.exhausted = False
        self.load_more()
        if keep_key is not None and keep_key in self.rows:
            self.move_cursor(row=self.get_row_index(keep_key))

    def load_more(self) -> int:
        """Fetch the next page after what is held; returns how many rows came."""
        if self.exhausted or self._loading:
            return 0
        self._loading = True
        try:
            rows = self._rows_after(self.page_size)
            self._add(rows)
        finally:
            self._loading = False
        if len(rows) < self.page_size:
            self.exhausted = True
        return len(rows)

    def _slide_forward(self, cursor: int) -> None:
        """The next page in, the oldest held rows out; the cursor stays on its row."""
        rows = self._rows_after(self.page_size)
        if len(rows) < self.page_size:
            self.exhausted = True
        if not rows:
            return
        held = self._held + rows
        drop = max(0, len(held) - self.WINDOW)
        top = cursor - round(self.scroll_y)
        self._show(self.first + drop, held[drop:], cursor - drop, top, self.at_start and not drop)

    def _slide_back(self, cursor: int) -> None:
        """The previous page in, rows at the far end out."""
        rows = self._rows_before(self.page_size)
        if not rows:
            return
        held = (rows + self._held)[: self.WINDOW]
        self.exhausted = self.exhausted and len(rows) + len(self._held) <= self.WINDOW
        top = cursor - round(self.scroll_y)
        at_start = len(rows) < self.page_size or self.first - len(rows) <= 0 and not self._keyed
        self._show(self.first - len(rows), held, cursor + len(rows), top, at_start)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if self._loading:
            return
        if new.row >= self.row_count - self.EDGE and not self.exhausted:
            if self.row_count + self.page_size <= self.WINDOW:
                self.load_more()
            else:
                self._slide_forward(new.row)
        elif new.row < self.EDGE and not self.at_start and new.row < old.row:
            self._slide_back(new.row)

    def action_scroll_bottom(self) -> None:
        """The list's end in one query (not every page on the way)."""
        if not self.exhausted:
            start, rows = self._last_rows(self.WINDOW)
            at_start = len(rows) < self.WINDOW or start == 0
            self._show(start or 0, rows, len(rows) - 1, None, at_start)
            self.exhausted = True
        self.move_cursor(row=max(self.row_count - 1, 0))
        self.scroll_end(animate=False, immediate=True)

    def action_scroll_top(self) -> None:
        if not self.at_start:
            self.reload()
        super().action_scroll_top()
        self.move_cursor(row=0)

    @property
    def position(self) -> int:
        """The cursor's place in the whole list (1 for its first row; 0 when empty).

        The scrollbar can only span the rows held (at most WINDOW), so the screens
        say this beside the list's SQL count instead: "row 12,345 of 200,000".
        """
        return self.first + self.cursor_row + 1 if self.row_count else 0

    @property
    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - an empty or refreshing table
            return None
        return str(key.value) if key.value is not None else None
