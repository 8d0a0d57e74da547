"""The `aiops` command line: open the app, or run one subcommand and exit.

Every user mistake ends as one line on stderr and a non-zero exit (2), never a
traceback: automations call these commands and read the exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from aiops_tui import __version__
from aiops_tui.config import (
    ConfigError,
    config_path,
    default_db_path,
    load_settings,
    resolve_user,
)
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store

EXIT_USAGE = 2


class CliError(Exception):
    """A user mistake: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"aiops: {message} (see aiops --help)\n")


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $AIOPS_DB or the user data dir)",
    )


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

    p = sub.add_parser("export", help="write the Markdown playbook")
    _add_db(p)
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--workflow", metavar="NAME", help="only the SOP of one workflow")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date printed in the playbook")
    p = sub.add_parser("backup", help="copy the database with SQLite's online backup")
    _add_db(p)
    p.add_argument("file", metavar="FILE")
    p = sub.add_parser("restore", help="replace the database with a backup")
    _add_db(p)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace an existing database")
    review = sub.add_parser("review", help="queue AI drafts for human review")
    review_sub = review.add_subparsers(
        dest="review_command", parser_class=_Parser, metavar="ACTION"
    )
    p = review_sub.add_parser("add", help="queue one draft")
    _add_db(p)
    p.add_argument("--workflow", required=True, metavar="NAME")
    p.add_argument("--title", required=True, metavar="TEXT")
    p.add_argument("--prompt", metavar="NAME[@VERSION]", help="without @VERSION: production")
    p.add_argument("--input-file", metavar="F", help="what the AI was given")
    p.add_argument("--output-file", metavar="F|-", default="-", help="the draft (- is stdin)")
    p.add_argument("--source", default="cli", help="where the draft came from")
    p = review_sub.add_parser("import", help="queue drafts from a JSON lines file")
    _add_db(p)
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--skip-invalid", action="store_true", help="import the good lines and report the rest"
    )

    return parser


def _db_path(args: argparse.Namespace) -> Path:
    db = getattr(args, "db", None)
    return Path(db).expanduser() if db else default_db_path()


def open_store(args: argparse.Namespace, create_dir: bool = False) -> Store:
    path = _db_path(args)
    if create_dir and getattr(args, "db", None) is None and not os.environ.get("AIOPS_DB"):
        # Only the platformdirs default is ours to create; a path the user named must exist.
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        settings = load_settings()
    except ConfigError:
        settings = None
    actor = resolve_user(settings) if settings else "me"
    return Store.open(path, actor=actor)


def cmd_init(args: argparse.Namespace) -> int:
    from aiops_tui.storage.sample import load_sample

    store = open_store(args, create_dir=True)
    try:
        if args.sample:
            load_sample(store)
            print(f"created {store.db.path} with the sample company")
        else:
            print(f"database ready at {store.db.path}")
    finally:
        store.close()
    return 0


def cmd_locate(args: argparse.Namespace) -> int:
    db = _db_path(args)
    print(f"database: {db}")
    print(f"config:   {config_path()}")
    print(f"backups:  {db.parent} ({db.name}.bak-<version> before each migration)")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from aiops_tui.export.check import render_check

    store = open_store(args)
    try:
        text, code = render_check(store.health.health())
    finally:
        store.close()
    sys.stdout.write(text)
    return code


def _lazy(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        import importlib

        return int(getattr(importlib.import_module(module), name)(args))

    return run


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "locate": cmd_locate,
    "check": cmd_check,
    "export": _lazy("aiops_tui.export.commands", "cmd_export"),
    "backup": _lazy("aiops_tui.export.commands", "cmd_backup"),
    "restore": _lazy("aiops_tui.export.commands", "cmd_restore"),
    "review": _lazy("aiops_tui.intake", "cmd_review"),
}


def run_app(args: argparse.Namespace) -> int:
    from aiops_tui.app import AiopsApp

    try:
        settings = load_settings()
    except ConfigError as error:
        raise CliError(str(error)) from None
    store = open_store(args, create_dir=True)
    app = AiopsApp(store=store, settings=settings, freeze_heap=True)
    try:
        app.run()
        store.keep_dashboard_figures()
    finally:
        store.close()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = COMMANDS.get(args.command or "", run_app)
    try:
        return handler(args)
    except (StoreError, CliError, ConfigError) as error:
        print(f"aiops: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        print(
            f"aiops: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return EXIT_USAGE
