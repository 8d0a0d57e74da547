"""The one way a refused write is told: a red notification that stays eight seconds.

A write can be refused for reasons the screen did not cause (another program
holds the lock, the disk is full, a rule says no); every screen says so the
same way, with the text shown as typed (never read as markup).
"""

from __future__ import annotations

from typing import Protocol

from textual.notifications import SeverityLevel

from aiops_tui.domain.text import inert


class Notifier(Protocol):
    """Anything Textual can notify from: the app, a screen or a widget."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...


def notify_refused(target: Notifier, message: str, title: str = "Not saved") -> None:
    """Say a write did not happen and why; `title` names what did not (saved, removed...)."""
    target.notify(inert(message), title=title, severity="error", timeout=8, markup=False)
