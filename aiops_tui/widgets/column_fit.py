"""How a table's columns share the width it has: shrink the descriptive ones, then drop.

At 80 columns most of our tables want more room than there is. Cut at the
table's edge, the columns that matter most (a ritual's next due date, how long
a draft has waited, whose sign-off it needs) were the ones hidden, since they
sit on the right. Here each column says what it can give up:

- `min_width`: a descriptive column (a name, a summary, a note) may shrink to
  this many cells; its cells are then cut with "…". None: never shrinks.
- `priority`: when shrinking is not enough, the column with the lowest
  priority is dropped first (the rightmost of equals), then the next.

Pure arithmetic, so it is tested without a screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnFit:
    """What one column wants and what it can give up."""

    want: int
    """Cells of text it would like (its content's width, or the width it declares)."""
    min_width: int | None = None
    """It may shrink to this many cells; None: never shrinks."""
    priority: int = 0
    """Higher stays longer; the lowest is dropped first when shrinking is not enough."""

    @property
    def floor(self) -> int:
        return self.want if self.min_width is None else min(self.want, self.min_width)


def _shrink(widths: list[int], floors: list[int], excess: int) -> int:
    """Take `excess` cells from the widest columns above their floor, one at a time, so
    the shrinkable columns end up evenly wide; returns what could not be taken."""
    while excess > 0:
        candidates = [i for i, (w, f) in enumerate(zip(widths, floors, strict=True)) if w > f]
        if not candidates:
            return excess
        widest = max(candidates, key=lambda i: (widths[i], i))
        widths[widest] -= 1
        excess -= 1
    return 0


def fit_widths(columns: Sequence[ColumnFit], available: int, padding: int) -> list[int | None]:
    """Each column's width in cells of text (None: dropped) so that the columns, each with
    `padding` cells either side, fit in `available` cells.

    The first column is never dropped; if it alone does not fit, it is narrowed.
    """
    shown = list(range(len(columns)))
    while True:
        widths = [columns[i].want for i in shown]
        floors = [columns[i].floor for i in shown]
        excess = sum(widths) + 2 * padding * len(shown) - available
        left = _shrink(widths, floors, excess)
        if left <= 0:
            break
        droppable = [i for i in shown if i != 0]
        if not droppable:
            widths[0] = max(1, widths[0] - left)
            break
        drop = min(droppable, key=lambda i: (columns[i].priority, -i))
        shown.remove(drop)
    result: list[int | None] = [None] * len(columns)
    for index, width in zip(shown, widths, strict=True):
        result[index] = width
    return result
