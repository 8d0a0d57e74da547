"""What screens may ask of the app, written below app.py so they need not import it.

`AiopsApp` (app.py) builds on this class; screens and flows reach the store,
the acting person and `try_write` through it. The layers contract
(pyproject.toml) forbids screens to import app.py.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen

from aiops_tui.config import ConfigError, save_setting
from aiops_tui.domain.undo import UndoEntry
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store
from aiops_tui.widgets.notices import notify_refused


class Undone(Message):
    """ctrl+z took a change back: posted to the screen on top, for what it keeps in
    memory besides the data it re-reads (the weekly review's record of what it did)."""

    def __init__(self, entry: UndoEntry) -> None:
        super().__init__()
        self.entry = entry


class StoreApp(App[int]):
    """An app holding one open `Store`."""

    store: Store
    person: reactive[str] = reactive("", init=False)
    """Who is acting (the store's actor), watched by the title bar."""
    ask_identity = False
    """Nobody is named in config.toml yet: ask who is acting at start."""

    @property
    def user(self) -> str:
        """The person the app acts as (recorded on every change)."""
        return self.store.actor

    def try_write(self, write: Callable[[], object]) -> bool:
        """Run a store write from a key or button; a refusal becomes a notification.

        Writes can fail for reasons the screen did not cause (another program
        holds the lock, the disk is full); the app says so and keeps running,
        and the transaction has rolled back, so nothing is half written.
        Returns whether the write happened.
        """
        try:
            write()
        except StoreError as error:
            notify_refused(self, str(error))
            return False
        return True

    def set_person(self, name: str) -> bool:
        """Act as `name` from now on, and save it in config.toml for the next start.

        Every decision, tick, completion and change-log entry reads the store's
        actor, so this one assignment is the switch. Returns whether it changed.
        """
        name = " ".join(name.split())
        if not name:
            return False
        self.store.db.actor = name
        self.person = name
        self.ask_identity = False
        try:
            save_setting("user", name)
        except ConfigError as error:
            self.notify(
                f"Acting as {name} until you quit; {error}",
                title="Not saved",
                severity="warning",
                timeout=8,
                markup=False,
            )
        self.refresh_current()
        return True

    def refresh_current(self) -> None:
        """Show fresh data on the current screen (the app redraws its top screen)."""

    def action_switch_person(
        self, then: Callable[[str], None] | None = None, hint: str = ""
    ) -> None:
        """Ask who is acting (pick a person or type a name); `then(name)` once switched."""
        from aiops_tui.screens.identity import IdentityScreen

        if then is None and isinstance(self.screen, ModalScreen):
            return  # not over a form or dialog: it would hide what is being typed
        people = [p.name for p in self.store.people.all_rows() if p.active]

        def chosen(name: str | None) -> None:
            if name and self.set_person(name):
                self.notify(f"Acting as {name}.", markup=False)
                if then is not None:
                    then(name)

        self.push_screen(IdentityScreen(people, self.user, hint), chosen)
