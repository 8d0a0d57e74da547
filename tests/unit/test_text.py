"""Placeholders, fill, unified diff and the rework (edit) ratio."""

from __future__ import annotations

import difflib
import random
from typing import Any

import pytest

from aiops_tui.domain import text as text_module
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

    monkeypatch.setattr(text_module.difflib, "SequenceMatcher", Counting)
    return sizes


def assert_bounded(sizes: list[tuple[object, int, int]]) -> None:
    """The limits text.py documents: character comparisons short and within the budget,
    line diffs only up to LINE_DIFF_MAX lines."""
    chars = [(a, b) for kind, a, b in sizes if kind is str]
    lines = [(a, b) for kind, a, b in sizes if kind is not str]
    longest = max(text_module.CHAR_LEVEL_MAX, text_module.REFINE_BLOCK_MAX)
    assert all(a <= longest and b <= longest for a, b in chars)
    assert (
        sum(a + b for a, b in chars) <= text_module.REFINE_BUDGET + 2 * text_module.CHAR_LEVEL_MAX
    )
    assert all(a <= text_module.LINE_DIFF_MAX and b <= text_module.LINE_DIFF_MAX for a, b in lines)


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


@pytest.mark.big
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


@pytest.mark.big
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


@pytest.mark.big
def test_edit_ratio_one_megabyte_rewrite_is_fast_and_large(
    compared: list[tuple[object, int, int]],
) -> None:
    rng = random.Random(3)
    draft = "\n".join(_lines(rng, 13_000))
    corrected = "\n".join(_lines(rng, 13_000)).upper()
    ratio = edit_ratio(draft, corrected)
    assert_bounded(compared)
    assert ratio > 0.9


@pytest.mark.big
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


