"""`aiops check`: the scorecard and alerts as text, exit 1 on a critical gap."""

from __future__ import annotations

import argparse
import sys

from aiops_tui.cli.common import open_store
from aiops_tui.domain.text import inert


def cmd_check(args: argparse.Namespace) -> int:
    from aiops_tui.export.check import render_check

    store = open_store(args, reads_only=True)
    try:
        text, code = render_check(store.health.health())
    finally:
        store.close()
    sys.stdout.write(inert(text))
    return code
