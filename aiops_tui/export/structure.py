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
def parser(tables: bool = True) -> MarkdownIt:
    """CommonMark (plus GFM tables), as the HTML export and a docs site read the file.

    Block structure only: headings and fences are blocks, and skipping the inline
    pass (emphasis, links in every cell) saves most of the time. A heading's text
    is then its source (`# A *b*` reads "A *b*").
    """
    from markdown_it import MarkdownIt

    blocks = MarkdownIt("commonmark")
    if tables:
        blocks.enable("table")
    blocks.core.ruler.disable(["inline", "text_join"])
    return blocks


def table_sensitive(lines: list[str]) -> bool:
    """Whether reading tables could change the headings or fences found.

    Parsing a 1,000-workflow playbook with the table rule takes seconds; without
    it, a fraction. The two readings differ on headings and fences only where a
    line with a pipe runs straight into a line without one (`| a |` then `===`
    is a table and text to one, a setext H1 to the other). Every table aiops
    writes ends at a blank line, so such a document is read without the table
    rule; any other is read with it.
    """
    piped = False
    for line in lines:
        if piped and line.strip() and "|" not in line:
            return True
        piped = "|" in line
    return False


def block_tokens(text: str, lines: list[str]) -> list[Token]:
    """The block tokens, read without the table rule where that reads the same.

    On that path a line starting with a pipe (a table row: half the lines of a
    playbook) is read as a blank line: it can be neither a heading nor a fence,
    every run of them ends at a blank line anyway, and the line numbers stay.
    """
    if table_sensitive(lines):
        return parser(tables=True).parse(text)
    blanked = "\n".join("" if line.startswith("|") else line for line in lines)
    return parser(tables=False).parse(blanked)


def headings(text: str) -> list[tuple[int, int, str]]:
    """(level, line number from 1, text) of every heading, in document order."""
    return _headings(block_tokens(text, text.split("\n")))


def _headings(tokens: list[Token]) -> list[tuple[int, int, str]]:
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
    lines = text.split("\n")
    tokens = block_tokens(text, lines)
    for level, line, title in _headings(tokens):
        h1 += level == 1
        if h1 > 1 and level == 1:
            found.append(f"a second H1 on line {line} ({title!r})")
        if level > level_before + 1:
            above = f"an H{level_before}" if level_before else "the document's start"
            found.append(f"an H{level} on line {line} ({title!r}) right after {above}")
        level_before = level
    if h1 == 0:
        found.insert(0, "no H1 title")
    for tok in tokens:
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
