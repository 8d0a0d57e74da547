"""The detectors scan() runs (safety.py): one pattern and check per kind of secret
or personal data, each yielding (start, end, kind, data class, masked excerpt).

Pure and linear-time, as safety.py's design constraints say.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from itertools import islice

from aiops_tui.domain.models import DataClassName

ELLIPSIS = "…"

MAX_CANDIDATES = 100_000
"""Each pattern looks at most this many regex matches, checked or not."""


# --- patterns -------------------------------------------------------------
# Each is linear: bounded quantifiers, separators between repeated groups, no
# nested unbounded repetition. Each starts with a literal or a character class
# (the guard that a match does not begin inside a word is a lookbehind placed
# after that first character), so the regex engine skips ahead quickly instead
# of running a lookbehind at every position.
_PRIVATE_KEY = re.compile(r"-----BEGIN (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY(?: BLOCK)?-----")
_AWS_KEY = re.compile(r"A(?<![A-Za-z0-9]A)(?:KI|SI)A[0-9A-Z]{16}(?![A-Za-z0-9])")
_GITHUB = re.compile(
    r"g(?<![A-Za-z0-9_]g)(?:h[pousr]_[A-Za-z0-9]{36,255}|ithub_pat_[A-Za-z0-9_]{22,255})"
    r"(?![A-Za-z0-9_])"
)
_SLACK = re.compile(r"xox(?<![A-Za-z0-9]xox)[baprs]-[A-Za-z0-9-]{10,250}")
_OPENAI = re.compile(r"sk-(?<![A-Za-z0-9_-]sk-)[A-Za-z0-9_-]{20,250}")
# Matched from "earer" on (a literal); the start is moved back over the B.
_BEARER = re.compile(
    r"earer(?<=[Bb]earer)(?<![A-Za-z0-9].earer)[ \t]+([A-Za-z0-9._~+/=-]{20,4096})"
)
# `key: value` assignments, matched on the lower-cased text from the last
# word of the name (a literal); the rest of the name is checked in Python.
_ASSIGN_VALUE = r"[\"']?[ \t]*[:=][ \t]*[\"']?([^\s\"'`,;<>]{8,512})"
_ASSIGN_STEMS = tuple(
    (stem, re.compile(stem + _ASSIGN_VALUE))
    for stem in ("key", "token", "secret", "password", "passwd", "pwd")
)
_KEY_QUALIFIER = re.compile(r"(?<![a-z0-9])(?:api|access|secret|private|client|auth)[_-]?\Z")
_ASSIGNMENT_FALLBACK = re.compile(
    r"(?i)(?:(?<![a-z0-9])|(?<=[_-]))"
    r"((?:api|access|secret|private|client|auth)[_-]?key|token|secret|password|passwd|pwd)"
    + _ASSIGN_VALUE
)
_EMAIL_DOMAIN = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){1,8}[A-Za-z]{2,24}(?![\w-])")
# Greedy up to the last character that cannot be in a local part: the
# local part of an address ending at "@" starts right after it.
_BEFORE_LOCAL = re.compile(r"(?s).*[^\w.%+-]")
# Phone shapes. Guards on both sides keep them from starting or ending inside
# a longer number, a version string (1.2.3), an IP address or a word.
_PHONE_INTL = re.compile(
    r"\+(?<![\w+]\+)[1-9]\d{0,2}"
    r"(?:[ .-]?\(\d{1,5}\)[ .-]?\d{1,8}|[ .-]\d{1,8}|\d{6,13})(?:[ .-]\d{1,8}){0,5}"
    r"(?![\w]|[.:/-]\d)"
)
_NANP_AREA = r"(?:\([2-9]\d{2}\)[ .-]?|[2-9]\d{2}[ .-])"
_PHONE_NANP = re.compile(  # (555) 123-4567, 555-123-4567, 1-800-555-1234
    r"[(1-9](?<![\w.+/:-][(1-9])"
    r"(?:(?<=\()[2-9]\d{2}\)[ .-]?|(?<=1)[ .-]" + _NANP_AREA + r"|(?<=[2-9])\d{2}[ .-])"
    r"\d{3}[ .-]\d{4}(?![\w]|[.:/-]\d)"
)
_PHONE_TRUNK = re.compile(  # 020 7946 0958, (030) 1234 5678, 06 12 34 56 78
    r"[(0](?<![\w.+/:-][(0])(?:(?<=\()0\d{1,4}\)|(?<=0)\d{1,4})"
    r"(?:[ .-]\d{2,8}){1,4}(?![\w]|[.:/-]\d)"
)
# 13-19 digits, unseparated or in groups of 3-6 (4-4-4-4, Amex 4-6-5).
_CARD = re.compile(r"\d(?<![\w.,+-]\d)(?:\d{12,18}|\d{2,5}(?:[ -]\d{3,6}){1,5})(?![\w]|[.,-]?\d)")

_DATE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d{2}[ ./-]\d{1,2}[ ./-]\d{1,2}|\d{1,2}[ ./-]\d{1,2}[ ./-](?:19|20)\d{2})"
    r"(?!\d)"
)
_YEAR_GROUPS = re.compile(r"(?:(?:19|20)\d{2}[ .-]?)+")
_NOT_TLDS = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp"})
_PLACEHOLDER_WORDS = frozenset(
    {"none", "null", "undefined", "redacted", "example", "placeholder", "required", "optional"}
)


# --- helpers ---------------------------------------------------------------


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), stopping after MAX_CANDIDATES matches."""
    return islice(pattern.finditer(text), MAX_CANDIDATES)


