"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its keys (a widget each) every time the screen
says its bindings changed: several times as a screen opens, although the keys
shown were the same each time. Here a signal whose keys, labels and enabled
state are what is already shown is ignored. Only public Footer API is used
(`bindings_changed`, `compose`), so an upgrade of Textual at worst brings the
extra rebuilds back.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


class KeyFooter(Footer):
    _shown: Hashable = None
    """What the keys on display were built from; None before the first build with keys."""

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

    def bindings_changed(self, screen: Screen) -> None:
        if (
            self._shown is not None
            and self.is_attached
            and screen is self.screen
            and self._keys_signature() == self._shown
        ):
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        keys: list[Widget] = list(super().compose())
        self._shown = self._keys_signature() if keys else None
        yield from keys
