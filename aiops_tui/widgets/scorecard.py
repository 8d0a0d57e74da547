"""The five-question scorecard: each question with a bar and the count, its measure beneath.

The measure goes on its own dim line under the question, at the full width
of the panel: beside the question there is no room at 120 columns, and a
measure wrapped mid-phrase in a narrow column was hard to read. The widget
renders from its own width, so it re-lays itself out when the terminal is
resized.

`compact` (a short terminal) keeps one line a question and one of use cases,
so the lists under the scorecard keep their rows.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from aiops_tui.domain.words import plural
from aiops_tui.storage.health_figures import Question
from aiops_tui.widgets.safe_text import display_safe

BAR_WIDTH = 16
COUNT_WIDTH = 7
"""At least "999/999"; wider when the counts are (10,000 workflows: "3948/3959")."""


def numbers_width(count_width: int = COUNT_WIDTH) -> int:
    return 1 + BAR_WIDTH + 1 + 4 + 1 + count_width  # " bar pct count"


def bar(share: float | None, width: int = BAR_WIDTH) -> Text:
    if share is None:
        return Text("·" * width, style="dim")
    filled = round(share * width)
    style = "green" if share >= 0.8 else "yellow" if share >= 0.5 else "red"
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim")


def _fit(text: str, width: int) -> str:
    """`text` padded or cut (with an ellipsis) to exactly `width` cells."""
    if width <= 0:
        return ""
    if len(text) > width:
        return text[: max(width - 1, 0)] + "…"
    return text.ljust(width)


class Scorecard(Widget):
    """Shares of active workflows that satisfy each of the five questions."""

    DEFAULT_CSS = """
    Scorecard { height: auto; border: round $primary; padding: 0 1; }
    """
    compact = reactive(False, layout=True)
    """One line a question (no measure beneath) and one line of use cases."""

    def __init__(self, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.questions: list[Question] = []
        self.use_cases: list[str] | None = None
        self._laid_out: tuple[tuple[int, bool], list[Text]] | None = None
        """The lines for one width: Textual asks for the height several times a frame."""

    def show(self, questions: list[Question], use_cases: list[str] | None = None) -> None:
        self.questions = questions
        self.use_cases = use_cases
        total = questions[0].total if questions else 0
        self.border_title = "Five questions"
        self.border_subtitle = plural(total, "active workflow")
        self._laid_out = None
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_size.width))

    def _lines(self, width: int) -> list[Text]:
        if self._laid_out is None or self._laid_out[0] != (width, self.compact):
            self._laid_out = ((width, self.compact), self._lay_out(width))
        return self._laid_out[1]

    def _lay_out(self, width: int) -> list[Text]:
        counts = [f"{q.satisfied}/{q.total}" for q in self.questions]
        count_width = max([COUNT_WIDTH, *(len(c) for c in counts)])
        numbers = numbers_width(count_width)
        width = max(width, numbers + 12)
        text_width = width - 3 - numbers
        lines: list[Text] = []
        for q, count in zip(self.questions, counts, strict=True):
            line = Text(f"{q.number}. ")
            line.append(_fit(q.question, text_width), style="bold")
            line.append(" ")
            line.append_text(bar(q.share))
            line.append(f" {q.percent_text:>4} {count:>{count_width}}")
            lines.append(line)
            if not self.compact:
                lines.append(Text("   " + _fit(q.measure, width - 3).rstrip(), style="dim"))
        if self.use_cases is not None:
            names = display_safe(", ".join(self.use_cases)) if self.use_cases else "none yet"
            label = "Approved use cases: "
            wrapped = Text(label, style="bold") + Text(names)
            parts = wrapped.wrap(self.app.console, width - 3)
            keep = 1 if self.compact else 2
            shown = list(parts)[:keep]
            if len(parts) > keep:
                shown[-1] = Text(_fit(shown[-1].plain + " …", width - 3).rstrip())
            lines.extend(Text("   ") + part for part in shown)
        return lines
