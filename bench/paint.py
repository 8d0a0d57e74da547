"""What do the tables cost to paint? CPU ms per screen, stock DataTable cells against FastTable's.

    python bench/paint.py            # full-size database, 5 runs of each
    python bench/paint.py --quick    # tenth size, 3 runs of each

Each run opens the app headless at 120x40 (as bench/run.py does), visits the
six screens in order ("first"), then visits them again ("again"), taking this
process's CPU time per switch (key sent until the screen is current, its queues
drained and a frame painted; garbage collected, untimed, before each switch).
Runs alternate between Textual's own cell rendering
(`aiops_tui.widgets.fast_table.FAST_PATH` off, so `FastTable` defers every cell
to `DataTable`) and the fast path, in one process, so both see the same machine
load. Each switch also reports the CPU ms spent inside `_render_cell` and
`_update_dimensions` (outermost calls, any DataTable class) and how many calls
there were, so table painting can be seen apart from the screens' queries: a
wrapper (~1 us a call), not cProfile, which inflates Rich's deep call trees.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import gc
import statistics
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
DB_FULL = BENCH / ".cache" / "aiops-x1-v1-f9619a2c.db"
DB_QUICK = BENCH / ".cache" / "aiops-x0_1-v1-f9619a2c.db"
WATCHED = ("_render_cell", "_update_dimensions")


class _Timer:
    """Wraps the watched methods of every DataTable class; times outermost calls only."""

    def __init__(self) -> None:
        self.calls = dict.fromkeys(WATCHED, 0)
        self.cpu = dict.fromkeys(WATCHED, 0.0)
        self.depth = dict.fromkeys(WATCHED, 0)
        self.on = False

    def install(self) -> None:
        from textual.widgets import DataTable

        classes = [DataTable, *_subclasses(DataTable)]
        for cls in classes:
            for name in WATCHED:
                if name in vars(cls):
                    setattr(cls, name, self._wrap(name, vars(cls)[name]))

    def _wrap(self, name: str, method: Any) -> Any:
        @functools.wraps(method)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if not self.on or self.depth[name]:
                return method(*args, **kwargs)
            self.depth[name] += 1
            began = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                self.cpu[name] += time.process_time() - began
                self.calls[name] += 1
                self.depth[name] -= 1

        return timed

    def take(self) -> dict[str, tuple[int, float]]:
        taken = {name: (self.calls[name], self.cpu[name] * 1000) for name in WATCHED}
        self.calls = dict.fromkeys(WATCHED, 0)
        self.cpu = dict.fromkeys(WATCHED, 0.0)
        return taken


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


async def _visit_all(path: Path, timer: _Timer) -> dict[str, Any]:
    import run  # bench/run.py: the same app set-up, keys and settling

    result: dict[str, Any] = {"first": {}, "again": {}, "prof": {}}
    app = run._open_app(path)
    try:
        async with app.run_test(size=run.SIZE) as pilot:
            await run._settle(app, pilot)
            for visit in ("first", "again"):
                for key, mode in run.SCREENS:
                    gc.collect()  # untimed: no switch pays for the garbage of the one before
                    timer.take()
                    timer.on = True
                    began = time.process_time()
                    await run._switch(app, pilot, key, mode)
                    timer.on = False
                    result["prof"][(visit, mode)] = timer.take()
                    result[visit][mode] = (time.process_time() - began) * 1000
    finally:
        app.store.close()
        if run.FREEZE:
            gc.unfreeze()
    return result


def _row(mode: str, samples: list[dict[str, Any]]) -> str:
    def median(visit: str, get: Any) -> float:
        return statistics.median(get(s, visit) for s in samples)

    figures = [f"{median(visit, lambda s, v: s[v][mode]):7.1f}" for visit in ("first", "again")]
    for visit in ("first", "again"):
        calls = median(visit, lambda s, v: s["prof"][(v, mode)]["_render_cell"][0])
        cells = median(visit, lambda s, v: s["prof"][(v, mode)]["_render_cell"][1])
        dims = median(visit, lambda s, v: s["prof"][(v, mode)]["_update_dimensions"][1])
        figures.append(f" {calls:5.0f} {cells:6.1f} {dims:5.1f}")
    return " ".join(figures)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tenth-size database, 3 runs")
    parser.add_argument("--runs", type=int, default=None)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(BENCH))
    path = DB_QUICK if args.quick else DB_FULL
    runs = args.runs or (3 if args.quick else 5)

    import run  # puts this checkout first on sys.path

    from aiops_tui.widgets import fast_table

    print(f"db: {path.name}  runs: {runs} of each  fast path available: {fast_table.FAST_PATH}")
    timer = _Timer()
    timer.install()
    asyncio.run(_visit_all(path, timer))  # warm imports (all screens) and one-time costs
    samples: dict[bool, list[dict[str, Any]]] = {False: [], True: []}
    for n in range(runs):
        for fast in (False, True) if n % 2 == 0 else (True, False):
            fast_table.FAST_PATH = fast
            gc.collect()
            samples[fast].append(asyncio.run(_visit_all(path, timer)))

    print("CPU ms per screen switch, first visit and again; then for each visit the CPU ms")
    print("inside _render_cell (calls, ms) and _update_dimensions (ms); medians of the runs")
    head = f"{'first':>7} {'again':>7}  {'calls':>4} {'cells':>6} {'dims':>5}  {'calls':>4} {'cells':>6} {'dims':>5}"
    print(f"{'screen':<10} {'':<6} {head}")
    for _key, mode in run.SCREENS:
        for fast in (False, True):
            name = mode if not fast else ""
            print(f"{name:<10} {'fast' if fast else 'stock':<6} {_row(mode, samples[fast])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
