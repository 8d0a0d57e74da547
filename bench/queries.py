"""What the dashboard's data costs: CPU ms per store call and per SQL statement.

    python bench/queries.py                 # full-size database, 7 runs
    python bench/queries.py --quick         # the tenth-size one
    python bench/queries.py --db X --plans  # any file; print each statement's query plan

`bench/run.py` times whole screens; this one says which query a slow screen
waits on. It opens a temporary copy of the database (never the cached file:
opening migrates it), wraps `Database.query` and `query_one` with CPU timers,
and runs the store calls of `DashboardScreen.refresh_data` with a cold health
cache and nothing kept in the file (`kept_figures` emptied first, as for the
day's first launch), then `aiops check`. Each figure is the median over the runs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import ACTOR, BENCH_NOW, cache_path  # noqa: E402

from aiops_tui.storage.db import Database  # noqa: E402
from aiops_tui.storage.reviews import ReviewFilter  # noqa: E402
from aiops_tui.storage.store import Store  # noqa: E402

STORAGE = ROOT / "aiops_tui" / "storage"


class Recorder:
    """CPU ms per statement, named by the storage function and line that ran it."""

    def __init__(self) -> None:
        self.runs: dict[str, list[float]] = defaultdict(list)
        self.sql: dict[str, tuple[str, Any]] = {}
        self._current: dict[str, float] = defaultdict(float)

    def _caller(self) -> str:
        frame = sys._getframe(2)
        while frame.f_code.co_filename.endswith("db.py"):
            assert frame.f_back is not None
            frame = frame.f_back
        name = Path(frame.f_code.co_filename).stem
        return f"{name}.{frame.f_code.co_qualname}:{frame.f_lineno}"

    def wrap(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def timed(db: Database, sql: str, params: tuple | dict = ()) -> Any:
            label = self._caller()
            began = time.process_time()
            try:
                return method(db, sql, params)
            finally:
                self._current[label] += (time.process_time() - began) * 1000
                self.sql.setdefault(label, (sql, params))

        return timed

    def end_run(self) -> None:
        for label, ms in self._current.items():
            self.runs[label].append(ms)
        self._current.clear()

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        original = Database.query, Database.query_one
        Database.query = self.wrap(original[0])  # type: ignore[method-assign]
        Database.query_one = self.wrap(original[1])  # type: ignore[method-assign]
        try:
            yield
        finally:
            Database.query, Database.query_one = original  # type: ignore[method-assign]


def dashboard_reads(store: Store) -> dict[str, float]:
    """The store calls of DashboardScreen.refresh_data, in its order; CPU ms each."""
    store.health._cached = None  # a first visit: nothing kept yet
    calls: list[tuple[str, Callable[[], object]]] = [
        ("health.health", store.health.health),
        ("rituals.all_rows", store.rituals.all_rows),
        ("reviews.count(pending)", lambda: store.reviews.count(ReviewFilter(status="pending"))),
        (
            "reviews.count(signoff)",
            lambda: store.reviews.count(ReviewFilter(status="pending", needs_signoff=True)),
        ),
        ("health.month_figures", store.health.month_figures),
        ("reviews.ageing_count", store.reviews.ageing_count),
    ]
    spent = {}
    for name, call in calls:
        began = time.process_time()
        call()
        spent[name] = (time.process_time() - began) * 1000
    spent["dashboard total"] = sum(spent.values())
    return spent


def check_ms(path: Path) -> float:
    from aiops_tui.cli import main

    began = time.process_time()
    with contextlib.redirect_stdout(io.StringIO()):
        main(["check", "--db", str(path)])
    return (time.process_time() - began) * 1000


def print_plans(store: Store, recorder: Recorder) -> None:
    for label, (sql, params) in sorted(recorder.sql.items()):
        if sql.lstrip().upper().startswith("PRAGMA"):
            continue
        print(f"\n-- {label}\n{sql}")
        try:
            plan = store.db.conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        except sqlite3.Error as error:
            print(f"   (no plan: {error})")
            continue
        depth = {0: 0}
        for node, parent, _, detail in plan:
            depth[node] = depth.get(parent, 0) + 1
            print("   " + "  " * depth[node] + detail)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database file (default: the cached bench one)")
    parser.add_argument("--quick", action="store_true", help="the tenth-size cached database")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--plans", action="store_true", help="print EXPLAIN QUERY PLAN")
    args = parser.parse_args(argv)
    source = args.db or cache_path(0.1 if args.quick else 1.0)
    if not source.exists():
        sys.exit(f"no database at {source}: run bench/run.py (or generate.py) first")
    from aiops_tui.clock import fixed_clock

    with tempfile.TemporaryDirectory(prefix="aiops-queries-") as tmp:
        path = Path(tmp) / source.name
        shutil.copyfile(source, path)
        began = time.process_time()
        Store.open(path).close()
        print(f"{source.name}: opened (and migrated) in {(time.process_time() - began):.1f} s CPU")
        recorder = Recorder()
        calls: dict[str, list[float]] = defaultdict(list)
        with recorder.installed():
            for run in range(args.runs):
                # A fresh connection each run, as a start is: SQLite's page cache is empty
                # (the operating system's is warm after the first run). Nothing kept: the
                # figures are worked out, as on the day's first launch.
                forget = sqlite3.connect(path)
                forget.execute("DELETE FROM kept_figures")
                forget.commit()
                forget.close()
                store = Store.open(path, clock=fixed_clock(BENCH_NOW), actor=ACTOR)
                for name, ms in dashboard_reads(store).items():
                    calls[name].append(ms)
                recorder.end_run()
                if args.plans and run + 1 == args.runs:
                    print_plans(store, recorder)
                store.close()
        checks = [check_ms(path) for _ in range(args.runs)]
        print(f"\nCPU ms over {args.runs} runs: median, fastest\n")
        for name, values in calls.items():
            print(f"{statistics.median(values):8.1f} {min(values):8.1f}  {name}")
        print(
            f"{statistics.median(checks):8.1f} {min(checks):8.1f}  aiops check (opens the file too)"
        )
        print("\nper statement:")
        for label, values in sorted(
            recorder.runs.items(), key=lambda kv: -statistics.median(kv[1])
        ):
            print(f"{statistics.median(values):8.2f} {min(values):8.2f}  {label}")


if __name__ == "__main__":
    main()
