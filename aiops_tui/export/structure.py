"""The shape check every exported Markdown document passes before it is written.

A playbook, SOP, audit or weekly summary is read by people in a docs site or a
diff, and by renderers that build a contents page from its headings. Read back
the way a renderer reads it (markdown-it-py, CommonMark with tables), a
document must have exactly one H1, no heading level skipped (an H4 straight
under an H2 is lost in a sidebar) and every code fence closed (an open fence
swallows the rest of the file). A document that fails is refused whole: the
caller writes nothing, and the person sees one line saying what is wrong.

The renderers escape everything typed into aiops, so a failure here means a
bug in a renderer, not a user mistake; it is still worded for the user.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from aiops_tui.storage.writer import ExportError, write_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@cache
def parser() -> MarkdownIt:
    """CommonMark plus GFM tables, as the HTML export and a docs site read the file."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def headings(text: str) -> list[tuple[int, int, str]]:
    """(level, line number from 1, text) of every heading, in document order."""
    tokens = parser().parse(text)
    found = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            line = tok.map[0] + 1 if tok.map else 0
            found.append((int(tok.tag[1]), line, tokens[i + 1].content))
    return found


def _closed(fence: Token, lines: list[str]) -> bool:
    """Whether the fence's last line is a closing marker (markdown-it closes an open
    fence silently at the end of the document or of its container)."""
    if fence.map is None:
        return True
    start, end = fence.map
    if end - start < 2 or end > len(lines):
        return False
    last = lines[end - 1].lstrip(" \t>")
    marker = fence.markup[0]
    run = len(last) - len(last.lstrip(marker))
    return run >= len(fence.markup) and not last[run:].strip()


def problems(text: str) -> list[str]:
    """What is wrong with the document's shape, first problem first; empty when sound."""
    found: list[str] = []
    level_before = 0
    h1 = 0
    for level, line, title in headings(text):
        h1 += level == 1
        if h1 > 1 and level == 1:
            found.append(f"a second H1 on line {line} ({title!r})")
        if level > level_before + 1:
            above = f"an H{level_before}" if level_before else "the document's start"
            found.append(f"an H{level} on line {line} ({title!r}) right after {above}")
        level_before = level
    if h1 == 0:
        found.insert(0, "no H1 title")
    lines = text.split("\n")
    for tok in parser().parse(text):
        if tok.type == "fence" and not _closed(tok, lines):
            line = tok.map[0] + 1 if tok.map else 0
            found.append(f"a code fence opened on line {line} is never closed")
    return found


def check_structure(text: str, what: str) -> str:
    """`text` unchanged when its shape is sound; else ExportError naming the first problem.

    `what` names the document for the message ("the playbook", "workflows/x-3.md").
    """
    found = problems(text)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise ExportError(f"not written: {what} has {found[0]}{more}; please report this")
    return text


def write_markdown(path: Path, text: str, what: str, forbid: Path | None = None) -> Path:
    """Check the document's shape, then write it atomically (storage.writer.write_text).

    Nothing is written when the check fails; returns the absolute path written.
    """
    return write_text(path, check_structure(text, what), forbid=forbid)
