"""`?`: the keys of the screen you are on, read from its live bindings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from aiops_tui.widgets.fast_table import FastTable


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; max-height: 90%; height: auto;
        border: round $primary; background: $surface; padding: 1 2;
    }
    HelpScreen DataTable { height: auto; margin-top: 1; }
    HelpScreen .hint { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, title: str, intro: str, keys: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.intro = intro
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(f"## {self.title_text}\n\n{self.intro}")
            table = FastTable(cursor_type="none", zebra_stripes=True)
            table.add_columns("Key", "Action", Text("Id (for [keys] in config.toml)"))
            # The app's own keys (they have ids) first; the widgets' built-in ones after.
            ordered = sorted(self.keys, key=lambda k: not k[2])
            for key, description, binding_id in ordered:
                table.add_row(Text(key), Text(description), Text(binding_id))
            yield table
            yield Static(
                Text("escape closes. Keys can be rebound in config.toml under [keys]."),
                classes="hint",
            )
