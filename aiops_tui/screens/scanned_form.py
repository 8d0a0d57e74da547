"""A FormScreen whose save runs the safety scan first.

Forbidden data (per the prompt's data rules) is refused in the form with the
reason; anything else the scan finds is a warning: a notification and a
yes/no question before saving. The store refuses forbidden data again, so
the CLI and other callers cannot skip the rule.
"""

from __future__ import annotations

from typing import Any, TypeVar

from aiops_tui.domain.prompt_rules import describe
from aiops_tui.domain.safety import Finding
from aiops_tui.screens.confirm import ConfirmScreen
from aiops_tui.widgets.form import FormScreen

T = TypeVar("T")


class ScannedForm(FormScreen[T]):
    """Subclasses implement `precheck(values)` (raise to refuse, return warnings) and `submit`."""

    def precheck(self, values: dict[str, Any]) -> list[Finding]:
        raise NotImplementedError

    def action_save(self) -> None:
        ok, warnings = self.checked(self.precheck)
        if not ok:
            return
        if not warnings:
            super().action_save()
            return
        listed = "\n".join(f"• {describe(f)}" for f in warnings[:8])
        more = f"\n• and {len(warnings) - 8} more" if len(warnings) > 8 else ""
        self.notify(
            f"{len(warnings)} finding(s): check before saving.",
            title="Looks like secrets or personal data",
            severity="warning",
            timeout=8,
        )
        self.app.push_screen(
            ConfirmScreen(
                f"The safety scan found text that looks like secrets or personal data:\n\n"
                f"{listed}{more}\n\nSave this version anyway?",
                yes="Save anyway (y)",
                no="Go back (n)",
            ),
            self._confirmed,
        )

    def _confirmed(self, yes: bool | None) -> None:
        if yes:
            FormScreen.action_save(self)