def _tail(value: str, keep: int = 4, min_len: int = 16) -> str:
    """Last `keep` characters, shown only when they are a small part of the value."""
    return value[-keep:] if len(value) >= min_len else ""


_NON_DIGIT = re.compile(r"\D+")


def _digits(value: str) -> str:
    return _NON_DIGIT.sub("", value)


def luhn_ok(number: str) -> bool:
    """The Luhn checksum card numbers carry; rejects most random digit runs."""
    digits = _digits(number)
    if not digits:
        return False
    total = 0
    for index, ch in enumerate(reversed(digits)):
        n = ord(ch) - 48
        if index % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def _has_letter_and_digit(value: str) -> bool:
    """Real tokens are random; a slug like 'sk-customer-onboarding-flow' is not."""
    return any(ch.isdigit() for ch in value) and any(ch.isalpha() for ch in value)


def _inside_placeholder(text: str, start: int, end: int) -> bool:
    """True when [start, end) sits between `{{` and `}}` on one line."""
    opening = text.rfind("{{", max(0, start - 200), start)
    if opening == -1 or text.find("}}", opening, start) != -1:
        return False
    if text.find("\n", opening, start) != -1:
        return False
    closing = text.find("}}", end, end + 200)
    return closing != -1 and text.find("\n", end, closing) == -1


def _placeholder_value(value: str) -> bool:
    """Values that only stand in for a secret: {{x}}, ${X}, $X, ********, 'none'."""
    if value[0] in "{$%([" or "(" in value or "[" in value:
        return True
    if len(set(value)) == 1:
        return True
    lowered = value.lower()
    return (
        lowered in _PLACEHOLDER_WORDS
        or "xxxx" in lowered
        or "****" in value
        or ELLIPSIS in value
        or lowered.startswith(("your", "<", "process.env", "env."))
    )


# --- detectors ---------------------------------------------------------------
# Each yields (start, end, kind, data_class, excerpt). Lower priority number
# wins when two findings overlap (a Bearer sk-... token is reported once).

Raw = tuple[int, int, str, DataClassName, str]
_CRED = DataClassName.CREDENTIALS
_PERSONAL = DataClassName.CUSTOMER_PERSONAL
_FINANCIAL = DataClassName.FINANCIAL


def private_keys(text: str) -> Iterator[Raw]:
    if "PRIVATE KEY" not in text:
        return
    for m in _matches(_PRIVATE_KEY, text):
        yield m.start(), m.end(), "private_key", _CRED, m.group(0)


def aws_keys(text: str) -> Iterator[Raw]:
    if "AKIA" not in text and "ASIA" not in text:
        return
    for m in _matches(_AWS_KEY, text):
        yield m.start(), m.end(), "aws_key", _CRED, f"{m.group(0)[:4]}{ELLIPSIS}{m.group(0)[-4:]}"


