"""What screens may ask of the app, written below app.py so they need not import it.

`AiopsApp` (app.py) builds on this class; screens and flows reach the store,
the acting person and `try_write` through it. The layers contract
(pyproject.toml) forbids screens to import app.py.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store
from aiops_tui.widgets.notices import notify_refused


class StoreApp(App[int]):
    """An app holding one open `Store`."""

    store: Store

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
