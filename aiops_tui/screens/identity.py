"""Who is acting: pick a person (or type a name), and the refusal that offers to switch.

One app-wide identity is used by every decision, tick, completion and
change-log entry. It is asked at first start and changed with `u` anywhere;
these are the two dialogs for that.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from aiops_tui.widgets.safe_text import safe_block, safe_cell
from aiops_tui.widgets.vim_keys import vim_bindings

NAME_MAX = 200


class PeopleList(OptionList):
    BINDINGS = vim_bindings("identity")


class IdentityScreen(ModalScreen[str | None]):
    """`dismiss(name)`: a person picked from the list or a name typed below it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="identity.cancel")]
    DEFAULT_CSS = """
    IdentityScreen { align: center middle; }
    IdentityScreen > Vertical {
        width: 64; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    IdentityScreen .identity-title { text-style: bold; padding-bottom: 1; }
    IdentityScreen .identity-hint { color: $warning; padding-bottom: 1; }
    IdentityScreen .identity-keys { color: $text-muted; padding-top: 1; }
    IdentityScreen OptionList { height: auto; max-height: 14; }
    """

    def __init__(self, people: Sequence[str], current: str = "", hint: str = "") -> None:
        super().__init__()
        self.people = list(people)
        self.current = current
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Who is acting?", classes="identity-title")
            if self.hint:
                yield Static(self.hint, classes="identity-hint", markup=False)
            if self.people:
                yield PeopleList(*[Option(safe_cell(name)) for name in self.people])
            yield Input(id="identity-name", placeholder="or type a name", max_length=NAME_MAX)
            yield Static("enter choose · tab to type a name · esc cancel", classes="identity-keys")

    def on_mount(self) -> None:
        if not self.people:
            self.query_one(Input).focus()
            return
        people = self.query_one(PeopleList)
        folded = [name.casefold() for name in self.people]
        current = self.current.strip().casefold()
        people.highlighted = folded.index(current) if current in folded else 0
        people.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.people[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = " ".join(event.value.split())
        if name:
            self.dismiss(name)
        else:
            self.notify("Type a name, or pick one from the list.", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)


class SignoffRefusal(ModalScreen[bool]):
    """Approval refused for someone else's sign-off: says who, and `u` switches to them.

    `dismiss(True)` means "act as the sign-off person and go on approving".
    """

    BINDINGS = [
        Binding("u", "answer(True)", "Switch", id="signoff.switch"),
        Binding("escape,n", "answer(False)", "Cancel", id="signoff.cancel"),
    ]
    DEFAULT_CSS = """
    SignoffRefusal { align: center middle; }
    SignoffRefusal > Vertical {
        width: 64; height: auto; border: round $error; background: $surface; padding: 1 2;
    }
    SignoffRefusal .signoff-keys { color: $text-muted; padding-top: 1; }
    """

    def __init__(self, reason: str, signer: str, acting: str) -> None:
        super().__init__()
        self.reason = reason
        self.signer = signer
        self.acting = acting

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                safe_block(f"Not approved: {self.reason}. You are acting as {self.acting}."),
                markup=False,
            )
            yield Static(
                safe_block(f"u act as {self.signer} and approve · esc cancel"),
                classes="signoff-keys",
                markup=False,
            )

    def action_answer(self, switch: bool) -> None:
        self.dismiss(switch)
