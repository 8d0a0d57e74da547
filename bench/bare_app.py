"""The baseline: a bare Textual app showing the first 100 workflows in one DataTable.

    python bench/bare_app.py DB

Started and timed exactly as aiops is (bench/run.py, in a pseudo-terminal, to the
first painted frame showing the first row), so the start ratio compares aiops with
the least a Textual app showing the same data does.
"""

from __future__ import annotations

import sqlite3
import sys

from textual.app import App, ComposeResult
from textual.widgets import DataTable

QUERY = "SELECT name, status, priority FROM workflows ORDER BY priority DESC, id LIMIT 100"


class Bare(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        conn = sqlite3.connect(self.path)
        rows = conn.execute(QUERY).fetchall()
        conn.close()
        table = self.query_one(DataTable)
        table.add_columns("Name", "Status", "Priority")
        table.add_rows(rows)


if __name__ == "__main__":
    Bare(sys.argv[1]).run()
