"""Placeholders, fill, unified diff and the rework (edit) ratio."""

from __future__ import annotations

import difflib
import random
from typing import Any

import pytest

from aiops_tui.domain import text
from aiops_tui.domain.text import edit_ratio, fill, unified_diff, variables

# --- variables ----------------------------------------------------------------


def test_variables_in_order_of_first_appearance_without_duplicates() -> None:
    body = "Hi {{name}}, your order {{ order.id }} ships {{when}}. Thanks {{ name }}!"
    assert variables(body) == ["name", "order.id", "when"]


def test_variable_names_allow_letters_digits_underscore_dot_dash() -> None:
    body = "{{a_b}} {{c-d}} {{e.f}} {{x1}} {{\tspaced\n}}"
    assert variables(body) == ["a_b", "c-d", "e.f", "x1", "spaced"]


def test_not_variables() -> None:
    assert variables("") == []
    assert variables("no placeholders { here } {{}} {{ two words }} {{a/b}}") == []
    assert variables("{single} {{ unclosed") == []


# --- fill -----------------------------------------------------------------------


def test_fill_replaces_known_and_leaves_unknown() -> None:
    body = "Dear {{ name }}, re {{topic}}: {{missing}}"
    assert fill(body, {"name": "Ana", "topic": "refund"}) == "Dear Ana, re refund: {{missing}}"


def test_fill_replaces_every_occurrence_and_is_single_pass() -> None:
    assert fill("{{a}}+{{ a }}", {"a": "1"}) == "1+1"
    assert fill("{{a}}", {"a": "{{b}}", "b": "no"}) == "{{b}}"


def test_fill_with_empty_values_and_special_characters() -> None:
    assert fill("x{{a}}y", {"a": ""}) == "xy"
    assert fill("{{a}}", {"a": r"\1 $0 \g<0>"}) == r"\1 $0 \g<0>"


# --- unified diff -------------------------------------------------------------


def test_unified_diff_lines_have_labels_and_no_newlines() -> None:
    old = "one\ntwo\nthree\n"
    new = "one\n2\nthree\n"
    lines = unified_diff(old, new, "v1", "v2")
    assert lines[0] == "--- v1"
    assert lines[1] == "+++ v2"
    assert "-two" in lines and "+2" in lines
    assert all(not line.endswith("\n") for line in lines)


def test_unified_diff_of_equal_texts_is_empty() -> None:
    assert unified_diff("same\n", "same\n", "a", "b") == []


def test_unified_diff_from_empty() -> None:
    lines = unified_diff("", "new line", "v0", "v1")
    assert lines[-1] == "+new line"


# --- edit ratio -------------------------------------------------------------------


def test_edit_ratio_bounds() -> None:
    assert edit_ratio("", "") == 0.0
    assert edit_ratio("same text", "same text") == 0.0
    assert edit_ratio("", "something") == 1.0
    assert edit_ratio("something", "") == 1.0
    assert edit_ratio("abc", "xyz") == 1.0


def test_edit_ratio_matches_difflib_for_short_texts() -> None:
    pairs = [
        ("The quick brown fox", "The quick red fox"),
        ("Dear customer, thanks.", "Dear Ana, thank you."),
        ("a" * 500 + "b" * 500, "b" * 500 + "a" * 500),
    ]
    for draft, corrected in pairs:
        expected = 1 - difflib.SequenceMatcher(None, draft, corrected, autojunk=False).ratio()
        assert edit_ratio(draft, corrected) == round(expected, 3)


def test_edit_ratio_is_rounded_to_three_decimals() -> None:
    value = edit_ratio("abcdefg", "abcxefg")
    assert value == round(value, 3)
    assert 0 < value < 1


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, int, int]]:
    """Every difflib comparison edit_ratio makes, as (kind, len(a), len(b)): kind is
    str for characters, list for lines. That is its quadratic work, which the
    tests bound instead of timing it (a loaded machine made the timings fail)."""
    sizes: list[tuple[object, int, int]] = []

    class Counting(difflib.SequenceMatcher):
        def __init__(self, isjunk: Any = None, a: Any = "", b: Any = "", autojunk: bool = True):
            sizes.append((type(a), len(a), len(b)))
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(text.difflib, "SequenceMatcher", Counting)
    return sizes


