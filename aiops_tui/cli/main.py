"""The `aiops` parser and entry point: open the app, or run one subcommand and exit.

Every user mistake ends as one line on stderr and a non-zero exit (2), never a
traceback: automations call these commands and read the exit code. Anything
else (a bug) is caught by `main` too: one line naming a crash log that holds
the traceback, exit 70 (EX_SOFTWARE).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from aiops_tui import __version__

EXIT_USAGE = 2  # as cli.common.EXIT_USAGE, which this module does not import (see COMMANDS)
EXIT_CRASH = 70


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"aiops: {message} (see aiops --help)\n")


def _add_db(parser: argparse.ArgumentParser) -> None:
    """--db and --as: every command reads a database, and any may write as someone."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $AIOPS_DB or the user data dir)",
    )
    parser.add_argument(
        "--as",
        dest="acting_as",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="who is acting, for the change log and decisions (default: user in config.toml)",
    )


def _add_export(p: argparse.ArgumentParser) -> None:
    """`aiops export`: the playbook, one SOP, the HTML file, the folder or the audit."""
    _add_db(p)
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--workflow", metavar="NAME", help="only the SOP of one workflow")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date printed in the playbook")
    p.add_argument(
        "--html", metavar="FILE", help="also (or only) one self-contained printable HTML file"
    )
    p.add_argument(
        "--dir",
        metavar="DIR",
        help="write index.md and workflows/<name>-<id>.md (one SOP each) into DIR",
    )
    p.add_argument(
        "--audit",
        action="store_true",
        help="the quarterly audit instead of the playbook (to stdout, or --out FILE)",
    )


def _add_review(p_review: argparse.ArgumentParser) -> None:
    """`aiops review add | import | decide`: drafts in, decisions from a script."""
    review_sub = p_review.add_subparsers(
        dest="review_command", parser_class=_Parser, metavar="ACTION"
    )
    p = review_sub.add_parser("add", help="queue one draft")
    _add_db(p)
    p.add_argument("--workflow", required=True, metavar="NAME")
    p.add_argument("--title", required=True, metavar="TEXT")
    p.add_argument("--prompt", metavar="NAME[@VERSION]", help="without @VERSION: production")
    p.add_argument("--input-file", metavar="F", help="what the AI was given")
    p.add_argument(
        "--output-file",
        metavar="F|-",
        help="the draft (- is stdin); without it the draft is read from a pipe",
    )
    p.add_argument("--source", default="cli", help="where the draft came from")
    p.add_argument(
        "--revises",
        type=int,
        metavar="ID",
        help="this draft answers the changes requested on item ID (linked both ways)",
    )
    p = review_sub.add_parser("import", help="queue drafts from a JSON lines file")
    _add_db(p)
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--skip-invalid", action="store_true", help="import the good lines and report the rest"
    )

    p = review_sub.add_parser("decide", help="approve, request changes on or reject one item")
    _add_db(p)
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("decision", choices=["approve", "changes", "reject"])
    p.add_argument("--note", default="", help="why (required for changes and reject)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="aiops",
        description="Run a small company's AI operations from the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"aiops {__version__}")
    _add_db(parser)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    p = sub.add_parser("init", help="create the database with defaults")
    _add_db(p)
    p.add_argument("--sample", action="store_true", help="add the example company")

    p = sub.add_parser("locate", help="print where the database, config and backups live")
    _add_db(p)

    p = sub.add_parser("check", help="print the scorecard and alerts; exit 1 on a critical gap")
    _add_db(p)

    p = sub.add_parser(
        "doctor", help="check the database is whole; exit 0 healthy, 1 damaged (read only)"
    )
    _add_db(p)

    _add_export(sub.add_parser("export", help="write the playbook, an SOP folder or the audit"))
    p = sub.add_parser("calendar", help="write the rituals as recurring iCalendar events")
    _add_db(p)
    p.add_argument("--out", metavar="FILE", help="write to FILE (.ics) instead of stdout")
    p = sub.add_parser("due", help="print the rituals due or overdue today; exit 1 if overdue")
    _add_db(p)
    p.add_argument("--date", metavar="YYYY-MM-DD", help="ask about another day than today")
    p = sub.add_parser("backup", help="copy the database with SQLite's online backup")
    _add_db(p)
    p.add_argument("file", metavar="FILE")
    p = sub.add_parser("restore", help="replace the database with a backup")
    _add_db(p)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace an existing database")
    _add_review(sub.add_parser("review", help="queue AI drafts for human review"))
    return parser


COMMANDS: dict[str, str] = {
    "init": "setup:cmd_init",
    "locate": "setup:cmd_locate",
    "check": "check:cmd_check",
    "doctor": "doctor:cmd_doctor",
    "export": "export:cmd_export",
    "backup": "export:cmd_backup",
    "restore": "export:cmd_restore",
    "review": "review:cmd_review",
    "calendar": "calendar:cmd_calendar",
    "due": "due:cmd_due",
}
"""Each command's module and function in aiops_tui.cli, imported only when it runs: a
command loads what it uses and nothing else (`aiops --version` loads no aiops module
but this one; no command but the app loads Textual). tests/unit/test_cli_imports.py."""


def handler_for(command: str | None) -> Callable[[argparse.Namespace], int]:
    """The function that runs `command` (None: the app), its module imported now."""
    if not command:
        return run_app
    module, name = COMMANDS[command].split(":")
    handler: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(f"aiops_tui.cli.{module}"), name
    )
    return handler


