"""The title line at the top of every screen: what Textual's Header draws, in one widget.

Textual's Header is four widgets (itself, an icon, the title and a clock
space), each with its own stylesheet to parse and apply, and it fills the title
from watchers after the first frame (four more layouts). At 120x40 that was
9 ms of a 75 ms start, for one line that never changes while the app runs.
This draws the same line (the icon, then the title centred between the icon
and a clock-sized space, as Header lays them out) from one render, and
clicking the icon still opens the command palette.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

from aiops_tui.widgets.safe_text import display_safe

ICON = "⭘"
ICON_WIDTH = 8
"""Header's icon: 8 cells, the icon after one cell of padding."""
CLOCK_WIDTH = 10
"""Header's clock space, on the right, kept so the title is centred where Header put it."""


PERSON_MAX = 28
"""Cells for who is acting, on the right; a longer name is cut with …"""


def person_part(person: str) -> Content:
    """Who is acting, right-aligned where Header keeps its clock: 'as Ana Ruiz '."""
    if not person:
        return Content(" " * CLOCK_WIDTH)
    shown = Content.assemble(("as ", "dim"), (person, "bold")).truncate(
        PERSON_MAX - 1, ellipsis=True
    )
    return shown.pad(max(0, CLOCK_WIDTH - 1 - shown.cell_length), 1)


def title_line(title: Content, width: int, person: str = "") -> Content:
    """The whole line for `width` cells: icon, centred title, who is acting (cut with …)."""
    right = person_part(person)
    space = max(0, width - ICON_WIDTH - right.cell_length)
    shown = title.truncate(space, ellipsis=True)
    left = (space - shown.cell_length) // 2
    return Content.assemble(
        f" {ICON}".ljust(ICON_WIDTH),
        shown.pad(left, space - shown.cell_length - left),
        right,
    )


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._redraw, init=False)
            self.watch(node, "sub_title", self._redraw, init=False)
        if hasattr(self.app, "person"):  # the aiops app; tests may mount this elsewhere
            self.watch(self.app, "person", self._redraw, init=False)

    def _redraw(self) -> None:
        self.refresh()

    def title(self) -> Content:
        """As Header shows it: the screen's title and sub-title, else the app's."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> Content:
        person = str(getattr(self.app, "person", "") or "")
        return title_line(self.title(), self.size.width, display_safe(person))

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
