"""Export the playbook (or one workflow's SOP) from the app: ask where, write, say where.

The dialog is a `FormScreen` so it looks and behaves like every other form,
but it saves a file rather than a model: a path that cannot be written is
refused beside the path field and the dialog stays open with what was typed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual import on, work
from textual.widgets import Input, Select

from aiops_tui.export.playbook import render_export
from aiops_tui.export.structure import write_markdown
from aiops_tui.storage.db import DatabaseError, StoreError
from aiops_tui.storage.store import Store
from aiops_tui.storage.writer import ExportError
from aiops_tui.widgets.form import FormField, FormScreen

WHOLE = -1
"""The Select value for the whole playbook (workflow ids are positive)."""


def default_name(on: date, workflow: str | None = None) -> str:
    if workflow is None:
        return f"aiops-playbook-{on.isoformat()}.md"
    slug = "".join(c if c.isalnum() else "-" for c in workflow.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"aiops-sop-{slug or 'workflow'}-{on.isoformat()}.md"


class ExportDialog(FormScreen[Path]):
    """Dismisses with the absolute path written, or None when cancelled."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.title = "Export the playbook"
        self.on_date = store.clock().date()
        self.workflows = dict(store.workflows.names(include_retired=False))
        self._default = default_name(self.on_date)

    def fields(self) -> list[FormField]:
        return [
            FormField(
                "path",
                "Write to file",
                value=self._default,
                placeholder="aiops-playbook.md",
                help="A relative path is written in the folder aiops was started in.",
            ),
            FormField(
                "workflow",
                "What to export",
                kind="select",
                value=WHOLE,
                allow_blank=False,
                options=[("Whole playbook", WHOLE)]
                + [(f"SOP: {name}", wid) for wid, name in self.workflows.items()],
            ),
        ]

    @on(Select.Changed, "#field-workflow")
    def _follow_choice(self, event: Select.Changed) -> None:
        """Suggest a matching file name, unless the person typed their own."""
        path = self.query_one("#field-path", Input)
        if path.value != self._default:
            return
        name = self.workflows.get(event.value) if isinstance(event.value, int) else None
        self._default = default_name(self.on_date, name)
        path.value = self._default

    def write(self, values: dict[str, Any]) -> Path:
        chosen = values.get("workflow")
        name = self.workflows.get(chosen) if chosen not in (None, WHOLE) else None
        raw = str(values.get("path") or "").strip()
        if not raw:
            raise ExportError("give a file name, e.g. aiops-playbook.md")
        text = render_export(self.store, self.on_date, name)
        what = f"the SOP of {name}" if name else "the playbook"
        return write_markdown(Path(raw), text, what, self.store.db.path)

    def action_save(self) -> None:
        """Render and write in a thread: a large database takes a second or two."""
        self._write_in_background(self.values())

    @work(thread=True, exclusive=True, group="export")
    def _write_in_background(self, values: dict[str, Any]) -> None:
        try:
            written = self.write(values)
        except ExportError as error:
            self.app.call_from_thread(self.show_errors, [("path", str(error))])
            return
        except (StoreError, DatabaseError) as error:  # the database refused a read
            self.app.call_from_thread(self.show_errors, [("", f"could not read: {error}")])
            return
        self.app.call_from_thread(self.dismiss, written)
