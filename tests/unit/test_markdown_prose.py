"""The founder's own Markdown (current and target states) inside the playbook: `prose`.

Each test pins one promise of export/markdown.py's `prose`: headings moved below the
section's, no raw HTML, code kept verbatim, and nothing after the state swallowed by
a fence it left open. The property test reads the result as a renderer would.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from aiops_tui.export.markdown import prose

_PARSER = MarkdownIt("commonmark").enable("table")
NEXT = "#### Next section"


def _next_heading_survives(body: str, level: int = 3) -> bool:
    tokens = _PARSER.parse(prose(body, level) + "\n\n" + NEXT + "\n")
    return any(
        t.type == "inline" and t.content == "Next section" and tokens[i - 1].tag == "h4"
        for i, t in enumerate(tokens)
    )


@pytest.mark.parametrize(
    ("body", "level", "expected"),
    [
        ("# Today", 3, "#### Today"),
        ("# Today", 1, "## Today"),
        ("# A\n\n## B", 2, "### A\n\n#### B"),
        ("# A\n## B\n### C\n#### D", 3, "#### A\n##### B\n###### C\n###### D"),  # h6 at most
        ("# A\n\n#### D", 3, "#### A\n\n##### D"),  # never skipping a level
        ("## First", 3, "#### First"),  # an h2 first reads as the section's child
        ("# C# tips", 3, "#### C\\# tips"),
        ("# A\n\n# B", 3, "#### A\n\n#### B"),  # siblings stay siblings
        ("# A\n\n### C\n\n# B", 3, "#### A\n\n##### C\n\n#### B"),
    ],
)
def test_headings_go_below_the_section(body: str, level: int, expected: str) -> None:
    assert prose(body, level) == expected


def test_setext_headings_become_atx_and_lose_their_underline() -> None:
    assert prose("Goal\n====\n\ntext\n\nSub\n---", 3) == "#### Goal\n\ntext\n\n##### Sub"


def test_a_setext_heading_over_two_lines_becomes_one_heading_line() -> None:
    """Its second line must not be left behind to start a new heading with what follows."""
    assert prose("Two\nlines\n===\n\nnext", 3) == "#### Two lines\n\nnext"
    assert prose("1\n1\n=\n=", 3) == "#### 1 1\n="


def test_raw_html_is_shown_as_text_outside_code_only() -> None:
    body = "<script>alert(1)</script> **bold**\n\n```\n<b>kept</b>\n```\n\n    <i>indented</i>"
    assert prose(body, 3) == (
        "&lt;script>alert(1)&lt;/script> **bold**\n\n```\n<b>kept</b>\n```\n\n    <i>indented</i>"
    )


def test_line_ends_are_normalised_and_the_ends_trimmed() -> None:
    assert prose("\n\nA\r\nB\rC\r\n\r\n", 3) == "A\nB\nC"
    assert prose("Ship to MX\n", 3) == "Ship to MX"  # only line breaks are trimmed


def test_the_last_line_keeps_its_trailing_spaces() -> None:
    """An indented code block is shown verbatim, to its last space."""
    assert prose("    indented code  ", 3) == "    indented code  "
    assert prose("text  \n\n", 3) == "text  "


def test_control_characters_are_made_visible() -> None:
    assert prose("red \x1b[31m text", 3) == "red ␛[31m text"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("```\nopen", "```\nopen\n```"),
        ("~~~\nopen", "~~~\nopen\n~~~"),
        ("````\nopen", "````\nopen\n````"),
        ("```", "```\n```"),  # a lone opening line
        ("Intro\n\n```", "Intro\n\n```\n```"),  # ... after some text
        ("```\nopen\n\n\n", "```\nopen\n```"),  # blank lines after it were trimmed
        ("```\ncode\n```python", "```\ncode\n```python\n```"),  # an info string opens, not closes
    ],
)
def test_a_fence_left_open_is_closed(body: str, expected: str) -> None:
    assert prose(body, 3) == expected
    assert _next_heading_survives(body)


@pytest.mark.parametrize(
    "body",
    [
        "```\ncode\n```",
        "```\n```",  # an empty fence, closed
        "Intro\n\n```\n```",
        "```\ncode\n````",  # a longer fence closes too
        "~~~\ncode\n~~~",
        "> ```\n> quoted code\n> ```",  # a quote's fence ends with the quote
        "> ```\n> quoted code",
        "- ```\n  listed code",
    ],
)
def test_a_closed_or_nested_fence_is_left_as_it_is(body: str) -> None:
    assert prose(body, 3) == body
    assert _next_heading_survives(body)


def test_a_fence_in_the_middle_is_not_closed_again() -> None:
    body = "```\ncode\n```\n\nafter"
    assert prose(body, 3) == body


_MARKDOWNISH = st.text(alphabet=st.sampled_from(list("`~#->*_<=| \n\tab1.")), max_size=60)


@given(_MARKDOWNISH)
def test_whatever_the_state_holds_the_next_section_stays_a_heading(body: str) -> None:
    """No fence, heading or HTML in a state reaches past it into the rest of the file."""
    tokens = _PARSER.parse(prose(body, 3) + "\n\n" + NEXT + "\n")
    assert _next_heading_survives(body)
    every = tokens + [child for t in tokens for child in t.children or []]
    assert not any(t.type in ("html_block", "html_inline") for t in every)
    depths = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    assert all(4 <= d <= 6 for d in depths[:-1])
