"""Text helpers for prompts and reviews: placeholders, diffs, rework share.

Prompts carry `{{ name }}` placeholders; the app lists them as the prompt's
variables and fills them for a try-out. Prompt versions are compared with a
unified diff, because a change note is only trusted if the change is visible.
A reviewer's corrected output against the AI draft gives the rework figure:
how much of the draft a human had to change, the honest measure of whether a
workflow saves time.

`inert` is the one function every output path (terminal widgets, stdout,
stderr, Markdown and HTML files) passes stored text through, so no stored
escape sequence ever acts on a terminal or a reader.

Pure functions; no Textual, no SQLite.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

_PLACEHOLDER = re.compile(r"\{\{\s*([\w.\-]+)\s*\}\}")

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Embeddings, overrides and isolates: they reorder what follows them on screen."""

UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
"""Every character `inert` replaces (C0 incl. tab and newline, DEL, C1, bidi, surrogates)."""

_KEPT_IN_BLOCKS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
_BLOCK_LINE_ENDS = re.compile(r"\r\n")


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟: the Unicode control pictures
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\u{code:04x}"  # C1, bidi, lone surrogates: shown as their escape


_STAND_INS = {code: _stand_in(chr(code)) for code in range(0x20)}
_STAND_INS[0x7F] = _stand_in("\x7f")
_ONE_LINE = {**_STAND_INS, ord("\n"): "\u23ce", ord("\t"): " "}  # ⏎, and a tab is a space


def inert(text: str, one_line: bool = False) -> str:
    """`text` with every control character shown as a visible, harmless stand-in.

    C0 controls become control pictures (ESC is `␛`), DEL `␡`, and C1 controls,
    bidi overrides and lone surrogates their escape (`\\u009b`, `\\u202e`). A
    multi-line body keeps its line breaks and tabs (`\\r\\n` read as `\\n`);
    with `one_line`, a line break shows as `⏎` and a tab as a space. Text without
    any of these characters is returned as it is (the common, fast case).
    """
    pattern = UNSAFE if one_line else _KEPT_IN_BLOCKS
    if pattern.search(text) is None:
        return text
    if not one_line:
        text = _BLOCK_LINE_ENDS.sub("\n", text)
    table = _ONE_LINE if one_line else _STAND_INS
    return pattern.sub(lambda m: table.get(ord(m.group())) or _stand_in(m.group()), text)


def has_control(text: str) -> bool:
    """True if `text` holds anything `inert` would replace in a one-line field."""
    return UNSAFE.search(text) is not None


CHAR_LEVEL_MAX = 2_000
"""Texts up to this length are compared character by character (exact ratio).

difflib's character matching is quadratic; at 2,000 characters it takes well
under 0.1 s, at 20,000 several seconds.
"""

LINE_DIFF_MAX = 2_000
"""Above this many lines, lines are matched as a multiset rather than diffed."""

REFINE_BLOCK_MAX = 600
"""Changed line blocks up to this many characters are refined character-wise."""

REFINE_BUDGET = 60_000
"""Total characters refined per call, which bounds the time for huge texts."""


def variables(body: str) -> list[str]:
    """The distinct `{{ name }}` placeholder names, in order of first appearance.

    Names are letters, digits, underscore, dot and dash; whitespace inside the
    braces is allowed, so `{{customer}}` and `{{ customer }}` are one variable.
    """
    seen: dict[str, None] = {}
    for match in _PLACEHOLDER.finditer(body):
        seen.setdefault(match.group(1), None)
    return list(seen)


