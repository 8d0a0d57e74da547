"""Textual's Footer, without restyling each key twice every time it is rebuilt.

The footer rebuilds its keys whenever the screen's bindings change (on every
screen switch and most focus moves). Each new FooterKey starts with
`compact = True`, whose watcher adds the `-compact` class (a restyle), and is
then bound to the footer's `compact = False`, which removes it (another
restyle). With a dozen keys that was about a third of the time a screen took
to open. Here each key is given its final value before it mounts (the
footer's, or for the command-palette key, which is not bound, its own
default), class included, so the watcher finds nothing to change. What is
drawn is the same.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

UNBOUND_COMPACT = True
"""FooterKey's own default for `compact`, which the unbound palette key keeps."""


class KeyFooter(Footer):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Not `widget.compact`: reading a reactive before mount runs its watcher.
                bound = not widget.has_class("-command-palette")
                compact = self.compact if bound else UNBOUND_COMPACT
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget
