"""What every top-level screen shares: the store, the clock and a refresh hook."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, ClassVar

from textual.screen import Screen

from aiops_tui.screens.styles import ScreenStyles
from aiops_tui.storage.db import DatabaseError
from aiops_tui.widgets.notices import notify_refused

if TYPE_CHECKING:
    from aiops_tui.screens.store_app import StoreApp
    from aiops_tui.storage.store import Store


class AppScreen(ScreenStyles, Screen):
    """A top-level screen. `HELP` is the paragraph shown above the keys in `?`;
    `STYLES` its .tcss file (see styles.py)."""

    HELP: ClassVar[str | None] = ""

    @property
    def aiops(self) -> StoreApp:
        return self.app  # type: ignore[return-value]

    @property
    def store(self) -> Store:
        return self.aiops.store

    _left = False
    _shown_at: tuple[object, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Every screen's `refresh_data` notes the data stamp it read at (see on_screen_resume)."""
        super().__init_subclass__(**kwargs)
        read = cls.__dict__.get("refresh_data")
        if read is None:
            return

        @functools.wraps(read)
        def refresh_data(self: AppScreen) -> None:
            self._shown_at = self.data_stamp()  # before reading: a write meanwhile shows next time
            read(self)

        cls.refresh_data = refresh_data  # type: ignore[method-assign]

    def data_stamp(self) -> tuple[object, ...]:
        """Changes whenever what a screen shows could have: the data
        (`Database.data_stamp`) or the clock's minute (ages and due dates)."""
        db = self.store.db
        return (*db.data_stamp(), db.clock().isoformat(timespec="minutes"))

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self) -> None:
        """Data may have changed on another screen (or in another process) while we were away.

        Only after the screen was left: a new screen has just read its data in
        on_mount, and Textual resumes it twice more on the way in, which made the
        first visit to every screen read everything three times. Nor when
        nothing changed since the screen last read: at 10,000 workflows
        re-reading and redrawing a screen cost 100-500 ms for the same rows.
        """
        if self._left:
            self._left = False
            if self.data_stamp() != self._shown_at:
                self.refresh_guarded()

    def refresh_guarded(self) -> None:
        """refresh_data, but a read the database refuses (a schema lock) is said, not raised."""
        try:
            self.refresh_data()
        except DatabaseError as error:
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
        notify_refused(self, message)
