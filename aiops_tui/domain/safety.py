"""Scan text for secrets and personal data before it goes near an AI tool.

The governance rules say which data classes may be used with AI (credentials
are forbidden everywhere; customer personal and financial data often need
approval). Rules on paper are not enough: people paste an API key into a
prompt or a customer's phone number into a review item without noticing. This
scan finds the common cases so the app can flag a review item, warn before a
prompt version is saved, and list what it found with masked excerpts, never
repeating the secret itself.

Design constraints:
  * pure: no Textual, no SQLite, no network;
  * linear time: review outputs may be megabytes, so every pattern is either
    anchored on a literal or bounded, and none has nested unbounded
    quantifiers (no catastrophic backtracking). A 10 MB text scans in
    about a second;
  * prefer precision over recall for personal data: dates, years, version
    numbers, IP addresses and `{{placeholders}}` are not phone numbers, and a
    digit run is a card number only if it passes the Luhn check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice

from aiops_tui.domain.detectors import (
    Raw,
    assignments,
    aws_keys,
    bearer_tokens,
    cards,
    emails,
    github_tokens,
    openai_keys,
    phones,
    private_keys,
    slack_tokens,
)
from aiops_tui.domain.models import DataClassName

MAX_FINDINGS = 1_000
"""scan() reports at most this many findings (the first ones in the text).

A text with more is flagged either way; the cap keeps a pathological input
(a 10 MB customer export) from costing seconds of Python per finding.
"""


@dataclass(frozen=True)
class Finding:
    """One suspected secret or piece of personal data.

    `excerpt` is masked (e.g. 'sk-…9f2a') so listing findings never leaks
    what was found; `line` is 1-based.
    """

    kind: str
    data_class: DataClassName
    excerpt: str
    line: int


_Ranked = tuple[int, int, int, str, DataClassName, str]

_DETECTORS: tuple[tuple[int, Callable[[str], Iterable[Raw]]], ...] = (
    (0, private_keys),
    (1, aws_keys),
    (2, github_tokens),
    (3, slack_tokens),
    (4, openai_keys),
    (5, bearer_tokens),
    (7, cards),
    (8, emails),
    (9, phones),
)
_ASSIGNMENT_PRIORITY = 6


def _dedupe(raws: list[_Ranked]) -> list[_Ranked]:
    """Keep one finding per overlapping span: the one with the best priority."""
    raws.sort(key=lambda r: (r[0], r[2]))
    kept: list[_Ranked] = []
    for raw in raws:
        if kept and raw[0] < kept[-1][1]:
            if raw[2] < kept[-1][2]:
                kept[-1] = raw
            continue
        kept.append(raw)
    return kept


def scan(text: str, limit: int = MAX_FINDINGS) -> list[Finding]:
    """Suspected secrets and personal data in `text`, in order of position.

    Overlapping matches are reported once, the most specific kind winning
    (an `sk-` key inside `Authorization: Bearer ...` is an api_key). At most
    `limit` findings are returned: the first ones in the text.
    """
    if not text or limit <= 0:
        return []
    detectors: list[tuple[int, Callable[[str], Iterable[Raw]]]] = [
        *_DETECTORS,
        (_ASSIGNMENT_PRIORITY, assignments),
    ]
    raws: list[_Ranked] = []
    for priority, detector in detectors:
        # The first `limit` of each kind include every finding among the
        # first `limit` overall, so capping per detector loses nothing.
        for start, end, kind, data_class, excerpt in islice(detector(text), limit):
            raws.append((start, end, priority, kind, data_class, excerpt))

    findings: list[Finding] = []
    line, position = 1, 0
    for start, _end, _priority, kind, data_class, excerpt in _dedupe(raws)[:limit]:
        line += text.count("\n", position, start)
        position = start
        findings.append(Finding(kind=kind, data_class=data_class, excerpt=excerpt, line=line))
    return findings


def forbidden_findings(findings: Iterable[Finding], forbidden: set[DataClassName]) -> list[Finding]:
    """The findings whose data class the governance rules forbid for AI use."""
    return [finding for finding in findings if finding.data_class in forbidden]
