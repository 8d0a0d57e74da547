"""Text from the database made safe to draw: no escape sequences reach the terminal.

Review outputs, metric names and summaries come from outside (an import, a
paste, an automation). Rich drops a few control codes (BEL, CR) but passes ESC,
NUL and DEL through to the terminal, so a stored `\\x1b[2J` would clear the
screen, and bidi overrides (U+202E) reorder the rest of a line in terminals
that honour them. Each such character is shown as a visible stand-in of the
same length instead; the stored text is untouched.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_STAND_INS: dict[int, str] = {code: chr(0x2400 + code) for code in range(32)}  # ␀..␟
_STAND_INS[0x7F] = "\u2421"  # ␡
_STAND_INS[ord("\n")] = "\u23ce"  # ⏎: a line break in a one-line cell
_STAND_INS[ord("\t")] = " "
_STAND_INS.update({ord(c): "\ufffd" for c in _BIDI_CONTROLS})
_TABLE = str.maketrans(_STAND_INS)


def display_safe(text: str) -> str:
    """`text` with every control character replaced by one visible character."""
    return text.translate(_TABLE)


def safe_cell(value: Any) -> Text:
    """A table cell: a `Text` keeps its styles (the stand-ins have the same length)."""
    if isinstance(value, Text):
        clean = display_safe(value.plain)
        if clean == value.plain:
            return value
        copy = value.copy()
        copy.plain = clean
        return copy
    return Text(display_safe(str(value)))


def safe_block(text: str) -> str:
    """Several lines of stored text: each line made safe, the line breaks kept."""
    return "\n".join(display_safe(line) for line in text.split("\n"))