# --- the long-text paths, on short texts (their thresholds made small) -------------


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts over 8 characters take the long-text path: prefix, suffix, then lines."""
    monkeypatch.setattr(text_module, "CHAR_LEVEL_MAX", 8)


def _exact(draft: str, corrected: str) -> float:
    matcher = difflib.SequenceMatcher(None, draft, corrected, autojunk=False)
    return round(1 - matcher.ratio(), 3)


@pytest.mark.parametrize(
    ("draft", "corrected", "ratio"),
    [
        ("hello world, this is long", "hello there, this is long", 0.16),
        ("abcdefghijklmnop", "abcdefXYZghijklmnop", 0.086),
        (
            "same start; old middle words; same end",
            "same start; new middle text here; same end",
            0.225,
        ),
    ],
)
def test_an_edit_in_one_place_is_measured_exactly_past_the_limit(
    small_limits: None, draft: str, corrected: str, ratio: float
) -> None:
    assert edit_ratio(draft, corrected) == ratio == _exact(draft, corrected)


DRAFT = "\n".join(f"line {i} of the draft" for i in range(12))
EDITED = DRAFT.replace("line 3 of", "LINE 3 of").replace(
    "line 8 of the draft", "line 8 rewritten entirely by hand"
)


def test_changed_lines_are_refined_character_by_character(small_limits: None) -> None:
    assert edit_ratio(DRAFT, EDITED) == 0.077 == _exact(DRAFT, EDITED)


def test_big_changed_blocks_are_paired_by_line(
    small_limits: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_module, "REFINE_BLOCK_MAX", 10)
    assert edit_ratio(DRAFT, EDITED) == 0.093
    draft = "aaaa\nfirst line here\nmiddle\nlast line here\nzzzz"
    corrected = "aaaa\nfirst LINE here\nmiddle2\nlast line HERE\nzzzz"
    assert edit_ratio(draft, corrected) == 0.179 == _exact(draft, corrected)


def test_an_exhausted_refine_budget_falls_back_to_prefix_and_suffix(
    small_limits: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_module, "REFINE_BUDGET", 30)
    assert edit_ratio(DRAFT, EDITED) == 0.093


def test_many_lines_are_matched_as_a_multiset(
    small_limits: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_module, "LINE_DIFF_MAX", 3)
    rows = [f"row {i}" for i in range(10)]
    draft = "\n".join(rows)
    corrected = draft.replace("row 4", "row four").replace("row 6", "ROW 6")
    assert edit_ratio(draft, corrected) == 0.091 == _exact(draft, corrected)
    repeated = "head one\n" + "same line\n" * 3 + "tail one"
    changed = "HEAD two\n" + "same line\n" * 3 + "TAIL two"
    assert edit_ratio(repeated, changed) == 0.255 == _exact(repeated, changed)
    more = "head\n" + "same\n" * 4 + "tail"
    fewer = "HEAD\n" + "same\n" * 3 + "TAIL"
    assert edit_ratio(more, fewer) == _exact(more, fewer)
    # Moved lines count as kept: the documented price of the linear path.
    assert edit_ratio(draft, "\n".join(reversed(rows))) == 0.034


def test_exactly_the_line_limit_is_still_diffed(
    small_limits: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_module, "LINE_DIFF_MAX", 5)
    draft, corrected = "A\nx1\nx2\nx3\nZ", "B\nx3\nx2\nx1\nY"
    assert edit_ratio(draft, corrected) == 0.667  # lines in order; one more would be 0.167


def test_a_block_of_one_line_replaced_by_two_is_paired(
    small_limits: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_module, "REFINE_BLOCK_MAX", 10)
    draft = "keep\none changed line\nkeep too"
    corrected = "keep\none changed LINE\nand one more line\nkeep too"
    assert edit_ratio(draft, corrected) == 0.231


def test_popular_lines_are_not_junked(small_limits: None) -> None:
    lines = ["x"] * 300
    edited = list(lines)
    edited[5], edited[150], edited[295] = "y", "y z", "w"
    assert edit_ratio("\n".join(lines), "\n".join(edited)) == 0.01


def test_common_prefix_and_suffix_lengths() -> None:
    assert text_module._common_prefix_len("abcd", "abXd") == 2
    assert text_module._common_prefix_len("", "abc") == 0
    assert text_module._common_prefix_len("xbc", "abc") == 0
    assert text_module._common_prefix_len("abc", "abc") == 3
    assert text_module._common_prefix_len("abcdefgh", "abcdefgX") == 7
    assert text_module._common_suffix_len("abcd", "aXcd") == 2
    assert text_module._common_suffix_len("abc", "abx") == 0
    assert text_module._common_suffix_len("abc", "xyzabc") == 3
    assert text_module._common_suffix_len("Xbcdefgh", "abcdefgh") == 7


def test_edit_ratio_of_empty_texts() -> None:
    assert edit_ratio("", "abc") == 1.0
    assert edit_ratio("abc", "") == 1.0
    assert edit_ratio("", "") == 0.0


# --- the long-text path's limits, each at its boundary ---------------------------------------
# Found by mutation testing: each case changes its ratio if one limit is off by one, the budget
# is not spent (or spent wrongly), a block's lines are joined with anything between them, or
# the multiset path takes a shared line more often than it is shared. Texts start and end on
# different lines, so only the middle goes through the line path.

_BOUNDARIES = [
    pytest.param(
        "START\nabkeepcd\nXX cd\nsamecd\nEND",
        "BEGIN\nabkeepcd\n X samf\nsamecd\nqcdXX\nFIN",
        {"REFINE_BLOCK_MAX": 12, "REFINE_BUDGET": 40},
        0.4,
        id="a_block_of_exactly_REFINE_BLOCK_MAX_characters_is_refined_whole",
    ),
    pytest.param(
        "START\nq X!\n \nEND",
        "BEGIN\nq X!\nFIN",
        {"REFINE_BLOCK_MAX": 10, "REFINE_BUDGET": 8},
        0.533,
        id="a_block_the_size_of_the_budget_left_is_refined_whole",
    ),
    pytest.param(
        "START\n samfXX\ncdsamfXXsamf\nXqcd\nkeep\n qabkeep\ncdabab\nEND",
        "BEGIN\n samfXX\n \nqXqcd\nkeep\nXcdXab\nab\nFIN",
        {"REFINE_BLOCK_MAX": 12, "REFINE_BUDGET": 38},
        0.5,
        id="refining_a_block_spends_the_budget",
    ),
    pytest.param(
        "START\nkeep!same\nqkeep\nEND",
        "BEGIN\nkeep!same\n!XX!\nFIN",
        {"REFINE_BLOCK_MAX": 17, "REFINE_BUDGET": 37},
        0.469,
        id="a_block_s_old_lines_are_compared_as_written",
    ),
    pytest.param(
        "START\nXX \nsame  XX\nabkeep\ncdXcd \nkeepkeep\nEND",
        "BEGIN\nab\nsame  XX\nabkeep\nab\nkeepkeep\nFIN",
        {"REFINE_BLOCK_MAX": 20, "REFINE_BUDGET": 37},
        0.318,
        id="a_block_s_new_lines_are_compared_as_written",
    ),
    pytest.param(
        "START\n!  \n XX same\n!X\ncdkeep!samf\nXX\ncdXXsamecd\nsamfX\nEND",
        "BEGIN\n!  \n XX same\nkeep\nXXX\nsamfkeepXXsamf\ncdXXsamecd\nsamf\nFIN",
        {"REFINE_BLOCK_MAX": 3, "REFINE_BUDGET": 27, "LINE_DIFF_MAX": 3},
        0.429,
        id="a_paired_line_of_exactly_REFINE_BLOCK_MAX_characters_is_refined",
    ),
    pytest.param(
        "START\nqqX\n!\n!\ncdXX!\nEND",
        "BEGIN\nqqX\n!!cd \n!\nabsame!cd\nFIN",
        {"REFINE_BLOCK_MAX": 17, "REFINE_BUDGET": 20, "LINE_DIFF_MAX": 3},
        0.63,
        id="a_pair_the_size_of_the_budget_left_is_refined",
    ),
    pytest.param(
        "START\nkeepab\n \nsamf\n \nEND",
        "BEGIN\nkeepab\n \ncd \nXX\nFIN",
        {"REFINE_BLOCK_MAX": 4, "REFINE_BUDGET": 39},
        0.48,
        id="refining_a_pair_spends_the_budget",
    ),
    pytest.param(
        "START\nXsameqX\n \n X  \nq\ncdab\nX\ncdkeep!\nEND",
        "BEGIN\n \nsameab!cd\n \nq\ncdsameXX\nXX!\ncd!sameab\nFIN",
        {"REFINE_BLOCK_MAX": 5, "REFINE_BUDGET": 12, "LINE_DIFF_MAX": 3},
        0.64,
        id="the_multiset_path_takes_a_shared_line_only_as_often_as_both_texts_hold_it",
    ),
]


@pytest.mark.parametrize(("draft", "corrected", "limits", "ratio"), _BOUNDARIES)
def test_the_long_path_at_its_limits(
    monkeypatch: pytest.MonkeyPatch,
    draft: str,
    corrected: str,
    limits: dict[str, int],
    ratio: float,
) -> None:
    monkeypatch.setattr(text_module, "CHAR_LEVEL_MAX", 2)
    for name, value in limits.items():
        monkeypatch.setattr(text_module, name, value)
    assert edit_ratio(draft, corrected) == ratio
