"""`j` / `k` movement for any list widget, with ids a keymap can rebind."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def vim_bindings(prefix: str) -> list[BindingType]:
    """Down/up on j/k, hidden from the footer; ids are `<prefix>.down` / `<prefix>.up`."""
    return [
        Binding("j", "cursor_down", "Down", show=False, id=f"{prefix}.down"),
        Binding("k", "cursor_up", "Up", show=False, id=f"{prefix}.up"),
    ]
