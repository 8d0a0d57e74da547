"""Prompt text as styled Content: highlighted `{{variables}}` and a coloured diff.

Styles are theme variables ($text-accent, $text-success...), so every Textual
theme colours them in its own palette.
"""

from __future__ import annotations

from textual.content import Content

from aiops_tui.domain.text import _PLACEHOLDER  # one pattern for variables everywhere

VARIABLE_STYLE = "bold $text-accent"
UNFILLED_STYLE = "bold $text-warning"
FILLED_STYLE = "$text-success"


def highlight_variables(body: str, style: str = VARIABLE_STYLE) -> Content:
    """The body with each `{{ name }}` placeholder styled."""
    parts: list[str | tuple[str, str]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(body):
        parts.append(body[position : match.start()])
        parts.append((match.group(0), style))
        position = match.end()
    parts.append(body[position:])
    return Content.assemble(*parts)


def preview(body: str, values: dict[str, str]) -> Content:
    """The body filled with the typed values; unfilled placeholders stand out."""
    parts: list[str | tuple[str, str]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(body):
        parts.append(body[position : match.start()])
        value = values.get(match.group(1), "")
        parts.append((value, FILLED_STYLE) if value else (match.group(0), UNFILLED_STYLE))
        position = match.end()
    parts.append(body[position:])
    return Content.assemble(*parts)


def diff_line_style(line: str) -> str:
    if line.startswith(("+++", "---")):
        return "bold"
    if line.startswith("+"):
        return "$text-success"
    if line.startswith("-"):
        return "$text-error"
    if line.startswith("@@"):
        return "$text-primary"
    return ""


def coloured_diff(lines: list[str]) -> Content:
    """A unified diff, + green, - red, @@ hunk headers in the primary (blue) colour."""
    if not lines:
        return Content.styled("The two versions have the same body.", "italic")
    return Content("\n").join(Content.styled(line, diff_line_style(line)) for line in lines)
