"""The `/` filter line that sits above a list: hidden until asked for."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class FilterBar(Input):
    """Typing filters live; enter keeps the filter and returns to the list; escape clears it."""

    BINDINGS = [Binding("escape", "clear_and_leave", "Clear filter", id="filter.clear")]

    DEFAULT_CSS = """
    FilterBar { display: none; border: tall $accent; height: 3; }
    FilterBar.-shown { display: block; }
    """

    def open(self) -> None:
        self.add_class("-shown")
        self.focus()

    def action_clear_and_leave(self) -> None:
        self.value = ""
        self.remove_class("-shown")
        self.screen.focus_next()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not self.value:
            self.remove_class("-shown")
        self.screen.focus_next()
