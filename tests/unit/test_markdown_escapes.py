"""Each escape of export/markdown.py, pinned by the shape a renderer sees.

The broad property (any string keeps the document's shape) is below; the named
tests above it each catch one escape that was once dropped without a test noticing.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdstructure import parse

from aiops_tui.export import markdown as md

RENDER = MarkdownIt("commonmark").enable("table")


def _html(markdown: str) -> str:
    return RENDER.render(markdown)


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("- draft", "\\- draft"),
        ("+ draft", "\\+ draft"),
        ("> quoted", "\\> quoted"),
        ("# Q3", "\\# Q3"),
        ("= x", "\\= x"),
    ],
)
def test_a_block_marker_at_the_start_is_escaped(typed: str, escaped: str) -> None:
    assert md.text(typed) == escaped
    assert _html(md.text(typed) + "\n") == f"<p>{typed.replace('>', '&gt;')}</p>\n"


def test_a_dash_draft_stays_a_paragraph_not_a_list() -> None:
    assert "<ul>" not in _html(md.text("- draft") + "\n")
    assert "<ul>" not in _html(md.text("+ draft") + "\n")
    assert "<blockquote>" not in _html(md.text("> draft") + "\n")


def test_an_ampersand_is_escaped_so_entities_stay_text() -> None:
    assert md.text("&copy; 2026") == "\\&copy; 2026"
    assert _html(md.text("&copy;") + "\n") == "<p>&amp;copy;</p>\n"


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("1) call back", "1\\) call back"),
        ("1. call back", "1\\. call back"),
        ("12.", "12\\."),
        ("123456789) x", "123456789\\) x"),
    ],
)
def test_an_ordered_list_marker_at_the_start_is_escaped(typed: str, escaped: str) -> None:
    assert md.text(typed) == escaped
    assert "<ol" not in _html(md.text(typed) + "\n")


@pytest.mark.parametrize("typed", ["1)x", "1.5 hours", "1234567890. x", "a 1. b", "v1) x"])
def test_digits_that_cannot_start_a_list_are_left_alone(typed: str) -> None:
    assert md.text(typed) == typed


def test_inline_markup_is_escaped() -> None:
    assert md.text("a*b*`c`[d](e)<f>~g~|h\\i") == ("a\\*b\\*\\`c\\`\\[d\\](e)\\<f>\\~g\\~\\|h\\\\i")


def test_underscore_is_escaped_only_where_it_can_emphasise() -> None:
    assert md.text("customer_personal") == "customer_personal"
    assert md.text("_em_ x_ _y") == "\\_em\\_ x\\_ \\_y"


@pytest.mark.parametrize(
    "breaker",
    ["\n", "\r", "\r\n", "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\x7f"]
    + ["\u2028", "\u2029", "\u0085"],
)
def test_line_breaks_and_control_characters_become_one_space(breaker: str) -> None:
    assert md.cell(f"a{breaker}b") == "a b"
    assert md.one_line(f" a {breaker}{breaker} b\t\t") == "a b"


def test_tab_and_spaces_collapse_and_ends_are_trimmed() -> None:
    assert md.one_line("\t a \t  b \t") == "a b"
    assert md.text("  \n ") == md.EMPTY
    assert md.text("", empty="none") == "none"
    assert md.cell("") == md.EMPTY
    assert md.heading("  ") == "(unnamed)"


def test_inline_code_pads_a_backtick_at_either_end() -> None:
    assert md.code("`x") == "`` `x ``"
    assert md.code("x`") == "`` x` ``"
    assert md.code("a``b") == "```a``b```"
    assert md.code("plain") == "`plain`"


def test_empty_inline_code_reads_as_missing() -> None:
    assert md.code("") == md.EMPTY
    assert md.code(" \n ") == md.EMPTY


def test_code_round_trips_through_a_renderer() -> None:
    for value in ["`x", "x`", "``", "a`b", "` `"]:
        assert _html(md.code(value) + "\n") == f"<p><code>{value}</code></p>\n"


def test_heading_escapes_hash_and_inline_markup() -> None:
    assert md.heading("C# *draft*") == "C\\# \\*draft\\*"
    assert md.heading("") == "(unnamed)"
    assert md.heading("", empty="x") == "x"


def test_fence_normalises_line_endings_and_handles_an_empty_body() -> None:
    assert md.fence("a\r\nb\rc\n\n") == "```text\na\nb\nc\n```"
    assert md.fence("", "md") == "```md\n```"
    assert md.fence("``x``") == "```text\n``x``\n```"
    assert md.fence("````") == "`````text\n````\n`````"
    assert md.fence("code  \n\n") == "```text\ncode  \n```"  # only line ends are trimmed
    assert md.fence("MAX") == "```text\nMAX\n```"


def test_table_layout_and_empty_cells() -> None:
    assert md.table(["A", "B"], [["1", ""]]) == "| A | B |\n| --- | --- |\n| 1 | — |"
    assert md.table(["A"], []) == "| A |\n| --- |"
    with pytest.raises(ValueError, match="^table row has 3 cells, the header 2$"):
        md.table(["A", "B"], [["1", "2", "3"]])


def test_numbers_and_money() -> None:
    assert md.number(None, empty="n/a") == "n/a"
    assert md.number(0) == "0"
    assert md.number(-2.50) == "-2.5"
    assert md.number(0.00001) == "0"
    assert md.number(1234567) == "1234567"
    assert md.money(1234.5) == "1,234.50"


def test_slugs_are_numbered_on_repeats() -> None:
    slugger = md.Slugger()
    assert slugger.slug("Q3 Plan: *draft*") == "q3-plan-draft"
    assert slugger.slug("Q3 Plan: *draft*") == "q3-plan-draft-1"
    assert slugger.slug("Q3 Plan: *draft*") == "q3-plan-draft-2"
    assert slugger.slug("Other") == "other"


@given(value=st.text())
def test_any_string_in_a_cell_keeps_the_column_count(value: str) -> None:
    doc = md.table(["A", "B", "C"], [["x", md.cell(value), "z"]])
    [table] = parse(doc + "\n").tables
    assert table.shape == (3, 1)
    assert table.rows[0] == ["x", md.one_line(value) or md.EMPTY, "z"]


@given(value=st.text())
def test_any_string_in_a_cell_stays_one_line(value: str) -> None:
    rendered = md.cell(value)
    assert rendered.splitlines() == [rendered]
    assert md.one_line(value).splitlines() in ([], [md.one_line(value)])
