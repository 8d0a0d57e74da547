"""The yes/no question; it lives in widgets/confirm.py so forms can ask it too."""

from __future__ import annotations

from aiops_tui.widgets.confirm import ConfirmScreen

__all__ = ["ConfirmScreen"]
