"""The escaping helpers: database text never changes the shape of the document."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from mdstructure import parse

from aiops_tui.export import markdown as md

NASTY = [
    "a | b",
    "`code` and ``more``",
    "# heading",
    "## two ##",
    "<script>alert(1)</script>",
    "<div>",
    "line one\nline two",
    "```\nfence\n```",
    "~~~",
    "- item",
    "1. item",
    "> quote",
    "***",
    "---",
    "[link](http://x) ![img](y)",
    "&amp; &copy;",
    "*em* _em_ **strong**",
    "back\\slash\\",
    "   ",
    "é 漢字 🙂",
]

# Characters that mean something somewhere in Markdown, plus ordinary ones.
ALPHABET = st.sampled_from(
    list("#|`~*_-+=>.)[]()!<>&\\:\"' \n\r\t") + ["a", "1", "é", "漢", "\u00a0", "\u2028", "\x0b"]
)
nasty_text = st.text(alphabet=ALPHABET, max_size=30)


def test_cell_keeps_a_pipe_inside_the_cell() -> None:
    doc = md.table(["A", "B"], [[md.cell("x | y"), md.cell("z")]])
    table = parse(doc).tables[0]
    assert table.rows == [["x | y", "z"]]


def test_heading_escapes_every_hash() -> None:
    structure = parse("## " + md.heading("# Q3 plan ##") + "\n")
    assert structure.headings == [(2, "# Q3 plan ##")]


def test_text_at_the_start_of_a_paragraph_stays_a_paragraph() -> None:
    for value in NASTY:
        structure = parse(md.text(value) + "\n")
        assert structure.headings == [] and structure.tables == [] and structure.fences == []
        assert structure.html == 0


def test_fence_is_longer_than_any_backtick_run() -> None:
    body = "before\n````\n``` not closing\nafter"
    block = md.fence(body, "text")
    assert block.startswith("`````text\n")
    structure = parse(block + "\n\n## After\n")
    assert structure.fences == [("text", body + "\n")]
    assert structure.headings == [(2, "After")]


def test_code_span_holds_backticks() -> None:
    assert md.code("a`b") == "``a`b``"
    assert md.code("`x`") == "`` `x` ``"


def test_number_formatting_is_stable() -> None:
    assert [md.number(v) for v in (12.0, 4.5, 0.42, None, 1 / 3)] == [
        "12",
        "4.5",
        "0.42",
        md.EMPTY,
        "0.3333",
    ]


def test_table_refuses_a_row_of_the_wrong_width() -> None:
    try:
        md.table(["A", "B"], [["only one"]])
    except ValueError as error:
        assert "1 cells" in str(error)
    else:
        raise AssertionError("a short row must be refused")


@given(cells=st.lists(nasty_text, min_size=3, max_size=3), title=nasty_text, body=nasty_text)
def test_any_text_keeps_the_document_shape(cells: list[str], title: str, body: str) -> None:
    doc = "\n\n".join(
        [
            "# " + md.heading(title),
            md.text(body),
            md.table(["A", "B", "C"], [[md.cell(c) for c in cells], ["1", "2", "3"]]),
            md.fence(body),
            "## End",
        ]
    )
    structure = parse(doc + "\n")
    assert [level for level, _ in structure.headings] == [1, 2]
    assert structure.headings[0][1] == md.one_line(title) or (
        not md.one_line(title) and structure.headings[0][1] == "(unnamed)"
    )
    assert len(structure.tables) == 1
    table = structure.tables[0]
    assert table.shape == (3, 2)
    assert table.rows[0] == [md.one_line(c) or md.EMPTY for c in cells]
    assert len(structure.fences) == 1
    assert structure.html == 0
