"""Counted nouns: "1 workflow", "3 workflows", "1 entry", "2 entries".

Every count shown to a person (screens, `aiops check`, the playbook) goes
through `plural`, so no line says "1 workflows".
"""

from __future__ import annotations

import re

IRREGULAR = {"person": "people"}


def plural_of(noun: str) -> str:
    """The plural of one lower-case English noun as aiops uses them."""
    last = noun.rsplit(" ", 1)
    head, word = (last[0] + " ", last[1]) if len(last) == 2 else ("", noun)
    if word in IRREGULAR:
        return head + IRREGULAR[word]
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return head + word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return head + word + "es"
    return head + word + "s"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`count` and the noun in the right number: plural(1, "workflow") == "1 workflow".

    `many` gives a plural the rules above do not know.
    """
    return f"{count} {noun if count == 1 else (many or plural_of(noun))}"


SUMMARY_MAX = 500
"""A change-log line stays a line: a long title is cut (the item keeps it whole)."""


def queued_summary(title: str, workflow: str, revises_id: int | None = None) -> str:
    """The change-log line of a queued draft, the same from `review add`, import and the app."""
    line = f"queued {title!r} for {workflow}"[:SUMMARY_MAX]
    return line + (f" (revision of #{revises_id})" if revises_id else "")


_OLD_LINKS = re.compile(r"^(tools|workflows): \+(\d+) -(\d+)$")
_OLD_LABEL = re.compile(r"^(.*?)(\S+) v(\d+|-) -> v(\d+)(?: \((.*)\))?$", re.DOTALL)


def reworded(summary: str) -> str:
    """A change-log line written by an older aiops, in the words this one writes.

    The log is append-only, so old rows keep their text; they are read through
    this. Older versions wrote link changes as counts ("tools: +1 -0": the names
    were not kept, so the counts are said in words) and label moves as
    "support-triage: production v1 -> v2 (why)". Anything else is returned as it is.
    """
    links = _OLD_LINKS.match(summary)
    if links:
        what, added, removed = links.groups()
        parts = [f"{n} {verb}" for n, verb in ((added, "added"), (removed, "removed")) if int(n)]
        return f"{what}: " + (", ".join(parts) if parts else "unchanged")
    label = _OLD_LABEL.match(summary)
    if label:
        prompt, name, old, new, why = label.groups()
        moved = f"v{old} → v{new}" if old != "-" else f"set to v{new}"
        return f"{prompt}{name} label: {moved}" + (f", why: {why}" if why else "")
    return summary
