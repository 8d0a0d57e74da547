"""Textual's Footer, rebuilt only when the keys it shows change, and cut between keys.

Textual's Footer rebuilds all its keys (a widget each) every time the screen
says its bindings changed: several times as a screen opens, although the keys
shown were the same each time. Here a signal whose keys, labels and enabled
state are what is already shown is ignored. Only public Footer API is used
(`bindings_changed`, `compose`), so an upgrade of Textual at worst brings the
extra rebuilds back.

At 80 cells a screen's keys did not fit: the footer cut the last one shown
mid-word ("x Reviewe"). Here the keys that do not fit are hidden whole, the
least important first: `q` (help lists it), then the screen's keys from the
right (a screen declares its keys most important first). `?` always stays, so
every key is one press away.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual import events
from textual.app import ComposeResult
from textual.geometry import Size
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

    KEEP: frozenset[str] = frozenset({"question_mark"})
    """Keys never hidden: help lists all the others."""
    FIRST_TO_GO: tuple[str, ...] = ("q",)
    """Keys hidden before the screen's own, when not all fit."""

    async def recompose(self) -> None:
        await super().recompose()
        self.fit_keys()

    def on_resize(self, event: events.Resize) -> None:
        self.fit_keys()

    def fit_keys(self) -> None:
        """Show the most important keys that fit the footer's width, each whole."""
        # By the type's name: Textual exports FooterKey from a private module only.
        keys = list(self.query_children("FooterKey"))
        palette = [key for key in keys if key.has_class("-command-palette")]
        keys = [key for key in keys if key not in palette]
        if not keys or not self.size.width:
            return
        available = self.size.width - sum(_width(key) for key in palette)
        shown = set(keys)
        for key in _drop_order(keys, self.KEEP, self.FIRST_TO_GO):
            if sum(_width(k) for k in shown) <= available:
                break
            shown.discard(key)
        for key in keys:
            key.display = key in shown


def _width(key: Widget) -> int:
    """Cells a key takes in the footer: its text, padding, border and margin."""
    size = Size(0, 0)
    styles = key.styles
    return key.get_content_width(size, size) + styles.gutter.width + styles.margin.width


def _drop_order(keys: list[Widget], keep: frozenset[str], first: tuple[str, ...]) -> list[Widget]:
    """The keys that may be hidden, least important first (a FooterKey's `key` is the
    key's name, as bound)."""
    names = {key: getattr(key, "key", "") for key in keys}
    early = [key for name in first for key in keys if names[key] == name]
    rest = [key for key in reversed(keys) if names[key] not in keep and key not in early]
    return early + rest
