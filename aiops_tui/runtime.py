"""Process-wide tuning for the interactive app (not for tests or the CLI commands).

Textual allocates many short-lived objects per frame, so Python's cyclic
garbage collector runs often. A full (generation 2) collection walks every
object the collector tracks, and with six screens open that is about 100,000
objects: bench/run.py showed 60-220 ms stalls on random keystrokes and
screen switches whenever one happened to fall there.

So the app moves full collections to when nobody is waiting:

- until the first screen is up, nothing is collected (`hold_collections`): the
  launch allocates enough for ~40 young collections, 10 ms of a ~80 ms start,
  of objects that mostly live as long as the app;
- objects alive once the first screen is up live as long as the app, so they
  are frozen out of the collector's way (`gc.freeze`);
- automatic full collections are made ten times rarer than Python's default
  (they still happen, so a long burst of work cannot grow memory unbounded);
- after a second without a key or a click, `IdleCollector` collects what is
  new since the last freeze (30-70 ms after opening a screen) and freezes the
  survivors;
- after ten seconds without input (someone reading, or away) it collects
  everything, frozen objects included, so that nothing which died after being
  frozen (a closed form, say) is kept: about 250 ms with every screen open,
  which nobody is waiting for then.

Young collections (generations 0 and 1) only look at new objects; they are
cheap and stay as Python runs them.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

FULL_COLLECTION_EVERY = 100
"""Generation-1 collections between automatic full collections (Python's default: 10)."""
IDLE_AFTER = 1.0
"""Seconds without input after which collecting the new objects is in nobody's way."""
AWAY_AFTER = 10.0
"""Seconds without input after which even the long, complete collection is."""


def hold_collections() -> None:
    """No automatic collection until freeze_startup_heap (the first frame): what a launch
    allocates is mostly the app itself, so collecting it on the way was wasted work.
    Reference counting still frees everything that is not in a cycle."""
    gc.disable()


def freeze_startup_heap() -> None:
    """Move every object alive now into the permanent generation (gc.freeze), make
    automatic full collections rarer (IdleCollector does them when the app is idle),
    and let automatic collection run again (hold_collections)."""
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
    gc.enable()


def young_collections_since_full() -> int:
    """How many generation-1 collections ran since the last full one (gc counts them)."""
    return gc.get_count()[2]


class IdleCollector:
    """Runs garbage collection when input has paused, never while someone types."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        pending: Callable[[], int] = young_collections_since_full,
        idle_after: float = IDLE_AFTER,
        away_after: float = AWAY_AFTER,
    ) -> None:
        self._clock = clock
        self._pending = pending
        self.idle_after = idle_after
        self.away_after = away_after
        self.last_input = clock()
        self.frozen_since_complete = False
        """Objects were frozen since the last complete collection, so some may be dead."""

    def input_seen(self) -> None:
        self.last_input = self._clock()

    def due(self) -> str | None:
        """'new' (collect what is new), 'complete' (everything), or None (not now)."""
        quiet = self._clock() - self.last_input
        if quiet >= self.away_after and self.frozen_since_complete:
            return "complete"
        if quiet >= self.idle_after and self._pending() > 0:
            return "new"
        return None

    def collect_if_idle(self) -> str | None:
        """Collect as `due` says; returns what ran."""
        kind = self.due()
        if kind == "complete":
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.frozen_since_complete = False
        elif kind == "new":
            gc.collect()  # frozen objects are not looked at: only what is new since
            gc.freeze()
            self.frozen_since_complete = True
        return kind
