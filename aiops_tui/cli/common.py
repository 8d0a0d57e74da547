"""What every command shares: the error type, the database path and opening the store.

Every user mistake ends as one line on stderr and a non-zero exit (2), never a
traceback: automations call these commands and read the exit code.
"""

from __future__ import annotations

import argparse
import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from aiops_tui.config import ConfigError, Settings, default_db_path, load_settings, resolve_user

if TYPE_CHECKING:
    from aiops_tui.storage.store import Store

EXIT_USAGE = 2
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CliError(Exception):
    """A user mistake: printed as one line, exit code 2."""


def db_path(args: argparse.Namespace) -> Path:
    """The database named by --db, else $AIOPS_DB, else the platformdirs default."""
    db = getattr(args, "db", None)
    return Path(db).expanduser() if db else default_db_path()


def acting_as(args: argparse.Namespace) -> str:
    """Who is acting: --as NAME, else `user` in config.toml (the app's choice), else the login.

    The app and the CLI read the same setting, so a decision or a change made
    from a script is logged under the same person as one made in the app.
    """
    named = " ".join(str(getattr(args, "acting_as", "") or "").split())
    if named:
        return named
    try:
        settings = load_settings()
    except ConfigError:
        settings = Settings()  # a broken file is reported by the app; the login name will do
    return resolve_user(settings)


def make_data_dir(args: argparse.Namespace) -> None:
    """Create the platformdirs data folder, private (0700): it holds company data.

    Only the default is ours to create; a folder the user named must exist.
    """
    if getattr(args, "db", None) is not None or os.environ.get("AIOPS_DB"):
        return
    folder = db_path(args).parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True)
        folder.chmod(0o700)  # mkdir's mode is cut by the umask


def open_store(
    args: argparse.Namespace, create: bool = False, check: bool = True, reads_only: bool = False
) -> Store:
    """Open the database; only `aiops init` and the app's first start pass `create`.

    `reads_only`: the command writes nothing, so a large file's whole-file scan
    may be skipped (storage.opening.whole_file_check_due says when).
    """
    from aiops_tui.storage.store import Store

    path = db_path(args)
    if create:
        make_data_dir(args)
    return Store.open(
        path, actor=acting_as(args), create=create, check=check, reads_only=reads_only
    )


def existing_db(args: argparse.Namespace) -> Path:
    """Commands that read a database never create an empty one by mistake."""
    from aiops_tui.storage.db import no_database

    path = db_path(args)
    if not path.exists():
        raise no_database(path)
    return path


def parse_date(text: str) -> date:
    try:
        if not _DATE.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"--date must be a date like 2026-11-23, not {text!r}") from None
