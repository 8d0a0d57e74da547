"""Parsing the drafts automations queue: one JSON line into an `IntakeLine`.

Pure, so the rules of the file format are tested without a database; names
are looked up against the store later, in `storage.intake`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from aiops_tui.domain.models import NAME_MAX, TEXT_MAX, CleanName

REQUIRED = ("workflow", "title", "output")
OPTIONAL = ("input", "source", "prompt")
LINKS = ("revises",)
"""Fields holding an item id rather than text."""
SOURCE_MAX = NAME_MAX
_TITLE: TypeAdapter[str] = TypeAdapter(CleanName)
_SURROGATE = re.compile("[\ud800-\udfff]")


class IntakeError(ValueError):
    """One bad line or argument, worded for the person who wrote the file."""


@dataclass(frozen=True)
class IntakeLine:
    """One draft as written in the file, before names are looked up."""

    workflow: str
    title: str
    output: str
    input: str = ""
    source: str = ""
    prompt: str | None = None
    revises: int | None = None
    """The id of the item this draft revises (one whose changes were requested)."""


@dataclass(frozen=True)
class LineError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


def parse_prompt_ref(text: str) -> tuple[str, int | None]:
    """'name@3' -> ('name', 3); 'name' -> ('name', None) (the production version)."""
    name, sep, version = text.strip().rpartition("@")
    if not sep:
        return text.strip(), None
    if not name.strip():
        raise IntakeError(f"prompt {text!r} has no name before '@'")
    if not version.isdigit() or int(version) < 1:
        raise IntakeError(f"prompt {text!r}: the version after '@' must be a number from 1")
    return name.strip(), int(version)


def _one_line(key: str, value: str) -> None:
    """A name-like field: the rules of `CleanName` (length, no control characters)."""
    try:
        _TITLE.validate_python(value)
    except ValidationError as error:
        message = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise IntakeError(f"{key!r} {message}") from None


def parse_line(text: str) -> IntakeLine:
    """Check the shape of one JSON line; raise IntakeError with the reason."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise IntakeError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise IntakeError("not valid JSON (nested too deeply)") from None
    return line_from_fields(data)


def line_from_fields(data: object) -> IntakeLine:
    """The rules for one draft, whether it came as a JSON line or as `review add` options."""
    if not isinstance(data, dict):
        raise IntakeError('must be a JSON object like {"workflow": ..., "title": ...}')
    unknown = sorted(set(data) - set(REQUIRED) - set(OPTIONAL) - set(LINKS))
    if unknown:
        raise IntakeError(
            f"unknown field {', '.join(repr(k) for k in unknown)}"
            f" (known: {', '.join(REQUIRED + OPTIONAL + LINKS)})"
        )
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise IntakeError(f"missing {', '.join(repr(k) for k in missing)}")
    revises = data.get("revises")
    if revises is not None and (
        isinstance(revises, bool) or not isinstance(revises, int) or revises < 1
    ):
        raise IntakeError("'revises' must be the id of a review item (a whole number from 1)")
    for key in REQUIRED + OPTIONAL:
        if key in data and data[key] is not None and not isinstance(data[key], str):
            raise IntakeError(f"{key!r} must be a string, not {type(data[key]).__name__}")
        found = _SURROGATE.search(data[key]) if isinstance(data.get(key), str) else None
        if found:
            raise IntakeError(
                f"{key!r} holds a lone surrogate ({found.group()!r}), which is not text"
            )
    for key in REQUIRED:
        if not (data[key] or "").strip():
            raise IntakeError(f"{key!r} is empty")
    if len(data["output"]) > TEXT_MAX or len(data.get("input") or "") > TEXT_MAX:
        raise IntakeError(f"a text is longer than {TEXT_MAX:,} characters")
    source = (data.get("source") or "").strip()
    if len(source) > SOURCE_MAX:
        raise IntakeError(f"'source' is longer than {SOURCE_MAX} characters")
    for key, value in (("source", source), ("workflow", data["workflow"])):
        if value:
            _one_line(key, value)
    prompt = (data.get("prompt") or "").strip() or None
    if prompt is not None:
        parse_prompt_ref(prompt)
    _one_line("title", data["title"])
    return IntakeLine(
        workflow=data["workflow"].strip(),
        title=data["title"].strip(),
        output=data["output"],
        input=data.get("input") or "",
        source=source,
        prompt=prompt,
        revises=revises,
    )


def parse_lines(lines: list[str]) -> tuple[list[tuple[int, IntakeLine]], list[LineError]]:
    """Good lines with their 1-based numbers, and the bad ones; blank lines are skipped."""
    good: list[tuple[int, IntakeLine]] = []
    bad: list[LineError] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            good.append((number, parse_line(text)))
        except IntakeError as error:
            bad.append(LineError(number, str(error)))
    return good, bad
