"""Text from the database made safe to draw: no escape sequences reach the terminal.

Review outputs, metric names and summaries come from outside (an import, a
paste, an automation). Rich drops a few control codes (BEL, CR) but passes ESC,
NUL and DEL through to the terminal, so a stored `\\x1b[2J` would clear the
screen, and bidi overrides (U+202E) reorder the rest of a line in terminals
that honour them. Each such character is shown as a visible stand-in instead
(`domain.text.inert`, the one function every output path uses); the stored
text is untouched.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from aiops_tui.domain.text import inert


def display_safe(text: str) -> str:
    """One line of stored text as the terminal may show it (`domain.text.inert`)."""
    return inert(text, one_line=True)


def safe_cell(value: Any) -> Text:
    """A table cell: a `Text` keeps its styles where the stand-ins keep its length."""
    if isinstance(value, Text):
        clean = display_safe(value.plain)
        if clean == value.plain:
            return value
        if len(clean) != len(value.plain):  # an escape such as \u202e: spans would slip
            return Text(clean, style=value.style, justify=value.justify)
        copy = value.copy()
        copy.plain = clean
        return copy
    return Text(display_safe(str(value)))


def safe_block(text: str) -> str:
    """Several lines of stored text: line breaks and tabs kept, every other control inert."""
    return inert(text)
