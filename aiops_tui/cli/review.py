"""`aiops review add`, `import` and `decide`: automations queue drafts, people decide."""

from __future__ import annotations

import argparse
import io
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError

from aiops_tui.cli.common import EXIT_USAGE, CliError, open_store
from aiops_tui.domain.intake import IntakeError, line_from_fields
from aiops_tui.domain.models import Decision, ReviewDecision
from aiops_tui.domain.signoff import approval_refusal
from aiops_tui.domain.text import inert
from aiops_tui.domain.words import plural
from aiops_tui.storage.intake import import_lines, read_lines, resolve


def _read_text(path: str, what: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise IntakeError(f"{what} {path} is not UTF-8 text") from None
    except OSError as error:
        raise IntakeError(f"cannot read {what} {path}: {error.strerror or error}") from None


def stdin_is_piped() -> bool:
    """Is a draft waiting on standard input: a pipe or a redirected file?

    Not a terminal (reading it would wait for typing nobody meant to do) and not
    /dev/null (a cron job without input). Text handed in without a file
    descriptor (a caller's StringIO) counts as piped.
    """
    stdin = sys.stdin
    if stdin is None or stdin.closed:
        return False
    try:
        mode = os.fstat(stdin.fileno()).st_mode
    except (OSError, ValueError, io.UnsupportedOperation):
        return not stdin.isatty()
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


def cmd_add(args: argparse.Namespace) -> int:
    output_file = args.output_file
    if output_file is None:
        if not stdin_is_piped():
            raise CliError(
                "--output-file is required: give the draft's file, or pipe it in"
                " (generate | aiops review add ...)"
            )
        output_file = "-"
    try:
        output = _read_text(output_file, "output file")
        if not output.strip():
            raise IntakeError("the output is empty: nothing to review")
        text = "" if args.input_file is None else _read_text(args.input_file, "input file")
        line = line_from_fields(
            {
                "workflow": args.workflow,
                "title": args.title,
                "output": output,
                "input": text,
                "source": args.source,
                "prompt": args.prompt,
                "revises": args.revises,
            }
        )
        store = open_store(args)
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
    revises = f", revising #{item.revises_id}" if item.revises_id else ""
    name = wf.name if wf else "?"
    print(inert(f"queued #{item.id} {item.title!r} for {name}{revises}{sign}{flags}"))
    return 0


@contextmanager
def _lines_file(name: str) -> Iterator[BinaryIO]:
    """The file to import, opened for reading line by line (`-` is stdin)."""
    if name == "-":
        yield sys.stdin.buffer
        return
    path = Path(name)
    if path.is_dir():
        raise CliError(f"cannot read file {name}: it is a folder")
    try:
        handle = path.open("rb")
    except OSError as error:
        raise CliError(f"cannot read file {name}: {error.strerror or error}") from None
    with handle:
        yield handle


def cmd_import(args: argparse.Namespace) -> int:
    with _lines_file(args.file) as handle:
        store = open_store(args)
        try:
            result = import_lines(store, read_lines(handle), skip_invalid=args.skip_invalid)
        finally:
            store.close()
    for problem in result.errors:
        print(inert(f"aiops: {args.file}: {problem}", one_line=True), file=sys.stderr)
    if result.errors and not args.skip_invalid:
        print(
            f"aiops: {args.file}: refused: {plural(len(result.errors), 'bad line')};"
            " nothing imported"
            " (--skip-invalid imports the good lines)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if result.errors and not result.imported:
        print(f"aiops: {args.file}: no good lines; nothing imported", file=sys.stderr)
        return EXIT_USAGE
    skipped = f", skipped {plural(len(result.errors), 'bad line')}" if result.errors else ""
    note = f", {result.flagged} with data flags" if result.flagged else ""
    empty = " (the file has no items)" if not result.imported and not result.errors else ""
    print(f"imported {plural(result.imported, 'item')} from {args.file}{note}{skipped}{empty}")
    return 0


DECISIONS = {
    "approve": Decision.APPROVED,
    "changes": Decision.CHANGES_REQUESTED,
    "reject": Decision.REJECTED,
}


def cmd_decide(args: argparse.Namespace) -> int:
    """Decide one item as the acting person (--as, else config.toml), as the app would."""
    decision = DECISIONS[args.decision]
    store = open_store(args)
    try:
        item = store.reviews.get(args.id)
        if item is None:
            raise CliError(f"no review item #{args.id}")
        if decision == Decision.APPROVED:
            signer = store.reviews.signoff_person(args.id) if item.needs_signoff else None
            refusal = approval_refusal(item.needs_signoff, signer, store.actor)
            if refusal is not None:
                again = (
                    f" (aiops review decide {args.id} approve --as {signer!r})" if signer else ""
                )
                raise CliError(f"not approved: {refusal}; acting as {store.actor}{again}")
        try:
            saved = store.reviews.decide(
                ReviewDecision(
                    item_id=args.id,
                    reviewer=store.actor,
                    decision=decision,
                    note=args.note,
                    decided_at=store.clock(),
                )
            )
        except ValidationError as error:
            raise CliError(error.errors()[0]["msg"].removeprefix("Value error, ")) from None
    finally:
        store.close()
    print(f"{str(saved.decision).replace('_', ' ')} #{args.id} {item.title!r} as {saved.reviewer}")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    if args.review_command == "add":
        return cmd_add(args)
    if args.review_command == "import":
        return cmd_import(args)
    if args.review_command == "decide":
        return cmd_decide(args)
    raise CliError("review needs an action: add, import or decide (see aiops review --help)")
