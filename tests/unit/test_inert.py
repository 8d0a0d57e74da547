"""`inert`: stored text shown on a terminal or in a file never acts as a control.

Every output path passes stored text through domain/text.inert; these tests pin
each stand-in, so a wrong one (or a character let through) fails here by name.
"""

from __future__ import annotations

import pytest

from aiops_tui.domain import text
from aiops_tui.domain.text import has_control, inert


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred", "␛[31mred"),  # ESC: no colour, no cursor move
        ("a\x00b", "a␀b"),
        ("\x07", "␇"),
        ("\x1f", "␟"),
        ("del\x7f", "del␡"),
        ("\x9bcsi", "\\u009bcsi"),  # C1 CSI: shown as its escape
        ("\x80", "\\u0080"),
        ("evil\u202eexe.txt", "evil\\u202eexe.txt"),  # a bidi override reorders nothing
        ("\u2066x\u2069", "\\u2066x\\u2069"),
        ("lone \ud800", "lone \\ud800"),
    ],
)
def test_each_control_has_a_visible_stand_in(raw: str, shown: str) -> None:
    assert inert(raw) == shown
    assert inert(raw, one_line=True) == shown


def test_a_block_keeps_its_line_breaks_and_tabs() -> None:
    assert inert("one\ntwo\tcol\r\nthree\rfour") == "one\ntwo\tcol\nthree␍four"


def test_one_line_shows_a_line_break_and_makes_a_tab_a_space() -> None:
    assert inert("one\ntwo\tcol\r\nthree", one_line=True) == "one⏎two col␍⏎three"


def test_plain_text_is_returned_as_it_is() -> None:
    plain = "Ana Ruiz — café, 100% ✓"
    assert inert(plain) is plain
    assert inert(plain, one_line=True) is plain


@pytest.mark.parametrize("code", [*range(0x20), 0x7F])
def test_the_stand_in_table_is_the_unicode_control_pictures(code: int) -> None:
    """The tables are built once, at import, by `_stand_in`: pinned here as well, since a
    change to it would show only in the tables a fresh import builds."""
    picture = "␡" if code == 0x7F else chr(0x2400 + code)
    assert text._stand_in(chr(code)) == picture


@pytest.mark.parametrize(
    "value", ["tab\there", "line\nbreak", "\x1b", "\x9b", "a\u202eb", "\ud800"]
)
def test_has_control_finds_what_inert_would_replace_on_one_line(value: str) -> None:
    assert has_control(value)
    assert inert(value, one_line=True) != value


@pytest.mark.parametrize("value", ["", "plain", "café", "—", "Ana Ruiz", "✓ 100%"])
def test_has_control_is_false_for_plain_text(value: str) -> None:
    assert not has_control(value)
