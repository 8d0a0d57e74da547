"""Textual's Header, with its title in the first frame and redrawn only when it changes.

Textual's Header composes an empty title and fills it from four watchers (the
app's and the screen's title and sub-title) once it has mounted: after the
first frame, as four layouts of the screen and a second paint of the header
line. Here the title is composed with its text, and setting the same text
again changes nothing. What is drawn is the same as Textual's Header.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


def _same(a: VisualType, b: VisualType) -> bool:
    """Content's own == compares the text only: a change of style is a change too."""
    if isinstance(a, Content) and isinstance(b, Content):
        return a.plain == b.plain and a.spans == b.spans
    return isinstance(a, str) and isinstance(b, str) and a == b


class SteadyTitle(HeaderTitle):
    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        if _same(content, self.content):
            return
        super().update(content, layout=layout)


class AppHeader(Header):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, HeaderTitle):
                widget = SteadyTitle(self.format_title())
            yield widget