def fill(body: str, values: dict[str, str]) -> str:
    """Replace the placeholders named in `values`; leave the others as they are.

    A single pass: a value that itself contains `{{ x }}` is not expanded again.
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return _PLACEHOLDER.sub(replace, body)


def unified_diff(old: str, new: str, old_label: str, new_label: str) -> list[str]:
    """A unified diff of two texts as lines without trailing newlines."""
    return list(
        difflib.unified_diff(
            old.splitlines(),
            new.splitlines(),
            fromfile=old_label,
            tofile=new_label,
            lineterm="",
        )
    )


def _char_matches(a: str, b: str) -> int:
    """Characters matched by difflib between a and b (exact; quadratic)."""
    if not a or not b:
        return 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def _pair_matches(old_lines: list[str], new_lines: list[str], budget: list[int]) -> int:
    """Matched characters between two runs of changed lines, paired in order.

    Each pair is compared exactly while the shared budget lasts, otherwise by
    common prefix and suffix (linear, and exact for an edit in one place).
    """
    matched = 0
    for old, new in zip(old_lines, new_lines, strict=False):
        size = len(old) + len(new)
        if max(len(old), len(new)) <= REFINE_BLOCK_MAX and size <= budget[0]:
            budget[0] -= size
            matched += _char_matches(old, new)
        else:
            prefix = _common_prefix_len(old, new)
            matched += prefix + _common_suffix_len(old[prefix:], new[prefix:])
    return matched


def _line_matches(a: str, b: str) -> int:
    """Approximate matched characters for long texts.

    Lines are matched first and equal lines count with all their characters.
    Changed lines are then paired in order and compared character by
    character (within a total budget, then by common prefix and suffix), so
    one word changed in a line does not count as the whole line rewritten.

    difflib is quadratic in lines at worst (e.g. a blank line inserted after
    every line), so beyond LINE_DIFF_MAX lines the lines are matched as a
    multiset instead: linear, and exact unless lines were moved.
    """
    a_lines = a.splitlines(keepends=True)
    b_lines = b.splitlines(keepends=True)
    budget = [REFINE_BUDGET]
    if max(len(a_lines), len(b_lines)) > LINE_DIFF_MAX:
        shared = Counter(a_lines) & Counter(b_lines)
        matched = sum(len(line) * count for line, count in shared.items())
        leftover = [
            [line for line in lines if not _take(shared_left, line)]
            for lines, shared_left in ((a_lines, Counter(shared)), (b_lines, Counter(shared)))
        ]
        return matched + _pair_matches(leftover[0], leftover[1], budget)
    matcher = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    matched = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            matched += sum(len(line) for line in a_lines[i1:i2])
        elif tag == "replace":
            old, new = a_lines[i1:i2], b_lines[j1:j2]
            size = sum(map(len, old)) + sum(map(len, new))
            if size <= REFINE_BLOCK_MAX and size <= budget[0]:
                budget[0] -= size
                matched += _char_matches("".join(old), "".join(new))
            else:
                matched += _pair_matches(old, new, budget)
    return matched


def _take(counter: Counter[str], line: str) -> bool:
    """Consume one `line` from counter if any is left; True if one was."""
    if counter[line] > 0:
        counter[line] -= 1
        return True
    return False


def _common_prefix_len(a: str, b: str) -> int:
    """Length of the common prefix, by binary search over C-level slice compares."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix_len(a: str, b: str) -> int:
    """Length of the common suffix, like _common_prefix_len."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def edit_ratio(draft: str, corrected: str) -> float:
    """Share of characters changed from draft to corrected, 0.0 to 1.0, 3 decimals.

    This is 1 - difflib.SequenceMatcher(...).ratio(). Short texts are compared
    exactly, character by character. For long texts (up to megabytes) the
    common prefix and suffix are stripped first; if what remains is short it
    is still compared exactly, otherwise lines are matched and small changed
    blocks refined, which keeps the call well under a second.
    """
    if draft == corrected:
        return 0.0
    total = len(draft) + len(corrected)
    if max(len(draft), len(corrected)) <= CHAR_LEVEL_MAX:
        return round(1.0 - 2.0 * _char_matches(draft, corrected) / total, 3)

    prefix = _common_prefix_len(draft, corrected)
    suffix = _common_suffix_len(draft[prefix:], corrected[prefix:])
    a = draft[prefix : len(draft) - suffix]
    b = corrected[prefix : len(corrected) - suffix]
    common = prefix + suffix
    if max(len(a), len(b)) <= CHAR_LEVEL_MAX:
        middle = _char_matches(a, b)
    else:
        middle = _line_matches(a, b)
    return round(min(1.0, max(0.0, 1.0 - 2.0 * (common + middle) / total)), 3)
