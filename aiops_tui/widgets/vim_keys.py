"""The list keys every list shares: `j`/`k` down and up, `g`/`G` first and last.

Page up/down and enter are the stock keys of DataTable and OptionList; `/` and
escape (filter, clear the filter) are the screen's where a list has a filter
bar (widgets/filter_bar.py). Ids are `<prefix>.down` and so on, so a keymap in
config.toml can rebind them.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from aiops_tui.widgets.fast_table import FastTable


def vim_bindings(prefix: str) -> list[BindingType]:
    """For a DataTable (its `scroll_top`/`scroll_bottom` move the cursor too)."""
    return _bindings(prefix, top="scroll_top", bottom="scroll_bottom")


def option_bindings(prefix: str) -> list[BindingType]:
    """For an OptionList (`first`/`last` move the highlight)."""
    return _bindings(prefix, top="first", bottom="last")


def _bindings(prefix: str, top: str, bottom: str) -> list[BindingType]:
    return [
        Binding("j", "cursor_down", "Down", show=False, id=f"{prefix}.down"),
        Binding("k", "cursor_up", "Up", show=False, id=f"{prefix}.up"),
        Binding("g", top, "First", show=False, id=f"{prefix}.top"),
        Binding("G", bottom, "Last", show=False, id=f"{prefix}.bottom"),
    ]


class ListTable(FastTable):
    """A table read as a list (row cursor), with the shared list keys."""

    BINDINGS = vim_bindings("list")
