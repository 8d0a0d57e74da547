"""`d`: a coloured unified diff between two versions of one prompt.

Opens on production against the selected version; either side can be
changed to any other version, since a change note is only trusted when the
change itself is visible.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Select, Static

from aiops_tui.domain.text import unified_diff
from aiops_tui.storage.store import Store
from aiops_tui.widgets.prompt_text import coloured_diff
from aiops_tui.widgets.safe_text import display_safe


class PromptDiffScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close", id="diff.close")]
    DEFAULT_CSS = """
    PromptDiffScreen { align: center middle; }
    PromptDiffScreen > Vertical {
        width: 95%; height: 90%; border: round $primary; background: $surface; padding: 0 1;
    }
    PromptDiffScreen #diff-title { text-style: bold; }
    PromptDiffScreen Horizontal { height: auto; }
    PromptDiffScreen Horizontal Label { padding: 1 1 0 0; }
    PromptDiffScreen Select { width: 30; }
    PromptDiffScreen VerticalScroll { height: 1fr; border: round $primary-muted; }
    PromptDiffScreen .hint { color: $text-muted; }
    """

    def __init__(self, store: Store, prompt_id: int, old: int, new: int) -> None:
        super().__init__()
        self.store = store
        self.prompt_id = prompt_id
        self.old = old
        self.new = new

    def compose(self) -> ComposeResult:
        prompt = self.store.prompts.get(self.prompt_id)
        labels = self.store.prompts.labels(self.prompt_id)
        tags: dict[int, list[str]] = {}
        for label, number in labels.items():
            tags.setdefault(number, []).append(label)
        options = [
            (
                f"v{v.number}" + (f" ({', '.join(tags[v.number])})" if v.number in tags else ""),
                v.number,
            )
            for v in self.store.prompts.versions(self.prompt_id)
        ]
        with Vertical():
            name = display_safe(prompt.name) if prompt else "?"
            yield Static(Text(f"Diff of {name}"), id="diff-title")
            with Horizontal():
                yield Label("from")
                yield Select(options, value=self.old, allow_blank=False, id="diff-old")
                yield Label("  to")
                yield Select(options, value=self.new, allow_blank=False, id="diff-new")
            with VerticalScroll():
                yield Static(id="diff-body")
            yield Static("escape closes; tab to a version picker to compare others", classes="hint")

    def on_mount(self) -> None:
        self.show_diff()
        self.query_one(VerticalScroll).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, int):
            if event.select.id == "diff-old":
                self.old = event.value
            else:
                self.new = event.value
            self.show_diff()

    def show_diff(self) -> None:
        old = self.store.prompts.version(self.prompt_id, self.old)
        new = self.store.prompts.version(self.prompt_id, self.new)
        if old is None or new is None:
            return
        lines = unified_diff(old.body, new.body, f"v{old.number}", f"v{new.number}")
        safe = [display_safe(line) for line in lines]
        self.query_one("#diff-body", Static).update(coloured_diff(safe))
