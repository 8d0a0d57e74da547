"""After the weekly review: where to write the Markdown summary (escape skips it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiops_tui.domain.text import inert
from aiops_tui.storage.db import StoreError
from aiops_tui.widgets.form import FormField, FormScreen


class WeeklyExportForm(FormScreen[Path]):
    def __init__(self, text: str, default_path: str) -> None:
        super().__init__()
        self.text = text
        self.default_path = default_path
        self.title = "Weekly review recorded. Write a summary (Markdown)? Escape skips."

    def fields(self) -> list[FormField]:
        return [FormField("path", "File", value=self.default_path)]

    def submit(self, values: dict[str, Any]) -> Path:
        raw = str(values.get("path") or "").strip()
        if not raw:
            raise StoreError("give a file name, or press escape to skip the summary")
        path = Path(raw).expanduser()
        try:
            path.write_text(inert(self.text), encoding="utf-8")
        except OSError as error:
            raise StoreError(f"could not write {path}: {error.strerror or error}") from None
        return path
