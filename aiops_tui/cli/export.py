"""`aiops export`, `aiops backup` and `aiops restore`.

Mistakes (a bad date, an unknown workflow, a path that cannot be written, a
backup that is not an aiops database) end as one line on stderr and exit 2,
through `CliError`/`StoreError` in `cli.main`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from aiops_tui.cli.common import CliError, db_path, existing_db, open_store, parse_date
from aiops_tui.domain.text import inert
from aiops_tui.storage.store import Store
from aiops_tui.storage.writer import ExportError


def _open(args: argparse.Namespace, on: date | None) -> Store:
    from aiops_tui.clock import fixed_clock

    existing_db(args)
    store = open_store(args, reads_only=True)
    if on is not None:
        store.db.clock = fixed_clock(on)
    return store


def cmd_export(args: argparse.Namespace) -> int:
    from aiops_tui.export.playbook import render_export
    from aiops_tui.storage.writer import write_text

    on = parse_date(args.date) if args.date else None
    store = _open(args, on)
    try:
        day = on or store.clock().date()
        try:
            text = render_export(store, day, args.workflow)
            if args.html:
                from aiops_tui.export.html import render_html

                title = f"AI operations playbook, {day.isoformat()}"
                written_html = write_text(
                    Path(args.html), render_html(text, title), forbid=store.db.path
                )
            if args.out:
                written = write_text(Path(args.out), text, forbid=store.db.path)
        except ExportError as error:
            raise CliError(str(error)) from None
    finally:
        store.close()
    if args.html:
        print(f"wrote {written_html}", file=sys.stderr)
    if args.out:
        print(f"wrote {written}", file=sys.stderr)
    elif not args.html:
        sys.stdout.write(inert(text))
        sys.stdout.flush()
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from aiops_tui.storage.backup import backup_database

    source = existing_db(args)
    try:
        written = backup_database(source, Path(args.file))
    except ExportError as error:
        raise CliError(str(error)) from None
    print(f"backed up {source} to {written}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from aiops_tui.storage.backup import restore_database

    target = db_path(args)
    try:
        replaced = restore_database(Path(args.file), target, force=args.force)
    except ExportError as error:
        raise CliError(str(error)) from None
    print(f"restored {args.file} to {target}")
    if replaced is not None:
        print(f"the replaced database was kept as {replaced}")
    return 0