def ask_to_create(path: Path) -> bool:
    """The app's first start: a plain y/n on the terminal, before any screen opens.

    Without a terminal to ask on (a script, a pipe) the answer is no.
    """
    from aiops_tui.domain.text import inert

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    try:
        answer = input(f"No database at {inert(str(path), one_line=True)}. Create it? [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def run_app(args: argparse.Namespace) -> int:
    from aiops_tui.cli.common import CliError, db_path, open_store
    from aiops_tui.config import ConfigError, load_settings
    from aiops_tui.storage.db import StoreError
    from aiops_tui.storage.opening import check_in_background

    try:
        settings = load_settings()
    except ConfigError as error:
        raise CliError(str(error)) from None
    path = db_path(args)
    create = not path.exists()
    if create and not ask_to_create(path):
        raise StoreError(f"no database at {path}: run aiops init (or answer y to create it)")
    wait_for_check = None if create else check_in_background(path)
    from aiops_tui.app import AiopsApp

    if wait_for_check is not None:
        wait_for_check()  # a damaged file: one line, exit 2, nothing opened
    store = open_store(args, create=create, check=False)
    app = AiopsApp(
        store=store,
        settings=settings,
        freeze_heap=True,
        ask_identity=not settings.user.strip() and getattr(args, "acting_as", None) is None,
    )
    try:
        app.run()
        store.keep_dashboard_figures()
    finally:
        store.close()
    return app.return_code or 0


def say(message: str) -> None:
    """One line on stderr, with any control character in it shown inert."""
    from aiops_tui.domain.text import inert

    print(f"aiops: {inert(message, one_line=True)}", file=sys.stderr)


def not_utf8(argv: Sequence[str]) -> str | None:
    """Python hands undecodable argument bytes over as lone surrogates: name the first."""
    for number, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return f"argument {number} is not UTF-8 text: {arg!r}"
    return None


def log_folder() -> Path:
    from aiops_tui.config import log_dir

    return log_dir()


def write_crash_log(error: BaseException) -> Path:
    """The traceback in a private file in the user log folder; returns its path."""
    folder = log_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}.log"
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with open(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write(f"aiops {__version__}, python {sys.version.split()[0]}\n")
        handle.write("".join(traceback.format_exception(error)))
    return path


def crashed(error: BaseException) -> int:
    """A bug, not a user mistake: one line and the crash log's path, never a traceback."""
    kind = type(error).__name__
    try:
        log = write_crash_log(error)
    except Exception as why:
        say(f"unexpected error ({kind}); no crash log could be written: {why}")
    else:
        say(f"unexpected error ({kind}); please report it with the crash log {log}")
    return EXIT_CRASH


class _Refused(Exception):
    """A user mistake found before any command module is imported."""


def run(argv: Sequence[str]) -> int:
    problem = not_utf8(argv)
    if problem:
        raise _Refused(problem)
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = handler_for(args.command)
    # Imported with the handler anyway (every command opens a store or reads settings).
    from aiops_tui.cli.common import db_path
    from aiops_tui.storage.db import DatabaseError, StoreError, damaged, describe_sqlite_error

    try:
        return handler(args)
    except DatabaseError as error:
        # Pages SQLite could not read mid-command (the checks at open let most through).
        raise StoreError(describe_sqlite_error(db_path(args), error)) from None
    except UnicodeDecodeError as error:
        raise damaged(db_path(args), f"text that is not UTF-8: {error.reason}") from None


def _user_mistakes() -> tuple[type[Exception], ...]:
    """The errors worded for the user, from the modules loaded (an unloaded one raised none)."""
    kinds: list[type[Exception]] = [_Refused]
    for module, name in (
        ("aiops_tui.cli.common", "CliError"),
        ("aiops_tui.config", "ConfigError"),
        ("aiops_tui.storage.db", "StoreError"),
    ):
        if module in sys.modules:
            kinds.append(getattr(sys.modules[module], name))
    return tuple(kinds)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        return 130
    except SystemExit:
        raise
    except Exception as error:
        if isinstance(error, _user_mistakes()):
            say(str(error))
            return EXIT_USAGE
        if isinstance(error, OSError):
            say(f"{error.strerror or error}: {error.filename or ''}".rstrip(": "))
            return EXIT_USAGE
        return crashed(error)
