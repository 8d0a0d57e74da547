"""The `aiops` parser and entry point: open the app, or run one subcommand and exit.

Every user mistake ends as one line on stderr and a non-zero exit (2), never a
traceback: automations call these commands and read the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from aiops_tui import __version__

EXIT_USAGE = 2  # as cli.common.EXIT_USAGE, which this module does not import (see COMMANDS)


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


COMMANDS: dict[str, str] = {
    "init": "setup:cmd_init",
    "locate": "setup:cmd_locate",
    "check": "check:cmd_check",
    "export": "export:cmd_export",
    "backup": "export:cmd_backup",
    "restore": "export:cmd_restore",
    "review": "review:cmd_review",
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


def run_app(args: argparse.Namespace) -> int:
    from aiops_tui.app import AiopsApp
    from aiops_tui.cli.common import CliError, open_store
    from aiops_tui.config import ConfigError, load_settings

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
    handler = handler_for(args.command)
    # Imported with the handler anyway (every command opens a store or reads settings).
    from aiops_tui.cli.common import CliError
    from aiops_tui.config import ConfigError
    from aiops_tui.storage.db import StoreError

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
