"""The `/` filter line that sits above a list: hidden until asked for.

`FilterKeys` gives a list screen its `/` and escape: escape clears the filter
from the list as well as from the line itself (after `enter` the focus is back
on the list, and the filter stays until escape).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
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

    def show_filter(self, text: str) -> None:
        """Filter by `text` without taking the focus (the dashboard opens a list this way)."""
        self.value = text
        self.set_class(bool(text), "-shown")

    def action_clear_and_leave(self) -> None:
        self.value = ""
        self.remove_class("-shown")
        if self.has_focus:
            self._back_to_list()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not self.value:
            self.remove_class("-shown")
        self._back_to_list()

    def _back_to_list(self) -> None:
        """The list the filter narrows takes the focus: the widget after the bar, unless
        the screen names it (`focus_list`: on Team it is inside the tab showing)."""
        focus_list = getattr(self.screen, "focus_list", None)
        if callable(focus_list):
            focus_list()
        else:
            self.screen.focus_next()


def filter_bindings(prefix: str) -> list[Binding]:
    """`/` opens the filter; escape clears it (only offered while a filter is set)."""
    return [
        Binding("slash", "filter", "Filter", id=f"{prefix}.filter"),
        Binding("escape", "clear_filter", "Clear filter", id=f"{prefix}.clear_filter"),
    ]


class FilterKeys(Screen):
    """Mixed into a list screen with a FilterBar: its actions for `filter_bindings`."""

    def action_filter(self) -> None:
        self.query_one(FilterBar).open()

    def action_clear_filter(self) -> None:
        self.query_one(FilterBar).action_clear_and_leave()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape is free for others (and out of the footer) while there is no filter."""
        if action == "clear_filter":
            return any(bar.value for bar in self.query(FilterBar))
        return super().check_action(action, parameters)

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FilterBar):
            self.refresh_bindings()