def assert_bounded(sizes: list[tuple[object, int, int]]) -> None:
    """The limits text.py documents: character comparisons short and within the budget,
    line diffs only up to LINE_DIFF_MAX lines."""
    chars = [(a, b) for kind, a, b in sizes if kind is str]
    lines = [(a, b) for kind, a, b in sizes if kind is not str]
    longest = max(text.CHAR_LEVEL_MAX, text.REFINE_BLOCK_MAX)
    assert all(a <= longest and b <= longest for a, b in chars)
    assert sum(a + b for a, b in chars) <= text.REFINE_BUDGET + 2 * text.CHAR_LEVEL_MAX
    assert all(a <= text.LINE_DIFF_MAX and b <= text.LINE_DIFF_MAX for a, b in lines)


def _lines(rng: random.Random, count: int) -> list[str]:
    words = [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "customer",
        "invoice",
        "refund",
        "policy",
        "weekly",
        "report",
    ]
    return [" ".join(rng.choice(words) for _ in range(12)) for _ in range(count)]


def test_edit_ratio_one_megabyte_small_edit_is_fast_and_small(
    compared: list[tuple[object, int, int]],
) -> None:
    rng = random.Random(1)
    draft = "\n".join(_lines(rng, 13_000))
    assert len(draft) > 900_000
    corrected = draft[:400_000] + "a reviewer's fix" + draft[400_010:]
    ratio = edit_ratio(draft, corrected)
    assert_bounded(compared)
    assert ratio == 0.0  # 16 of ~2,000,000 characters: rounds to 0


def test_edit_ratio_one_megabyte_word_changed_on_every_line(
    compared: list[tuple[object, int, int]],
) -> None:
    rng = random.Random(2)
    lines = _lines(rng, 13_000)
    draft = "\n".join(lines)
    corrected = "\n".join(line.replace(" ", " X ", 1) for line in lines)
    ratio = edit_ratio(draft, corrected)
    assert_bounded(compared)
    assert 0.0 < ratio < 0.1


def test_edit_ratio_one_megabyte_rewrite_is_fast_and_large(
    compared: list[tuple[object, int, int]],
) -> None:
    rng = random.Random(3)
    draft = "\n".join(_lines(rng, 13_000))
    corrected = "\n".join(_lines(rng, 13_000)).upper()
    ratio = edit_ratio(draft, corrected)
    assert_bounded(compared)
    assert ratio > 0.9


def test_edit_ratio_pathological_line_patterns_stay_fast(
    compared: list[tuple[object, int, int]],
) -> None:
    rng = random.Random(4)
    lines = _lines(rng, 6_000)
    draft = "\n".join(lines)
    spaced = "\n\n".join(lines)  # a blank line after every line
    every_other = "\n".join(line + ("!" if i % 2 else "") for i, line in enumerate(lines))
    for corrected in (spaced, every_other, "x\n" * 200_000):
        compared.clear()
        ratio = edit_ratio(draft, corrected)
        assert_bounded(compared)
        assert 0.0 <= ratio <= 1.0
    assert edit_ratio(draft, spaced) < 0.05


def test_edit_ratio_medium_text_with_scattered_edits() -> None:
    rng = random.Random(5)
    lines = _lines(rng, 60)
    draft = "\n".join(lines)
    corrected = "\n".join(line + " ok" if i % 10 == 0 else line for i, line in enumerate(lines))
    assert len(draft) > 2_000
    ratio = edit_ratio(draft, corrected)
    exact = 1 - difflib.SequenceMatcher(None, draft, corrected, autojunk=False).ratio()
    assert abs(ratio - exact) < 0.02
