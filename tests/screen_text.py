"""The text on a running app's screen, line by line, read from its SVG screenshot.

Textual has no public way to read back what it drew as text; its screenshot is
an SVG of `<text>` runs, each placed at a cell (x: 12.2 units a column, y one
row per line). Good enough to check words, cut cells and padding in tests.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict

from textual.app import App

_RUN = re.compile(r'<text class="[^"]*-r\d+" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)
CELL = 12.2


def svg_lines(svg: str) -> list[str]:
    rows: dict[float, list[tuple[float, str]]] = defaultdict(list)
    for match in _RUN.finditer(svg):
        x, y, text = float(match.group(1)), float(match.group(2)), match.group(3)
        rows[y].append((x, html.unescape(text).replace("\xa0", " ").replace("\n", "")))
    lines = []
    for y in sorted(rows):
        line = ""
        for x, text in sorted(rows[y]):
            line = line.ljust(round(x / CELL)) + text
        lines.append(line)
    return lines


def screen_lines(app: App[object]) -> list[str]:
    """What the app shows now, one string per terminal line (trailing spaces kept)."""
    width = app.size.width
    return [line.ljust(width) for line in svg_lines(app.export_screenshot())][: app.size.height]
