"""`aiops export` (the playbook, an SOP, the HTML file, the folder, the audit),
`aiops backup` and `aiops restore`.

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


def _conflicts(args: argparse.Namespace) -> None:
    """--dir and --audit are documents of their own: refuse options that do not apply."""
    given = {
        "--out": args.out is not None,
        "--html": args.html is not None,
        "--workflow": args.workflow is not None,
        "--dir": args.dir is not None,
        "--audit": args.audit,
    }
    allowed = {"--dir": ("--dir",), "--audit": ("--audit", "--out")}
    for option, keeps in allowed.items():
        if given[option]:
            clash = [o for o, v in given.items() if v and o not in keeps]
            if clash:
                raise CliError(f"{option} cannot be combined with {clash[0]}")


def _write_dir(store: Store, day: date, folder: str) -> str:
    from aiops_tui.domain.words import plural
    from aiops_tui.export.folder import render_folder
    from aiops_tui.storage.export_folder import write_folder

    if not folder.strip():  # Path("") is the current folder: never a guess
        raise ExportError("give a folder name, e.g. --dir playbook")
    done = write_folder(Path(folder), render_folder(store, day), forbid=store.db.path)
    sops = len(done.written) - 1
    removed = f"; removed {plural(len(done.removed), 'old file')}" if done.removed else ""
    return f"wrote {done.folder}: index.md and {plural(sops, 'SOP file')}{removed}"


def _render(store: Store, day: date, args: argparse.Namespace) -> str:
    """The Markdown asked for, refused (ExportError) unless its structure is sound."""
    from aiops_tui.export.structure import check_structure

    if args.audit:
        from aiops_tui.export.audit import render_audit

        return check_structure(render_audit(store, day), "the audit")
    from aiops_tui.export.playbook import render_export

    what = f"the SOP of {args.workflow}" if args.workflow else "the playbook"
    return check_structure(render_export(store, day, args.workflow), what)


def cmd_export(args: argparse.Namespace) -> int:
    from aiops_tui.storage.writer import write_text

    _conflicts(args)
    on = parse_date(args.date) if args.date else None
    store = _open(args, on)
    said: list[str] = []
    try:
        day = on or store.clock().date()
        try:
            if args.dir is not None:
                said.append(_write_dir(store, day, args.dir))
            else:
                text = _render(store, day, args)
                if args.html:
                    from aiops_tui.export.html import render_html

                    title = f"AI operations playbook, {day.isoformat()}"
                    html = render_html(text, title)
                    written = write_text(Path(args.html), html, forbid=store.db.path)
                    said.append(f"wrote {written}")
                if args.out:
                    written = write_text(Path(args.out), text, forbid=store.db.path)
                    said.append(f"wrote {written}")
        except ExportError as error:
            raise CliError(str(error)) from None
    finally:
        store.close()
    for line in said:
        print(line, file=sys.stderr)
    if args.dir is None and not (args.html or args.out):
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
