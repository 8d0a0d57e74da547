"""Read a Markdown document back the way a renderer does (markdown-it-py), so the
tests assert on the structure a reader sees, not on substrings."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

PARSER = MarkdownIt("commonmark").enable("table")


def _plain(inline: Token) -> str:
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.header), len(self.rows)


@dataclass
class Structure:
    headings: list[tuple[int, str]]
    tables: list[Table]
    fences: list[tuple[str, str]]
    html: int


def parse(text: str) -> Structure:
    tokens = PARSER.parse(text)
    headings: list[tuple[int, str]] = []
    tables: list[Table] = []
    fences: list[tuple[str, str]] = []
    html = 0
    row: list[str] | None = None
    in_head = False
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            headings.append((int(tok.tag[1]), _plain(tokens[i + 1])))
        elif tok.type == "table_open":
            tables.append(Table([], []))
        elif tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            row = []
        elif tok.type in ("th_open", "td_open") and row is not None:
            row.append(_plain(tokens[i + 1]))
        elif tok.type == "tr_close" and row is not None:
            if in_head:
                tables[-1].header = row
            else:
                tables[-1].rows.append(row)
            row = None
        elif tok.type == "fence":
            fences.append((tok.info, tok.content))
        elif tok.type == "html_block":
            html += 1
        if tok.children:
            html += sum(1 for c in tok.children if c.type == "html_inline")
    return Structure(headings, tables, fences, html)


def table_after(structure: Structure, header_first: str, nth: int = 0) -> Table:
    found = [t for t in structure.tables if t.header and t.header[0] == header_first]
    return found[nth]
