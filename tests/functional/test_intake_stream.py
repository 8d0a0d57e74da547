"""An import streams: flat memory, no write lock while it reads, every bad line reported."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from aiops_tui.storage.intake import import_lines
from aiops_tui.storage.store import Store

WF = "Customer support drafting and triage"


def _line(i: int, output: str = "A draft.") -> str:
    return json.dumps({"workflow": WF, "title": f"Draft {i}", "output": output})


def test_other_writers_are_never_locked_out_while_lines_are_read(sample_store: Store) -> None:
    """Halfway through the file another program writes with no busy timeout at all."""
    other = sqlite3.connect(sample_store.db.path, timeout=0, isolation_level=None)
    other.execute("PRAGMA busy_timeout = 0")
    writes: list[str] = []

    def lines() -> Iterator[tuple[int, str | None]]:
        for i in range(1, 1201):
            if i % 400 == 0:  # mid-import, after several staged batches
                other.execute("INSERT INTO app_state (key, value) VALUES (?, '1')", (f"k{i}",))
                writes.append(f"k{i}")
            yield i, _line(i)

    before = sample_store.db.count("SELECT count(*) FROM review_items")
    result = import_lines(sample_store, lines())
    other.close()
    assert result.imported == 1200 and not result.errors
    assert writes == ["k400", "k800", "k1200"]
    assert sample_store.db.count("SELECT count(*) FROM review_items") == before + 1200


def test_every_bad_line_is_reported_and_nothing_is_written(sample_store: Store) -> None:
    changes = sample_store.db.count("SELECT count(*) FROM change_events")
    items = sample_store.db.count("SELECT count(*) FROM review_items")
    lines = [(1, _line(1)), (2, "{oops"), (3, _line(3)), (4, None), (5, "[" * 50_000)]
    result = import_lines(sample_store, iter(lines))
    assert [(e.line, e.reason.split(" (")[0]) for e in result.errors] == [
        (2, "not valid JSON"),
        (4, "not UTF-8 text"),
        (5, "not valid JSON"),
    ]
    assert result.imported == 0
    assert sample_store.db.count("SELECT count(*) FROM review_items") == items
    assert sample_store.db.count("SELECT count(*) FROM change_events") == changes


def test_imported_items_match_added_ones(sample_store: Store) -> None:
    """Staged rows get what `reviews.add` gives: sign-off, data flags, a change event each."""
    secret = "use key sk-live-abcdefghijklmnopqrstuvwx1234 here"
    result = import_lines(sample_store, iter([(1, _line(1, secret)), (2, _line(2))]))
    assert result.imported == 2 and result.flagged == 1
    rows = sample_store.db.query(
        "SELECT id, title, needs_signoff, data_flags FROM review_items ORDER BY id DESC LIMIT 2"
    )
    wf = sample_store.workflows.by_name(WF)
    assert wf is not None
    for row in rows:
        item = sample_store.reviews.get(row["id"])
        assert item is not None and item.status == "pending"
        event = sample_store.db.query_one(
            "SELECT summary FROM change_events WHERE entity = 'review' AND entity_id = ?",
            (row["id"],),
        )
        assert event is not None and event["summary"] == f"queued {row['title']!r} for {WF}"
    assert json.loads(rows[1]["data_flags"])  # Draft 1 holds a key
    assert json.loads(rows[0]["data_flags"]) == []


def test_peak_memory_stays_flat(sample_store: Store, tmp_path: Path) -> None:
    """20 MB of drafts import in well under 150 MB (the whole file was held before)."""
    path = sample_store.db.path
    sample_store.close()
    big = tmp_path / "big.jsonl"
    with big.open("w") as handle:
        for i in range(5000):
            handle.write(_line(i, "Dear customer, " * 270) + "\n")
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking test worker.
    probe = (
        "import sys\n"
        "from aiops_tui.cli import main\n"
        "code = main(['review', 'import', '--db', sys.argv[1], sys.argv[2]])\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(code, hwm)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(Path(path).resolve()), str(big)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    code, peak_kb = done.stdout.split()[-2:]
    assert code == "0", done.stderr
    assert int(peak_kb) < 150 * 1024, peak_kb
