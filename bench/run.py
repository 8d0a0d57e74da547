"""How long does a person wait for aiops with years of data? Measured as they wait.

    python bench/run.py            # full size (database generated once, 0.5-2 min)
    python bench/run.py --quick    # a tenth of the size, about two minutes (also: make bench)

Every figure is a whole process, started the way a person starts it, and ends
when the answer has reached them:

- start: `aiops` is exec'd on a fresh pseudo-terminal (120x40, bench/terminal.py)
  and timed until the frame showing the dashboard's data (a ritual's name and the
  count of active workflows, read from the file beforehand) has been written to the terminal.
  The baseline, `bench/bare_app.py` (a Textual app showing the first 100
  workflows in one DataTable), is started and timed the same way, in the same
  run, just before. Warm: the app kept the dashboard's figures as it last closed
  (a usual launch). Cold: right after an `aiops review import` by another process
  wrote to the file, so the figures are worked out again. The start ratio is each
  run's aiops / bare, the median over the runs; RESULT takes the worse of the two.
- screens: in the process of the warm start, keys 2..6 and 1 typed, each timed
  from the key to the last byte the app writes before it has been quiet for a
  while (QUIET): the first visit of each screen in a fresh process. Then the bench
  waits for the wall clock's minute to change (what a screen's age and due dates
  depend on, so every screen re-reads) and visits each again: the revisit.
- filter: "/" and a word typed on Workflows and Review, each key timed to the last
  byte written; the slowest key counts.
- G: on every list (Workflows, Prompts, Review with status "all", Cadence, Team),
  timed to the last byte written; the slowest counts.
- memory: the peak resident memory (VmHWM) of that session's process, after it
  visited every screen, filtered and pressed G on every list.
- commands: `aiops --version`, `aiops check`, `aiops review import` (100 items) and
  `aiops export` as processes, from exec to exit, against `python -c pass` timed
  in the same run. The export runs on a copy of the tenth-size database in which
  all 1,000 workflows are active, so the playbook has exactly 1,000 workflow
  sections (set directly in SQL, within the review policy: status live, every
  draft reviewed, a sign-off person).

Each database is a copy of the cached one (the app writes to its file). Wall-clock
milliseconds throughout; the machine's other processes take turns in them, so
compare the ratios, which pair each figure with its baseline seconds apart.

The last line is machine-readable:
RESULT start_ratio=<x> screen_ms_max=<n> filter_ms=<n> g_ms=<n> check_ms=<n>
check_ratio=<x> export_ms=<n> rss_mb=<n>
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from terminal import Terminal, Timeout, visible  # noqa: E402

TARGETS = {
    "start_ratio": 1.5,
    "screen_ms_max": 150,
    "filter_ms": 100,
    "g_ms": 150,
    "check_ms": 300,
    "check_ratio": 4.0,
    "export_ms": 2000,
    "rss_mb": 250,
}
SCREENS = [
    ("2", "workflows"),
    ("3", "prompts"),
    ("4", "review"),
    ("5", "cadence"),
    ("6", "team"),
    ("1", "dashboard"),
]
FILTER_WORDS = {"2": ("workflows", "support"), "4": ("review", "invoices")}
LISTS = [
    ("2", "workflows", ""),
    ("3", "prompts", ""),
    ("4", "review", "ffff"),  # f cycles the status filter: pending, ..., all
    ("5", "cadence", ""),
    ("6", "team", ""),
]
REVIEW_STATUS_ALL = "all"
"""What the Review screen's filter line says once `f` has cycled to every status (Textual
redraws only what changed in a line, so only the new word is looked for)."""
QUIET = 1.0
"""Seconds without output after which a screen counts as painted (on a busy machine a
screen's work can pause a few hundred ms between two writes)."""
QUIET_TYPING = 0.4
"""The same while typing into a text box, whose cursor blinks 0.5 s after each key."""
NO_ANSWER = 5.0
"""A key that changes nothing on screen within this long did nothing (e.g. `G` on a
list already at its end): reported as nan."""
IMPORT_ITEMS = 100


# -- what each process is ------------------------------------------------------------


def aiops_command() -> list[str]:
    """The installed `aiops` script beside this Python, as a person runs it."""
    script = Path(sys.executable).with_name("aiops")
    return [str(script)] if script.exists() else [sys.executable, "-m", "aiops_tui"]


def aiops_app(db: Path) -> list[str]:
    return [*aiops_command(), "--db", str(db)]


def bare_command(db: Path) -> list[str]:
    return [sys.executable, str(BENCH / "bare_app.py"), str(db)]


def dashboard_shows(db: Path) -> list[str]:
    """Text that is on the dashboard only once its data is: the first ritual and the
    scorecard's count of active workflows, read through the store as the dashboard
    reads them."""
    from aiops_tui.storage.store import Store

    store = Store.open(db)
    try:
        active = store.health.health().active_workflows
        ritual = store.rituals.all_rows()[0].ritual.name
    finally:
        store.close()
    return [ritual, f"{active} active workflows"]


def bare_shows(db: Path) -> list[str]:
    from bare_app import QUERY

    conn = sqlite3.connect(db)
    try:
        return [conn.execute(QUERY).fetchone()[0]]
    finally:
        conn.close()


# -- one process on a terminal ----------------------------------------------------------


def _start(argv: list[str], env: dict[str, str], shows: list[str]) -> tuple[Terminal, float]:
    """Exec `argv` on a new terminal; seconds until every text in `shows` was painted."""
    term = Terminal(argv, env)
    arrived = 0.0
    try:
        for text in shows:
            arrived = max(arrived, term.wait_for(text, timeout=20))
    except BaseException:
        term.__exit__(None, None, None)  # never leave the program running behind us
        raise
    return term, arrived - term.began


VERBOSE = False


def _key(term: Terminal, keys: str, quiet: float = QUIET, answer: float = 120.0) -> float:
    """Seconds from typing `keys` to the last byte written before the app went quiet."""
    sent = term.press(keys)
    term.wait_output(timeout=answer)
    elapsed = term.wait_quiet(quiet, timeout=600) - sent
    if VERBOSE:
        print(f"  key {keys!r}: {elapsed * 1000:.0f} ms", file=sys.stderr, flush=True)
    return elapsed


def time_start(argv: list[str], env: dict[str, str], shows: list[str]) -> float:
    term, elapsed = _start(argv, env, shows)
    with term:
        term.wait_quiet(QUIET)
        term.close()
    return elapsed


def _next_minute() -> None:
    """Sleep until just after the wall clock's minute changes."""
    now = datetime.datetime.now()
    time.sleep(60 - now.second - now.microsecond / 1e6 + 0.3)


def session(db: Path, env: dict[str, str], revisits: bool) -> dict[str, Any]:
    """A warm start, then what a person does: every screen, again after the clock's
    minute moved, filters, G on every list. Seconds, and the peak memory in MB."""
    out: dict[str, Any] = {"first": {}, "again": {}, "filter": {}, "g": {}}
    term, out["start"] = _start(aiops_app(db), env, dashboard_shows(db))
    with term:
        term.wait_quiet(QUIET)
        for key, mode in SCREENS:
            out["first"][mode] = _key(term, key)
        if revisits:
            _next_minute()
            for key, mode in SCREENS:
                out["again"][mode] = _key(term, key)
        for key, (mode, word) in FILTER_WORDS.items():
            _key(term, key)
            _key(term, "/", QUIET_TYPING)  # the filter bar takes the focus: its cursor blinks
            out["filter"][mode] = max(_key(term, char, QUIET_TYPING) for char in word)
            term.press("\x1b")  # escape: clears the filter (not timed: a lone ESC waits)
            term.wait_output()
            term.wait_quiet(QUIET)
        for key, mode, first in LISTS:
            _key(term, key)
            for char in first:
                _key(term, char)
            if mode == "review":
                shown = visible(bytes(term.raw[term.mark :]))
                assert REVIEW_STATUS_ALL in shown, "review: `f` did not reach 'status all'"
            try:
                out["g"][mode] = _key(term, "G", answer=NO_ANSWER)
            except Timeout:  # nothing changed: this list has no `G`, or is at its end
                out["g"][mode] = math.nan
        out["rss_mb"] = term.peak_rss_mb()
        term.close()
    return out


# -- whole commands ----------------------------------------------------------------------


def time_process(argv: list[str], env: dict[str, str], ok: Callable[[int], bool]) -> float:
    began = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - began
    if not ok(done.returncode):
        raise RuntimeError(f"{argv[1:]} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return elapsed


def import_file(db: Path, folder: Path) -> Path:
    """IMPORT_ITEMS drafts for real workflows, as an automation would queue them."""
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM workflows ORDER BY id LIMIT 20")]
    finally:
        conn.close()
    path = folder / "drafts.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(IMPORT_ITEMS):
            item = {"workflow": names[i % len(names)], "title": f"Bench draft {i}"}
            item["output"] = f"Draft {i}: " + "text " * 60
            f.write(json.dumps(item) + "\n")
    return path


def export_db(source: Path, folder: Path) -> tuple[Path, int]:
    """A copy of `source` with every workflow active; and how many that is."""
    path = folder / "export.db"
    shutil.copyfile(source, path)
    conn = sqlite3.connect(path)
    try:
        # Active workflows follow the review policy (domain/policy.py): review every
        # draft, with a sign-off person, so the changed ones are valid as models too.
        conn.execute(
            "UPDATE workflows SET status = 'live', review_rule = 'always',"
            " signoff_id = coalesce(signoff_id, (SELECT min(id) FROM people))"
            " WHERE status NOT IN ('approved', 'pilot', 'live')"
        )
        conn.commit()
        active = conn.execute(
            "SELECT count(*) FROM workflows WHERE status IN ('approved', 'pilot', 'live')"
        ).fetchone()[0]
    finally:
        conn.close()
    return path, int(active)


def commands(
    db: Path, exports: Path, drafts: Path, folder: Path, env: dict[str, str]
) -> dict[str, float]:
    aiops = aiops_command()
    any_exit: Callable[[int], bool] = lambda code: code in (0, 1)  # noqa: E731
    out = {
        "pass": time_process([sys.executable, "-c", "pass"], env, lambda c: c == 0),
        "version": time_process([*aiops, "--version"], env, lambda c: c == 0),
        "check": time_process([*aiops, "check", "--db", str(db)], env, any_exit),
        "import": time_process(
            [*aiops, "review", "import", str(drafts), "--db", str(db)], env, lambda c: c == 0
        ),
    }
    playbook = folder / "playbook.md"
    out["export"] = time_process(
        [*aiops, "export", "--db", str(exports), "--out", str(playbook)], env, lambda c: c == 0
    )
    return out


# -- the run -----------------------------------------------------------------------------


def one_run(
    db: Path, exports: Path, drafts: Path, folder: Path, env: dict[str, str], revisits: bool
) -> dict[str, Any]:
    run: dict[str, Any] = {}
    run["bare_warm"] = time_start(bare_command(db), env, bare_shows(db))
    run.update(session(db, env, revisits))  # closes with "q": the figures are kept
    run["warm"] = run.pop("start")
    run.update(commands(db, exports, drafts, folder, env))  # the import writes: kept figures go
    run["bare_cold"] = time_start(bare_command(db), env, bare_shows(db))
    run["cold"] = time_start(aiops_app(db), env, dashboard_shows(db))
    return run


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def med(get: Callable[[dict[str, Any]], float]) -> float:
        values = [get(r) for r in runs]
        values = [v for v in values if v is not None and not math.isnan(v)]
        return statistics.median(values) if values else math.nan

    s: dict[str, Any] = {}
    for name in ("warm", "cold", "bare_warm", "bare_cold", "pass", "version", "check"):
        s[name] = med(lambda r, n=name: r[n]) * 1000
    s["import"] = med(lambda r: r["import"]) * 1000
    s["export"] = med(lambda r: r["export"]) * 1000
    s["ratio_warm"] = med(lambda r: r["warm"] / r["bare_warm"])
    s["ratio_cold"] = med(lambda r: r["cold"] / r["bare_cold"])
    for name in ("version", "check", "import", "export"):
        s[f"{name}_ratio"] = med(lambda r, n=name: r[n] / r["pass"])
    for part in ("first", "again", "filter", "g"):
        modes = sorted({m for r in runs for m in r[part]})
        s[part] = {m: med(lambda r, m=m, p=part: r[p].get(m)) * 1000 for m in modes}
    s["rss_mb"] = max(r["rss_mb"] for r in runs)
    return s


def _worst(values: Any) -> float:
    known = [v for v in values if not math.isnan(v)]
    return max(known) if known else math.nan


def result(s: dict[str, Any]) -> dict[str, float]:
    visits = [*s["first"].values(), *s["again"].values()]
    return {
        "start_ratio": max(s["ratio_warm"], s["ratio_cold"]),
        "screen_ms_max": _worst(visits),
        "filter_ms": _worst(s["filter"].values()),
        "g_ms": _worst(s["g"].values()),
        "check_ms": s["check"],
        "check_ratio": s["check_ratio"],
        "export_ms": s["export"],
        "rss_mb": s["rss_mb"],
    }


def report(s: dict[str, Any], title: str, exported: int) -> str:
    lines = [title, ""]

    def row(name: str, value: str, target: str = "") -> None:
        lines.append(f"{name:44}{value:>22}{target:>10}")

    def ms(v: float) -> str:
        return "nan" if math.isnan(v) else f"{v:.0f}"

    row("figure", "wall ms (ratio)", "target")
    row(
        "start, warm: aiops / bare",
        f"{ms(s['warm'])} / {ms(s['bare_warm'])} = {s['ratio_warm']:.2f}x",
        "<= 1.5x",
    )
    row(
        "start, cold (after review import)",
        f"{ms(s['cold'])} / {ms(s['bare_cold'])} = {s['ratio_cold']:.2f}x",
        "<= 1.5x",
    )
    for mode, v in s["first"].items():
        row(f"first visit, {mode}", ms(v), "<= 150")
    for mode, v in s["again"].items():
        row(f"revisit after the minute changed, {mode}", ms(v), "<= 150")
    for mode, v in s["filter"].items():
        row(f"filter key, slowest, {mode}", ms(v), "<= 100")
    for mode, v in s["g"].items():
        row(f"G, {mode}", ms(v) if not math.isnan(v) else "no change", "<= 150")
    row("python -c pass", ms(s["pass"]))
    for name, label, target in (
        ("version", "aiops --version", ""),
        ("check", "aiops check", "<= 300"),
        ("import", f"aiops review import ({IMPORT_ITEMS} items)", ""),
        ("export", f"aiops export ({exported} workflows)", "<= 2000"),
    ):
        row(label, f"{ms(s[name])} ({s[f'{name}_ratio']:.1f}x pass)", target)
    row("peak RSS of the session (MB)", f"{s['rss_mb']:.0f}", "< 250")
    return "\n".join(lines)


def result_line(figures: dict[str, float]) -> str:
    parts = []
    for key, value in figures.items():
        digits = 2 if key.endswith("ratio") else 0
        parts.append(f"{key}={'nan' if math.isnan(value) else f'{value:.{digits}f}'}")
    return "RESULT " + " ".join(parts)


def misses(figures: dict[str, float]) -> list[str]:
    return [
        f"{key} {value:.2f} > {TARGETS[key]}"
        for key, value in figures.items()
        if not math.isnan(value) and value > TARGETS[key]
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="aiops benchmark, as the user waits")
    parser.add_argument("--quick", action="store_true", help="a tenth of the size")
    parser.add_argument("--runs", type=int, help="runs (default 5, quick 3)")
    parser.add_argument(
        "--no-revisits", action="store_true", help="skip the wait for the minute to change"
    )
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    parser.add_argument("--verbose", action="store_true", help="print each key's time")
    args = parser.parse_args(argv)
    global VERBOSE
    VERBOSE = args.verbose

    from generate import cached_db

    runs = args.runs or (3 if args.quick else 5)
    scale = 0.1 if args.quick else 1.0
    began = time.perf_counter()
    load_before = os.getloadavg()[0]
    print(f"preparing databases (scale {scale:g}; cached under bench/.cache/) ...", flush=True)
    source = cached_db(scale, log=lambda line: print(line, flush=True))
    tenth = cached_db(0.1, log=lambda line: print(line, flush=True))
    samples = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "home").mkdir()
        # A person is named, as after a first start: otherwise the app asks who is
        # acting before it shows the dashboard.
        (folder / "config.toml").write_text('user = "Bench Runner"\n', encoding="utf-8")
        env = {
            **os.environ,
            "AIOPS_CONFIG": str(folder / "config.toml"),
            "HOME": str(folder / "home"),
        }
        env.pop("AIOPS_DB", None)
        db = folder / source.name
        shutil.copyfile(source, db)
        exports, exported = export_db(tenth, folder)
        drafts = import_file(db, folder)
        time_start(aiops_app(db), env, dashboard_shows(db))  # migrate, keep the figures
        for n in range(runs):
            # Quick runs wait for the minute once; full runs every time.
            revisits = not args.no_revisits and (n == 0 or not args.quick)
            print(f"run {n + 1} of {runs} ...", flush=True)
            samples.append(one_run(db, exports, drafts, folder, env, revisits))
    s = summarise(samples)
    label = "quick, a tenth of full size" if args.quick else "full size"
    print()
    print(
        report(
            s,
            f"aiops benchmark, {label}: median of {runs} runs, whole processes on a 120x40 pty;"
            f" load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after,"
            f" {os.cpu_count()} CPUs",
            exported,
        )
    )
    if args.json:
        args.json.write_text(json.dumps({"summary": s, "runs": samples}, indent=1))
    figures = result(s)
    missed = misses(figures)
    print()
    print(f"missed: {', '.join(missed)}" if missed else "all targets met")
    print(f"total {time.perf_counter() - began:.0f} s")
    print(result_line(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
