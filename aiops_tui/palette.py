"""The command palette's own providers: the current screen's actions, and the data.

`ScreenActions` offers every key of the screen the palette was opened from
(its description, the screen's title and the key), so typing "add" on
Workflows finds its Add. `RecordSearch` looks records up by name in SQL
(`storage/search.py`: a LIKE with a LIMIT per kind, fast on a large file) and
opens the one chosen as the Change log does (`screens/open_record.py`).
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.command import Hit, Hits, Provider
from textual.content import Content

from aiops_tui.screens.open_record import open_record

if TYPE_CHECKING:
    from aiops_tui.storage.store import Store

MOVEMENT = ("cursor_", "scroll_", "page_")
"""Actions that move within a list: keys for the hand, not the palette."""

KIND_WORDS = {
    "workflow": "Workflow",
    "prompt": "Prompt",
    "review": "Review item",
    "person": "Person",
    "tool": "Tool",
    "ritual": "Ritual",
}


class ScreenActions(Provider):
    """Every described key of the calling screen and its focused widget (the app's own
    keys are the system commands)."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = self.app
        title_of = getattr(app, "screen_title", None)
        title = title_of(self.screen) if callable(title_of) else type(self.screen).__name__
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding, node = active.binding, active.node
            if node is app or not binding.description or not active.enabled:
                continue
            if binding.action.startswith(MOVEMENT) or binding.action in seen:
                continue
            seen.add(binding.action)
            text = f"{binding.description} ({title})"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(app.run_action, binding.action, node),
                    text=text,
                    help=f"key {app.get_key_display(binding)}",
                )


class RecordSearch(Provider):
    """Workflows, prompts, review items, people, tools and rituals by name."""

    async def search(self, query: str) -> Hits:
        store: Store | None = getattr(self.app, "store", None)
        if store is None or len(query.strip()) < 2:
            return
        found = await asyncio.to_thread(store.search.by_name, query)
        matcher = self.matcher(query)
        for record in found:
            score = matcher.match(record.name) or 0.01  # LIKE matched: never hidden
            kind = KIND_WORDS[record.kind]
            display = Content.assemble((f"{kind}: ", "dim"), matcher.highlight(record.name))
            yield Hit(
                score,
                display,
                partial(self._open, store, record.kind, record.id),
                text=f"{kind}: {record.name}",
                help=f"open this {kind.lower()}",
            )

    async def _open(self, store: Store, kind: str, record_id: int) -> None:
        app: App[object] = self.app
        why = await open_record(app, store, kind, record_id)
        if why:
            app.notify(f"Nothing to open: {why}.", markup=False)
