"""`aiops init` and `aiops locate`: where the data lives, and creating it."""

from __future__ import annotations

import argparse

from aiops_tui.cli.common import db_path, open_store
from aiops_tui.config import config_path


def cmd_init(args: argparse.Namespace) -> int:
    from aiops_tui.storage.sample import load_sample

    store = open_store(args, create=True)
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
    db = db_path(args)
    print(f"database: {db}")
    print(f"config:   {config_path()}")
    print(f"backups:  {db.parent} ({db.name}.bak-<version> before each migration)")
    return 0
