"""How a table's columns share its width: shrink the descriptive ones, then drop."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from aiops_tui.widgets.column_fit import ColumnFit, fit_widths


def test_columns_that_fit_keep_what_they_want() -> None:
    columns = [ColumnFit(10, 4), ColumnFit(5), ColumnFit(8)]
    assert fit_widths(columns, 29, 1) == [10, 5, 8]


def test_the_descriptive_columns_shrink_widest_first() -> None:
    columns = [ColumnFit(20, 8), ColumnFit(10), ColumnFit(12, 8)]
    # 42 cells of text + 6 of padding; 38 available: 10 to give, from the widest first.
    assert fit_widths(columns, 38, 1) == [11, 10, 11]


def test_the_lowest_priority_drops_when_shrinking_is_not_enough() -> None:
    columns = [ColumnFit(20, 10, 9), ColumnFit(10, None, 1), ColumnFit(10, None, 5)]
    assert fit_widths(columns, 30, 1) == [16, None, 10]


def test_of_equal_priority_the_rightmost_drops_first() -> None:
    columns = [ColumnFit(10), ColumnFit(10), ColumnFit(10)]
    assert fit_widths(columns, 25, 1) == [10, 10, None]


def test_the_first_column_never_drops_but_narrows() -> None:
    assert fit_widths([ColumnFit(30, None, 0), ColumnFit(5, None, 9)], 12, 1) == [10, None]


@given(
    st.lists(
        st.tuples(st.integers(1, 40), st.none() | st.integers(1, 40), st.integers(-3, 9)),
        min_size=1,
        max_size=10,
    ),
    st.integers(3, 200),
)
def test_the_columns_always_fit(specs: list[tuple[int, int | None, int]], available: int) -> None:
    columns = [ColumnFit(want, min_width, priority) for want, min_width, priority in specs]
    widths = fit_widths(columns, available, 1)
    shown = [w for w in widths if w is not None]
    assert widths[0] is not None
    assert sum(shown) + 2 * len(shown) <= available
    for index, (column, width) in enumerate(zip(columns, widths, strict=True)):
        if width is not None and index:
            assert column.floor <= width <= column.want