def github_tokens(text: str) -> Iterator[Raw]:
    if not any(p in text for p in ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")):
        return
    for m in _matches(_GITHUB, text):
        token = m.group(0)
        prefix = token[: token.index("_") + 1] if token.startswith("gh") else "github_pat_"
        excerpt = f"{prefix}{ELLIPSIS}{_tail(token)}"
        yield m.start(), m.end(), "github_token", _CRED, excerpt


def slack_tokens(text: str) -> Iterator[Raw]:
    if "xox" not in text:
        return
    for m in _matches(_SLACK, text):
        token = m.group(0)
        if _has_letter_and_digit(token[5:]):
            yield m.start(), m.end(), "slack_token", _CRED, f"{token[:5]}{ELLIPSIS}{_tail(token)}"


def openai_keys(text: str) -> Iterator[Raw]:
    if "sk-" not in text:
        return
    for m in _matches(_OPENAI, text):
        token = m.group(0)
        if _has_letter_and_digit(token[3:]):
            yield m.start(), m.end(), "api_key", _CRED, f"sk-{ELLIPSIS}{_tail(token)}"


def bearer_tokens(text: str) -> Iterator[Raw]:
    if "earer" not in text:
        return
    for m in _matches(_BEARER, text):
        token = m.group(1)
        if any(ch.isdigit() for ch in token) and not _placeholder_value(token):
            excerpt = f"Bearer {ELLIPSIS}{_tail(token)}"
            yield m.start() - 1, m.end(), "bearer_token", _CRED, excerpt


def _assignment_name(lowered: str, stem: str, start: int) -> str | None:
    """The full name before a matched stem (`api_key`, `db_password`), if it counts.

    token / secret / password must start a word or follow `_` or `-`
    (`csrf_token`, `DB_PASSWORD`, not `tokens` or `mypassword`); a plain `key`
    is too common, so it needs a qualifier (`api_key`, `secret-key`).
    """
    before = lowered[max(0, start - 12) : start]
    if stem == "key":
        qualifier = _KEY_QUALIFIER.search(before)
        return qualifier.group(0) + stem if qualifier else None
    if before and before[-1].isalnum():
        return None
    return stem


def assignments(text: str) -> Iterator[Raw]:
    lowered = text.lower()
    if not any(stem in lowered for stem, _ in _ASSIGN_STEMS):
        return
    if len(lowered) != len(text):
        # Rare: lower-casing changed the length (e.g. 'İ'), so offsets would
        # not line up; use the slower case-insensitive pattern instead.
        for m in _matches(_ASSIGNMENT_FALLBACK, text):
            if not _placeholder_value(m.group(2)):
                yield m.start(2), m.end(2), "secret", _CRED, f"{m.group(1)}={ELLIPSIS}"
        return
    yield from heapq.merge(
        *(
            _assignment_stem(text, lowered, stem, pattern)
            for stem, pattern in _ASSIGN_STEMS
            if stem in lowered
        )
    )


def _assignment_stem(text: str, lowered: str, stem: str, pattern: re.Pattern[str]) -> Iterator[Raw]:
    for m in _matches(pattern, lowered):
        name = _assignment_name(lowered, stem, m.start())
        value = text[m.start(1) : m.end(1)]
        if name is None or _placeholder_value(value):
            continue
        shown = text[m.start() - len(name) + len(stem) : m.start() + len(stem)]
        yield m.start(1), m.end(1), "secret", _CRED, f"{shown}={ELLIPSIS}"


def emails(text: str) -> Iterator[Raw]:
    # Anchored on "@" (fast to find); the local part is read backwards from it.
    if "@" not in text:
        return
    for m in _matches(_EMAIL_DOMAIN, text):
        at = m.start()
        window = max(0, at - 65)
        before = _BEFORE_LOCAL.match(text, window, at)
        if before is not None:
            start = before.end()
        elif at <= 64:
            start = 0
        else:
            continue  # the local part is longer than 64 characters
        if start == at:
            continue
        domain = m.group(0)[1:]
        if domain.rsplit(".", 1)[-1].lower() in _NOT_TLDS:
            continue
        yield start, m.end(), "email", _PERSONAL, f"{text[start]}{ELLIPSIS}@{domain}"


def _phone_ok(candidate: str, minimum: int) -> bool:
    digits = _digits(candidate)
    if not minimum <= len(digits) <= 15:
        return False
    if _DATE.search(candidate):
        return False
    return not _YEAR_GROUPS.fullmatch(candidate.lstrip("+"))


def _phone_shape(text: str, pattern: re.Pattern[str], minimum: int) -> Iterator[Raw]:
    for m in _matches(pattern, text):
        candidate = m.group(0)
        if not _phone_ok(candidate, minimum):
            continue
        if _inside_placeholder(text, m.start(), m.end()):
            continue
        excerpt = f"{ELLIPSIS}{_digits(candidate)[-4:]}"
        yield m.start(), m.end(), "phone", _PERSONAL, excerpt


def phones(text: str) -> Iterator[Raw]:
    """International, North American and trunk-0 numbers, merged in text order."""
    shapes = [_phone_shape(text, _PHONE_NANP, 10), _phone_shape(text, _PHONE_TRUNK, 10)]
    if "+" in text:
        shapes.append(_phone_shape(text, _PHONE_INTL, 8))
    return heapq.merge(*shapes)


def cards(text: str) -> Iterator[Raw]:
    for m in _matches(_CARD, text):
        candidate = m.group(0)
        digits = _digits(candidate)
        if not 13 <= len(digits) <= 19 or len(set(digits)) == 1:
            continue
        if not luhn_ok(digits) or _inside_placeholder(text, m.start(), m.end()):
            continue
        yield m.start(), m.end(), "card_number", _FINANCIAL, f"{ELLIPSIS}{digits[-4:]}"
