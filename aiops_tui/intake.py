"""`aiops review add` and `aiops review import`: automations queue their drafts.

Two layers. `parse_line` is pure: it turns one JSON line into an `IntakeLine`
or a reason it is bad, so the rules can be tested without a database.
`resolve` then checks names against the store (workflow, prompt@version) and
builds the `ReviewItem`. An import is all or nothing: every line is checked
before anything is written, and the good items are written in one
transaction, so a half-imported batch never exists.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from aiops_tui.models import NAME_MAX, TEXT_MAX, CleanName, ReviewItem
from aiops_tui.storage.store import Store

REQUIRED = ("workflow", "title", "output")
OPTIONAL = ("input", "source", "prompt")
SOURCE_MAX = NAME_MAX
_TITLE: TypeAdapter[str] = TypeAdapter(CleanName)


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


def parse_line(text: str) -> IntakeLine:
    """Check the shape of one JSON line; raise IntakeError with the reason."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise IntakeError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise IntakeError('must be a JSON object like {"workflow": ..., "title": ...}')
    unknown = sorted(set(data) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise IntakeError(
            f"unknown field {', '.join(repr(k) for k in unknown)}"
            f" (known: {', '.join(REQUIRED + OPTIONAL)})"
        )
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise IntakeError(f"missing {', '.join(repr(k) for k in missing)}")
    for key in REQUIRED + OPTIONAL:
        if key in data and data[key] is not None and not isinstance(data[key], str):
            raise IntakeError(f"{key!r} must be a string, not {type(data[key]).__name__}")
    for key in REQUIRED:
        if not (data[key] or "").strip():
            raise IntakeError(f"{key!r} is empty")
    if len(data["output"]) > TEXT_MAX or len(data.get("input") or "") > TEXT_MAX:
        raise IntakeError(f"a text is longer than {TEXT_MAX:,} characters")
    source = (data.get("source") or "").strip()
    if len(source) > SOURCE_MAX:
        raise IntakeError(f"'source' is longer than {SOURCE_MAX} characters")
    prompt = (data.get("prompt") or "").strip() or None
    if prompt is not None:
        parse_prompt_ref(prompt)
    try:
        _TITLE.validate_python(data["title"])
    except ValidationError as error:
        message = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise IntakeError(f"'title' {message}") from None
    return IntakeLine(
        workflow=data["workflow"].strip(),
        title=data["title"].strip(),
        output=data["output"],
        input=data.get("input") or "",
        source=source,
        prompt=prompt,
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


def resolve(store: Store, line: IntakeLine, default_source: str = "import") -> ReviewItem:
    """Look the names up and build the item; unknown names are errors, never creations."""
    workflow = store.workflows.by_name(line.workflow)
    if workflow is None:
        raise IntakeError(f"unknown workflow {line.workflow!r}")
    version_id: int | None = None
    if line.prompt:
        name, number = parse_prompt_ref(line.prompt)
        prompt = store.prompts.by_name(name)
        if prompt is None:
            raise IntakeError(f"unknown prompt {name!r}")
        if number is None:
            version = store.prompts.production(prompt.id or 0) or store.prompts.latest(
                prompt.id or 0
            )
            if version is None:
                raise IntakeError(f"prompt {name!r} has no versions")
        else:
            version = store.prompts.version(prompt.id or 0, number)
            if version is None:
                raise IntakeError(f"prompt {name!r} has no version {number}")
        version_id = version.id
    return ReviewItem(
        workflow_id=workflow.id or 0,
        prompt_version_id=version_id,
        title=line.title,
        input=line.input,
        output=line.output,
        source=line.source or default_source,
        submitted_at=store.clock(),
    )


@dataclass(frozen=True)
class ImportResult:
    imported: list[ReviewItem]
    errors: list[LineError]


def import_lines(store: Store, lines: list[str], skip_invalid: bool = False) -> ImportResult:
    """Check every line, then write the good ones in one transaction.

    Without `skip_invalid`, any bad line means nothing is written and the
    result lists every bad line; with it, the good lines are written and the
    bad ones reported.
    """
    parsed, errors = parse_lines(lines)
    items: list[ReviewItem] = []
    for number, line in parsed:
        try:
            items.append(resolve(store, line))
        except IntakeError as error:
            errors.append(LineError(number, str(error)))
    errors.sort(key=lambda e: e.line)
    if errors and not skip_invalid:
        return ImportResult([], errors)
    stored: list[ReviewItem] = []
    with store.db.transaction():
        for item in items:
            stored.append(store.reviews.add(item))
    return ImportResult(stored, errors)


# -- the command line --------------------------------------------------------------


def _read_text(path: str, what: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise IntakeError(f"{what} {path} is not UTF-8 text") from None
    except OSError as error:
        raise IntakeError(f"cannot read {what} {path}: {error.strerror or error}") from None


def _open_store(args: argparse.Namespace) -> Store:
    from aiops_tui.cli import open_store

    return open_store(args)


def cmd_add(args: argparse.Namespace) -> int:
    from aiops_tui.cli import CliError

    try:
        output = _read_text(args.output_file, "output file")
        if not output.strip():
            raise IntakeError("the output is empty: nothing to review")
        text = "" if args.input_file is None else _read_text(args.input_file, "input file")
        line = IntakeLine(
            workflow=args.workflow.strip(),
            title=args.title,
            output=output,
            input=text,
            source=args.source.strip(),
            prompt=(args.prompt or "").strip() or None,
        )
        store = _open_store(args)
        try:
            item = store.reviews.add(resolve(store, line, default_source="cli"))
            wf = store.workflows.get(item.workflow_id)
        finally:
            store.close()
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise CliError(f"{field} {first['msg'].removeprefix('Value error, ')}") from None
    except IntakeError as error:
        raise CliError(str(error)) from None
    flags = f"; data flags: {'; '.join(item.data_flags)}" if item.data_flags else ""
    sign = " (needs sign-off)" if item.needs_signoff else ""
    print(f"queued #{item.id} {item.title!r} for {wf.name if wf else '?'}{sign}{flags}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from aiops_tui.cli import EXIT_USAGE, CliError

    try:
        raw = _read_text(args.file, "file")
    except IntakeError as error:
        raise CliError(str(error)) from None
    store = _open_store(args)
    try:
        result = import_lines(store, raw.splitlines(), skip_invalid=args.skip_invalid)
    finally:
        store.close()
    for error in result.errors:
        print(f"aiops: {args.file}: {error}", file=sys.stderr)
    if result.errors and not args.skip_invalid:
        print(
            f"aiops: {args.file}: refused: {len(result.errors)} bad line(s); nothing imported"
            " (--skip-invalid imports the good lines)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if result.errors and not result.imported:
        print(f"aiops: {args.file}: no good lines; nothing imported", file=sys.stderr)
        return EXIT_USAGE
    flagged = sum(1 for item in result.imported if item.data_flags)
    skipped = f", skipped {len(result.errors)} bad line(s)" if result.errors else ""
    note = f", {flagged} with data flags" if flagged else ""
    empty = " (the file has no items)" if not result.imported and not result.errors else ""
    print(f"imported {len(result.imported)} item(s) from {args.file}{note}{skipped}{empty}")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from aiops_tui.cli import CliError

    if args.review_command == "add":
        return cmd_add(args)
    if args.review_command == "import":
        return cmd_import(args)
    raise CliError("review needs an action: add or import (see aiops review --help)")
