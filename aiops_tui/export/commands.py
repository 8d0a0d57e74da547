"""`aiops export`, `aiops backup` and `aiops restore`.

Mistakes (a bad date, an unknown workflow, a path that cannot be written, a
backup that is not an aiops database) end as one line on stderr and exit 2,
through `CliError`/`StoreError` in cli.main.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from aiops_tui.clock import fixed_clock
from aiops_tui.export.backup import backup_database, restore_database
from aiops_tui.export.playbook import render_export
from aiops_tui.export.writer import ExportError, write_text
from aiops_tui.storage.store import Store

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str) -> date:
    from aiops_tui.cli import CliError

    try:
        if not _DATE.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"--date must be a date like 2026-11-23, not {text!r}") from None


def _existing_db(args: argparse.Namespace) -> Path:
    """Export and backup read a database; they never create an empty one by mistake."""
    from aiops_tui.cli import CliError, _db_path

    path = _db_path(args)
    if not path.exists():
        raise CliError(f"no database at {path} (create one with aiops init)")
    return path


def _open(args: argparse.Namespace, on: date | None) -> Store:
    from aiops_tui.cli import open_store

    _existing_db(args)
    store = open_store(args)
    if on is not None:
        store.db.clock = fixed_clock(on)
    return store


def cmd_export(args: argparse.Namespace) -> int:
    from aiops_tui.cli import CliError

    on = parse_date(args.date) if args.date else None
    store = _open(args, on)
    try:
        day = on or store.clock().date()
        try:
            text = render_export(store, day, args.workflow)
            if args.out:
                written = write_text(Path(args.out), text, forbid=store.db.path)
        except ExportError as error:
            raise CliError(str(error)) from None
    finally:
        store.close()
    if args.out:
        print(f"wrote {written}", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from aiops_tui.cli import CliError

    source = _existing_db(args)
    try:
        written = backup_database(source, Path(args.file))
    except ExportError as error:
        raise CliError(str(error)) from None
    print(f"backed up {source} to {written}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from aiops_tui.cli import CliError, _db_path

    target = _db_path(args)
    try:
        replaced = restore_database(Path(args.file), target, force=args.force)
    except ExportError as error:
        raise CliError(str(error)) from None
    print(f"restored {args.file} to {target}")
    if replaced is not None:
        print(f"the replaced database was kept as {replaced}")
    return 0
