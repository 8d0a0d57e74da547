"""Pick one of a few values from a list: a typed modal for keyboard-only choices.

Used where a founder must say something small before going on (who is
deciding, which workflow to show): arrows or j/k to move, enter to choose,
escape to leave the choice as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from aiops_tui.widgets.safe_text import safe_cell
from aiops_tui.widgets.vim_keys import option_bindings

T = TypeVar("T")


class PickList(OptionList):
    BINDINGS = option_bindings("pick")


class PickScreen(ModalScreen[T | None], Generic[T]):
    """`dismiss(value)` of the chosen option, or `dismiss(None)` on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]
    DEFAULT_CSS = """
    PickScreen { align: center middle; }
    PickScreen > Vertical {
        width: 64; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    PickScreen .pick-title { text-style: bold; padding-bottom: 1; }
    PickScreen .pick-hint { color: $warning; padding-bottom: 1; }
    PickScreen .pick-keys { color: $text-muted; padding-top: 1; }
    PickScreen OptionList { height: auto; max-height: 16; }
    """

    def __init__(
        self,
        title: str,
        options: Sequence[tuple[str, T]],
        selected: T | None = None,
        hint: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.options = list(options)
        self.selected = selected
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="pick-title", markup=False)
            if self.hint:
                yield Static(self.hint, classes="pick-hint", markup=False)
            yield PickList(
                *[Option(safe_cell(label), id=str(i)) for i, (label, _) in enumerate(self.options)],
                id="pick-list",
            )
            yield Static("enter choose · esc cancel", classes="pick-keys")

    def on_mount(self) -> None:
        option_list = self.query_one(PickList)
        values = [value for _, value in self.options]
        if self.selected in values:
            option_list.highlighted = values.index(self.selected)
        elif values:
            option_list.highlighted = 0
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.options[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
