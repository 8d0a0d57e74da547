"""`aiops calendar [--out FILE]`: the cadence as recurring iCalendar events.

Imported by `aiops calendar` alone; no Textual. Import the file into any
calendar; importing it again updates the same events (stable UIDs).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aiops_tui.cli.common import CliError, existing_db, open_store


def cmd_calendar(args: argparse.Namespace) -> int:
    from aiops_tui.export.calendar import render_calendar
    from aiops_tui.storage.writer import ExportError, write_text

    existing_db(args)
    store = open_store(args, reads_only=True)
    try:
        text = render_calendar(store.rituals.all_rows(), store.clock())
        if args.out:
            try:
                written = write_text(
                    Path(args.out), text.replace("\r\n", "\n"), store.db.path, newline="\r\n"
                )
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
