"""`aiops doctor`: is the database whole, and if not, what to do next.

Exit 0 healthy, 1 damaged (or not an aiops database), 2 when there is
nothing to examine (no file, a folder). The file is only read.
"""

from __future__ import annotations

import argparse
import sys

from aiops_tui.cli.common import db_path
from aiops_tui.domain.text import inert
from aiops_tui.storage.doctor import Diagnosis, diagnose
from aiops_tui.storage.migrations import SCHEMA_VERSION

EXIT_HEALTHY = 0
EXIT_DAMAGED = 1


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


def render_doctor(found: Diagnosis) -> str:
    """The report: each check on a line, then the verdict and the next step."""
    path = inert(str(found.path), one_line=True)
    schema = "unknown" if found.schema_version is None else str(found.schema_version)
    lines = [
        f"aiops doctor: {path}",
        f"schema:       {schema} (this aiops knows {SCHEMA_VERSION})",
        f"integrity:    {found.integrity}",
        f"foreign keys: {found.foreign_keys}",
    ]
    if found.counts:
        counts = ", ".join(f"{name} {n:,}" for name, n in sorted(found.counts.items()))
        lines.append(f"rows:         {counts}")
    for problem in found.problems:
        lines.append(f"problem:      {problem}")
    lines.append(f"verdict:      {'healthy' if found.healthy else 'DAMAGED'}")
    if found.healthy:
        lines.append("next:         nothing to do")
    elif found.backups:
        newest = inert(str(found.backups[0].path), one_line=True)
        lines.append(
            "next:         do not write to it; keep a copy of it, then restore the newest"
            f" good backup: aiops restore --force --db {path} {newest}"
        )
    else:
        lines.append(
            "next:         do not write to it; keep a copy of it, then restore your latest"
            f" backup: aiops restore --force --db {path} BACKUP"
        )
    if found.backups:
        lines.append("backups beside it, newest first:")
        for backup in found.backups:
            when = backup.modified.strftime("%Y-%m-%d %H:%M")
            name = inert(backup.path.name, one_line=True)
            lines.append(f"  {when}  {_size(backup.size):>10}  {name}")
    elif not found.healthy:
        lines.append("backups beside it: none found")
    for leftover in found.leftovers:
        name = inert(leftover.name, one_line=True)
        lines.append(
            f"leftover:     {name} (of a killed backup or restore; the next one removes it)"
        )
    return inert("\n".join(lines)) + "\n"


def cmd_doctor(args: argparse.Namespace) -> int:
    found = diagnose(db_path(args))
    sys.stdout.write(render_doctor(found))
    return EXIT_HEALTHY if found.healthy else EXIT_DAMAGED
