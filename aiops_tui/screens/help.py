"""`?`: the keys of the screen you are on, read from its live bindings.

Every key that does something here is listed: the screen's, its focused
widget's and the app's own (`q`, `1`-`6`, `?`). Keys sharing an action are
one line ("↓ j  Down"). The list scrolls with j/k and the arrows at once.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, Static

from aiops_tui.widgets.fast_table import FastTable


def screen_keys(screen: Screen) -> list[tuple[str, str, str]]:
    """(keys, what they do, binding id) for every active key of `screen`, app keys included."""
    rows: dict[tuple[int, str], list[str]] = {}
    described: dict[tuple[int, str], str] = {}
    ids: dict[tuple[int, str], str] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description:
            continue
        what = (id(active.node), binding.action)  # one action of one widget: one line
        display = screen.app.get_key_display(binding)
        if display not in rows.setdefault(what, []):
            rows[what].append(display)
        described.setdefault(what, binding.description)
        if binding.id and not ids.get(what):
            ids[what] = binding.id
    return [(" ".join(keys), described[what], ids.get(what, "")) for what, keys in rows.items()]


class HelpScroll(VerticalScroll):
    """Focused as the help opens, so j/k and the arrows scroll it straight away."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="help.down"),
        Binding("k", "scroll_up", "Up", show=False, id="help.up"),
        Binding("g", "scroll_home", "Top", show=False, id="help.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="help.bottom"),
    ]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]
    AUTO_FOCUS = "HelpScroll"
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > HelpScroll {
        width: 80; max-width: 100%; max-height: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    HelpScreen DataTable { margin-top: 1; }
    HelpScreen .hint { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, title: str, intro: str, keys: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.intro = intro
        self.keys = keys

    def compose(self) -> ComposeResult:
        with HelpScroll():
            yield Markdown(f"## {self.title_text}\n\n{self.intro}")
            table = FastTable(cursor_type="none", zebra_stripes=True)
            table.can_focus = False  # the scroller keeps the focus, so j/k scroll
            # every row, the scroller scrolling them (the app's styles give tables 1fr)
            table.styles.height = "auto"
            table.styles.max_height = None
            table.add_columns("Key", "Action", Text("Id (for [keys] in config.toml)"))
            # The app's own keys (they have ids) first; the widgets' built-in ones after.
            ordered = sorted(self.keys, key=lambda k: not k[2])
            for key, description, binding_id in ordered:
                table.add_row(Text(key), Text(description), Text(binding_id))
            yield table
            yield Static(
                Text(
                    "j/k or the arrows scroll; escape, q or ? closes."
                    " Keys can be rebound in config.toml under [keys]."
                ),
                classes="hint",
            )
