"""`aiops due`: what is due or overdue today, one line a ritual; exit 1 when overdue.

For a shell prompt or a cron job: nothing printed and exit 0 when nothing is
due. Imported by `aiops due` alone; no Textual.
"""

from __future__ import annotations

import argparse
import sys

from aiops_tui.cli.common import existing_db, open_store, parse_date

EXIT_OVERDUE = 1


def cmd_due(args: argparse.Namespace) -> int:
    from aiops_tui.domain.cadence import due_state, due_words
    from aiops_tui.domain.text import inert

    existing_db(args)
    store = open_store(args, reads_only=True)
    try:
        today = parse_date(args.date) if args.date else store.clock().date()
        rows = store.rituals.all_rows()
    finally:
        store.close()
    overdue = False
    for row in rows:  # soonest first
        state = due_state(row.next_due, today)
        if state not in ("overdue", "today"):
            continue
        overdue = overdue or state == "overdue"
        words = due_words((row.next_due - today).days)
        owner = f", owner {row.owner}" if row.owner else ""
        line = f"{state:<8} {row.ritual.name}: due {row.next_due.isoformat()} ({words}){owner}"
        print(inert(line, one_line=True))
    sys.stdout.flush()
    return EXIT_OVERDUE if overdue else 0
