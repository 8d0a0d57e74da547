"""A Markdown document assembled block by block, with its headings remembered.

Sections add headings and blocks; the playbook then builds its table of
contents from the headings it actually wrote, so the contents can never list
a section that is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aiops_tui.export import markdown as md


@dataclass(frozen=True)
class Heading:
    level: int
    plain: str
    index: int


@dataclass
class Document:
    blocks: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)

    def heading(self, level: int, plain: str) -> None:
        """`plain` is unescaped text (from us or the database); it is escaped here."""
        self.headings.append(Heading(level, plain, len(self.blocks)))
        self.blocks.append("#" * level + " " + md.heading(plain))

    def para(self, markdown_text: str) -> None:
        """A paragraph already in Markdown: callers escape database text with md.text()."""
        self.blocks.append(markdown_text)

    def bullets(self, items: list[str], empty: str | None = None) -> None:
        if items:
            self.blocks.append("\n".join(f"- {item}" for item in items))
        elif empty:
            self.blocks.append(empty)

    def table(self, headers: list[str], rows: list[list[str]], empty: str | None = None) -> None:
        if rows or not empty:
            self.blocks.append(md.table(headers, rows))
        else:
            self.blocks.append(empty)

    def block(self, markdown_text: str) -> None:
        self.blocks.append(markdown_text)

    def contents(self, levels: tuple[int, ...] = (2, 3), skip: int = -1) -> str:
        """A nested list of links to the headings (GitHub-style anchors) but block `skip`."""
        slugger = md.Slugger()
        lines = []
        top = min(levels)
        for h in self.headings:
            slug = slugger.slug(h.plain)
            if h.level in levels and h.index != skip:
                indent = "  " * (h.level - top)
                lines.append(f"{indent}- [{md.text(h.plain)}](#{slug})")
        return "\n".join(lines)

    def render(self) -> str:
        return "\n\n".join(self.blocks) + "\n"
