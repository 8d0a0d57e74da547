"""Offer to write one Markdown document after a ritual: where to (escape skips it).

The weekly review offers its summary this way, and completing the quarterly
audit ritual offers the audit. The document is rendered only when the person
accepts, checked (export.structure) and written atomically; a path that
cannot be written is refused beside the field and the form stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiops_tui.export.structure import write_markdown
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.writer import ExportError
from aiops_tui.widgets.form import FormField, FormScreen


class MarkdownFileForm(FormScreen[Path]):
    """Dismisses with the absolute path written, or None when skipped."""

    def __init__(
        self,
        produce: Callable[[], str],
        default_path: str,
        title: str,
        what: str,
        forbid: Path | None = None,
    ) -> None:
        super().__init__()
        self.produce = produce
        self.default_path = default_path
        self.title = title
        self.what = what
        self.forbid = forbid

    def fields(self) -> list[FormField]:
        return [FormField("path", "File", value=self.default_path)]

    def submit(self, values: dict[str, Any]) -> Path:
        raw = str(values.get("path") or "").strip()
        if not raw:
            raise StoreError(f"give a file name, or press escape to skip {self.what}")
        try:
            return write_markdown(Path(raw), self.produce(), self.what, self.forbid)
        except ExportError as error:
            raise StoreError(str(error)) from None
