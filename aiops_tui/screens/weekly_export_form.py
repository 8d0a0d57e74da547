"""After the weekly review: where to write the Markdown summary (escape skips it)."""

from __future__ import annotations

from pathlib import Path

from aiops_tui.screens.markdown_file_form import MarkdownFileForm


class WeeklyExportForm(MarkdownFileForm):
    def __init__(self, text: str, default_path: str, forbid: Path | None = None) -> None:
        super().__init__(
            lambda: text,
            default_path,
            "Weekly review recorded. Write a summary (Markdown)? Escape skips.",
            "the weekly summary",
            forbid,
        )
