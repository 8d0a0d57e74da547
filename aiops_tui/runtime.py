"""Process-wide tuning for the interactive app (not for tests or the CLI commands).

Textual allocates many short-lived objects per frame, so Python's cyclic
garbage collector runs often; a full (generation 2) collection walks every
object alive, and after start-up that is well over 100,000 of them (modules,
styles, widgets), which showed up as 100-300 ms stalls on random keystrokes
in bench/run.py. Objects alive once the first screen is up live as long as
the app, so they are frozen out of the collector's way.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    """Move every object alive now into the permanent generation (gc.freeze)."""
    gc.freeze()
