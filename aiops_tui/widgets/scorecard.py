"""The five-question scorecard: one line per question with a bar and the count."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from aiops_tui.storage.health import Question


def _bar(share: float | None, width: int = 20) -> Text:
    if share is None:
        return Text("·" * width, style="dim")
    filled = round(share * width)
    style = "green" if share >= 0.8 else "yellow" if share >= 0.5 else "red"
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim")


class Scorecard(Static):
    """Shares of active workflows that satisfy each of the five questions."""

    DEFAULT_CSS = """
    Scorecard { height: auto; border: round $primary; padding: 0 1; }
    """

    def show(self, questions: list[Question]) -> None:
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=2)
        table.add_column(ratio=1)
        table.add_column(width=20)
        table.add_column(width=5, justify="right")
        table.add_column(width=7, justify="right")
        for q in questions:
            table.add_row(
                f"{q.number}.",
                Text(q.question, style="bold") + Text(f"  {q.measure}", style="dim"),
                _bar(q.share),
                q.percent_text,
                f"{q.satisfied}/{q.total}",
            )
        self.update(table)
        self.border_title = "Five questions"
