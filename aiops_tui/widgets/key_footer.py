"""Textual's Footer, rebuilt only when the keys it shows change, and styled once.

Textual's Footer rebuilds all its keys (a widget each) every time the screen
says its bindings changed: three times as the app starts, twice more on a
screen being left and three times on the screen being opened, although the
keys shown were the same each time. That was 20 ms of a 70 ms start. Here the
rebuilds asked for before the next refresh are one, and it is skipped when the
keys shown, their labels and their enabled state are what is already shown.
The keys are built as the screen mounts, so they are in its first frame.

Each new FooterKey also starts with `compact = True`, whose watcher adds the
`-compact` class (a restyle), and is then bound to the footer's
`compact = False`, which removes it (another restyle). Each key is given its
final value before it mounts (the footer's, or for the command-palette key,
which is not bound, its own default), class included, so the watcher finds
nothing to change. What is drawn is the same as Textual's Footer.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

UNBOUND_COMPACT = True
"""FooterKey's own default for `compact`, which the unbound palette key keeps."""


class KeyFooter(Footer):
    _shown: Hashable = None
    """What the keys on display were built from; None before the first build with keys."""
    _rebuild_pending = False

    def _keys_signature(self) -> Hashable:
        """Everything Footer.compose reads to build its keys."""
        palette_key = self.app.COMMAND_PALETTE_BINDING
        shown = tuple(
            (
                key,
                binding.key,
                binding.action,
                binding.description,
                binding.key_display,
                binding.tooltip,
                binding.group,
                enabled,
                tooltip,
            )
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            # Hidden keys draw nothing: a focused table's own keys do not rebuild the footer.
            if binding.show or key == palette_key
        )
        return (shown, self.compact, self.show_command_palette, self.combine_groups)

    async def build_keys(self) -> None:
        """Build the keys now: called as the screen mounts (`build_footer_keys`).

        Textual's Footer shows no keys until the screen first signals its bindings,
        after the first frame: the keys then arrive as a second layout and paint of
        the whole screen (10-20 ms of a start or a first visit). When the screen's
        Mount is handled, its on_mount has placed the focus, so the keys are the ones
        it will show, and its first frame is still to come.
        """
        if self._shown is not None or not self.is_attached:
            return  # built already
        self.set_reactive(Footer._bindings_ready, True)
        with self._context():  # as in the footer's own handlers: keys data_bind to it
            await self.recompose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached or self._keys_signature() == self._shown:
            return
        await self.recompose()

    def compose(self) -> ComposeResult:
        self._shown = self._keys_signature() if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Not `widget.compact`: reading a reactive before mount runs its watcher.
                bound = not widget.has_class("-command-palette")
                compact = self.compact if bound else UNBOUND_COMPACT
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget


async def build_footer_keys(screen: Screen) -> None:
    """Call from a screen's Mount handler, after its on_mount: see KeyFooter.build_keys."""
    for footer in screen.query(KeyFooter):
        await footer.build_keys()
