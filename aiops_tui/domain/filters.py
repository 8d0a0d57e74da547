"""The `/` filter language: free text plus `key:value` terms (status:live, owner:ana)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ParsedFilter:
    terms: dict[str, str] = field(default_factory=dict)
    text: str = ""

    @property
    def empty(self) -> bool:
        return not self.terms and not self.text


def parse_filter(query: str, keys: frozenset[str] | set[str]) -> ParsedFilter:
    """Split a query into known `key:value` terms and the remaining free text.

    Unknown keys stay in the free text, so a colon in a name still matches.
    """
    try:
        parts = shlex.split(query)
    except ValueError:
        parts = query.split()
    terms: dict[str, str] = {}
    words: list[str] = []
    for part in parts:
        key, sep, value = part.partition(":")
        if sep and key.lower() in keys and value:
            terms[key.lower()] = value
        else:
            words.append(part)
    return ParsedFilter(terms=terms, text=" ".join(words))


def words_match(query: str, *fields: str | None) -> bool:
    """Every word of `query` appears in one of `fields`, ignoring case: the `/` filter of
    the short lists (rituals, tools, data classes) that are read whole anyway."""
    haystack = " ".join(f for f in fields if f).casefold()
    return all(word in haystack for word in query.casefold().split())


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with % and _ escaped (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


CHANGE_KEYS = frozenset({"workflow", "who", "person", "kind"})


@dataclass(frozen=True)
class ChangeQuery:
    """What the Change log is filtered by: a workflow's name, who acted, the kind of
    record or of change (`prompt`, `decision`...), and words of the summary."""

    workflow: str = ""
    who: str = ""
    kind: str = ""
    text: str = ""

    @classmethod
    def parse(cls, query: str) -> ChangeQuery:
        """`workflow:support who:ana kind:decision words`; `person:` is `who:`."""
        parsed = parse_filter(query, CHANGE_KEYS)
        terms = parsed.terms
        return cls(
            workflow=terms.get("workflow", ""),
            who=terms.get("who", terms.get("person", "")),
            kind=terms.get("kind", "").lower(),
            text=parsed.text,
        )
