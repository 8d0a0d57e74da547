"""Markdown escaping: text from the database never changes the document's shape.

The playbook is built from names and notes a person typed. A workflow called
`# Q3 | draft` must stay one heading and one table cell, and a prompt that
contains a code fence must not swallow the rest of the file. Every string
from the database goes through one of these helpers before it is written:

* `text` for inline text (paragraphs, list items): one line, markup escaped;
* `cell` for table cells: the same, plus `|`;
* `heading` for heading text: the same, plus `#`;
* `code` for an inline code span, `fence` for a fenced block whose fence is
  longer than any run of backticks inside.

Only ASCII punctuation is escaped (CommonMark backslash escapes), so the
file stays readable as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

EMPTY = "—"
"""What a missing value reads as in a table or a list."""

_LINE_BREAKS = re.compile(r"[\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\u0085]+")
_SPACES = re.compile(r"[ \t]+")
# Characters with an inline meaning in CommonMark/GFM: code, emphasis, links,
# images, raw HTML and autolinks (`<`), entities, strikethrough, table pipes.
# Block markers only matter at the start of a line (see `text`); `_` between
# two letters or digits cannot emphasise anything, so customer_personal stays
# readable.
_INLINE = re.compile(r"([\\`*\[\]<&~|]|(?<![^\W_])_|_(?![^\W_]))")
_BACKTICKS = re.compile(r"`+")
_BLOCK_START = frozenset("#-+=>")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def one_line(value: object) -> str:
    """Line breaks and control characters become single spaces; ends are trimmed."""
    flat = _LINE_BREAKS.sub(" ", str(value))
    return _SPACES.sub(" ", flat).strip()


def text(value: object, empty: str = EMPTY) -> str:
    """Inline text for a paragraph, list item or cell, safe even at the start of a line.

    A leading block marker (`#`, `-`, `+`, `=`, `>`, `1.`) is escaped too, so a
    summary such as "# Q3" or "- draft" can open a paragraph without becoming a
    heading or a list.
    """
    flat = one_line(value)
    if not flat:
        return empty
    escaped = _INLINE.sub(r"\\\1", flat)
    if escaped[0] in _BLOCK_START:
        return "\\" + escaped
    return _ORDERED.sub(r"\1\\\2", escaped, count=1)


def cell(value: object, empty: str = EMPTY) -> str:
    """A table cell: one line, pipes escaped, so the row keeps its column count."""
    return text(value, empty)


def heading(value: object, empty: str = "(unnamed)") -> str:
    """Heading text: every `#` escaped, so no closing sequence or nested marker survives."""
    flat = one_line(value)
    return _INLINE.sub(r"\\\1", flat).replace("#", "\\#") if flat else empty


def code(value: object) -> str:
    """An inline code span on one line, delimited by more backticks than it contains.

    Not for table cells: GFM splits cells on `|` even inside code spans.
    """
    flat = one_line(value)
    if not flat:
        return EMPTY
    longest = max((len(run) for run in _BACKTICKS.findall(flat)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{ticks}{pad}{flat}{pad}{ticks}"


def fence(body: str, info: str = "text") -> str:
    """A fenced block that shows `body` verbatim, whatever it contains.

    The fence is one backtick longer than the longest backtick run in the body
    (and at least three), so no line of the body can close it; a tilde fence
    cannot close a backtick fence at all. Line endings are normalised to `\\n`.
    """
    normalised = body.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    longest = max((len(run) for run in _BACKTICKS.findall(normalised)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{normalised}\n{ticks}" if normalised else f"{ticks}{info}\n{ticks}"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GFM table; headers are our own words, cells must already be escaped.

    A row shorter or longer than the header is a bug in the caller, so it is
    refused here rather than rendered as a broken table.
    """
    width = len(headers)
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join(" --- " for _ in headers) + "|",
    ]
    for row in rows:
        if len(row) != width:
            raise ValueError(f"table row has {len(row)} cells, the header {width}")
        lines.append("| " + " | ".join(c if c else EMPTY for c in row) + " |")
    return "\n".join(lines)


def number(value: float | int | None, empty: str = EMPTY) -> str:
    """A number as a person writes it: 12, 4.5, 0.42 (no trailing zeros, no exponent)."""
    if value is None:
        return empty
    if float(value).is_integer():
        return str(int(value))
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


def money(value: float) -> str:
    return f"{value:,.2f}"


_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


class Slugger:
    """GitHub-style anchors for headings, numbered on repeats, in document order."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def slug(self, plain: str) -> str:
        base = _SLUG_DROP.sub("", one_line(plain).lower()).replace(" ", "-")
        count = self.seen.get(base, 0)
        self.seen[base] = count + 1
        return base if count == 0 else f"{base}-{count}"


def _closes(line: str, markup: str) -> bool:
    """Whether a (stripped) line closes a fence opened with `markup`: the same character,
    at least as many, and nothing else (a ```` ```python ```` line opens, it does not close)."""
    return len(line) >= len(markup) and not line.strip(markup[0])


@cache
def _prose_parser() -> MarkdownIt:
    """One parser for every prose field: building one costs about a millisecond
    (its link patterns compile), which a 1,000-workflow playbook paid 2,000 times."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def prose(body: str, level: int) -> str:
    """The founder's own Markdown (a current or target state) as part of the document.

    Rendered as prose, not fenced: its headings go below the section's (`level`),
    never skipping a level (an H2 first in the text becomes `level` + 1, as an H1
    would: a skipped level breaks a docs site's outline), setext ones become ATX; raw HTML is shown as text (`<` escaped) outside code;
    a fence left open is closed, so nothing after it is swallowed. markdown-it-py
    reads it as any renderer would, so the rewrite follows its structure.
    """
    from aiops_tui.domain.text import inert

    text = inert(body.replace("\r\n", "\n").replace("\r", "\n"))
    lines: list[str | None] = list(text.rstrip("\n").split("\n"))
    tokens = _prose_parser().parse(text)
    code: set[int] = set()
    above = level
    for i, tok in enumerate(tokens):
        if tok.map is None:
            continue
        start, end = tok.map
        if tok.type in ("fence", "code_block"):
            code.update(range(start, end))
            # Only a top-level fence can run on into the rest of the document (one in a
            # quote or a list ends with it); blank lines after it were trimmed off `lines`.
            if tok.type == "fence" and tok.level == 0 and end >= len(lines):
                closing = (lines[end - 1] or "").strip() if end <= len(lines) else ""
                if end - start < 2 or not _closes(closing, tok.markup):
                    lines.append(tok.markup)  # an unclosed fence: close it here
        elif tok.type == "heading_open":
            depth = min(6, int(tok.tag[1]) + level, above + 1)
            above = depth
            title = tokens[i + 1].content.replace("\n", " ")  # a setext heading may span lines
            lines[start] = "#" * depth + " " + title.replace("#", "\\#")
            for j in range(start + 1, end):
                lines[j] = None  # a setext underline
    out = [
        line if n in code else line.replace("<", "&lt;")
        for n, line in enumerate(lines)
        if line is not None
    ]
    return "\n".join(out).strip("\n")
