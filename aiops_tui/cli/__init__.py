"""The `aiops` command line: one module per command group, one way to open the store."""

from aiops_tui.cli.main import main

__all__ = ["main"]
