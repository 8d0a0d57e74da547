"""Checkboxes that say their state in characters when there is no colour (NO_COLOR).

Textual draws a checkbox as "▐X▌" whether it is ticked or not: only the colour
of the X tells them apart, so with NO_COLOR set every box looked ticked. These
draw `[x]` and `[ ]` instead when the app has no colour (Textual's `no_color`,
set from NO_COLOR), and Textual's own boxes otherwise.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList

TICKED, UNTICKED = "[x]", "[ ]"


class TickBox(Checkbox):
    """A Checkbox that reads `[x]` / `[ ]` without colour."""

    def on_mount(self) -> None:
        self._mark()

    def watch_value(self) -> None:
        super().watch_value()
        self._mark()

    def _mark(self) -> None:
        """The button's characters (Textual reads them from the instance at each render)."""
        if self.is_attached and self.app.no_color:
            self.BUTTON_LEFT, self.BUTTON_RIGHT = "[", "]"
            self.BUTTON_INNER = "x" if self.value else " "


class TickList(SelectionList[Any]):
    """A SelectionList whose boxes read `[x]` / `[ ]` without colour."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        if not self.app.no_color:
            return line
        index = round(self.scroll_offset.y) + y
        if index >= self.option_count:
            return line
        selected = self.get_option_at_index(index).value in self.selected
        box = line.crop(0, 3)  # Textual's "▐X▌", three cells wide
        style = next(iter(box), Segment("")).style
        marks = Strip([Segment(TICKED if selected else UNTICKED, style)])
        return Strip.join([marks, line.crop(3, line.cell_length)])
