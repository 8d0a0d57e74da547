"""What every top-level screen shares: the store, the clock and a refresh hook."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from aiops_tui.app import AiopsApp
    from aiops_tui.storage.store import Store


class AppScreen(Screen):
    """A top-level screen. `HELP` is the paragraph shown above the keys in `?`."""

    HELP: str = ""

    @property
    def aiops(self) -> AiopsApp:
        return self.app  # type: ignore[return-value]

    @property
    def store(self) -> Store:
        return self.aiops.store

    _left = False

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self) -> None:
        """Data may have changed on another screen (or in another process) while we were away.

        Only after the screen was left: a new screen has just read its data in
        on_mount, and Textual resumes it twice more on the way in, which made the
        first visit to every screen read everything three times.
        """
        if self._left:
            self._left = False
            self.refresh_guarded()

    def refresh_guarded(self) -> None:
        """refresh_data, but a read the database refuses (a schema lock) is said, not raised."""
        try:
            self.refresh_data()
        except sqlite3.Error as error:
            self.notify(
                f"Could not read the database ({error}); the screen shows what it had."
                " Try again in a moment.",
                title="Not refreshed",
                severity="error",
                timeout=8,
            )

    def refresh_data(self) -> None:
        """Re-read what the screen shows from the database."""

    def notify_error(self, message: str) -> None:
        self.notify(message, title="Not saved", severity="error", timeout=8, markup=False)
