"""SIGKILL in the middle of CLI writes, imports, backups and restores.

Nothing acknowledged is lost, nothing half-done is visible, and a killed run's
temporary copy is private (0600) and removed by the next run. Few kills, at
moments chosen by watching for the temporary file, so the test stays quick.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from aiops_tui.cli import main

WF = "Customer support drafting and triage"


def _aiops(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "aiops_tui", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


def _close(child: subprocess.Popen[str]) -> str:
    """What the child printed on stdout, its pipes closed."""
    out = child.stdout.read() if child.stdout else ""
    for pipe in (child.stdin, child.stdout, child.stderr):
        if pipe is not None and not pipe.closed:
            pipe.close()
    return out


def _kill_when(child: subprocess.Popen[str], seen: Callable[[], bool], timeout: float = 60) -> bool:
    """SIGKILL the child as soon as `seen()` is true; False if it ended first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and child.poll() is None:
        if seen():
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=10)
            return True
        time.sleep(0.002)
    child.wait(timeout=60)
    return False


def _ok(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return conn


def _count(path: Path, table: str = "review_items") -> int:
    conn = _ok(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def _temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if ".tmp-" in p.name]


def _sample(path: Path) -> Path:
    assert main(["init", "--db", str(path), "--sample"]) == 0
    return path


def test_killed_review_adds_lose_no_acknowledged_item(tmp_path: Path) -> None:
    path = _sample(tmp_path / "a.db")
    acked: list[int] = []
    for delay in (0.0, 0.4, 0.8, 99):
        child = _aiops("review", "add", "--db", str(path), "--workflow", WF,
                       "--title", f"t{delay}")  # fmt: skip
        assert child.stdin is not None
        child.stdin.write("a draft\n")
        child.stdin.close()
        start = time.monotonic()
        killed = _kill_when(
            child, lambda start=start, delay=delay: time.monotonic() - start > delay
        )
        out = _close(child)
        if not killed and out.startswith("queued #"):
            acked.append(int(out.split()[1].lstrip("#")))
    conn = _ok(path)
    try:
        ids = {r[0] for r in conn.execute("SELECT id FROM review_items")}
        logged = {
            r[0] for r in conn.execute("SELECT entity_id FROM change_events WHERE entity='review'")
        }
    finally:
        conn.close()
    assert set(acked) <= ids and acked  # the last one was never killed
    assert ids <= logged  # an item and its change event commit together


def test_killed_imports_are_all_or_nothing(tmp_path: Path) -> None:
    path = _sample(tmp_path / "a.db")
    lines = tmp_path / "lines.jsonl"
    with lines.open("w") as handle:
        for i in range(3000):
            handle.write(json.dumps({"workflow": WF, "title": f"d{i}", "output": "x" * 200}) + "\n")
    before = _count(path)
    for delay in (0.5, 1.5, 3.0):
        child = _aiops("review", "import", "--db", str(path), str(lines))
        start = time.monotonic()
        _kill_when(child, lambda start=start, delay=delay: time.monotonic() - start > delay)
        _close(child)
        now = _count(path)
        assert (now - before) % 3000 == 0, (before, now)  # never a part of the file
        before = now
    assert _temps(tmp_path) == []


def test_killed_backups_leave_no_readable_copy_and_are_swept(tmp_path: Path) -> None:
    path = _sample(tmp_path / "a.db")
    dest = tmp_path / "out" / "copy.db"
    dest.parent.mkdir()
    killed = 0
    for _ in range(3):
        child = _aiops("backup", "--db", str(path), str(dest))
        killed += _kill_when(child, lambda: bool(_temps(dest.parent)))
        _close(child)
        for temp in _temps(dest.parent):
            assert stat.S_IMODE(temp.stat().st_mode) & 0o077 == 0, temp
        if dest.exists():  # only ever a whole backup
            _ok(dest).close()
    assert killed, "no backup was caught mid-copy"
    assert main(["backup", "--db", str(path), str(dest)]) == 0
    assert _temps(dest.parent) == []
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600


def test_killed_restores_leave_the_target_whole_and_are_swept(tmp_path: Path) -> None:
    path = _sample(tmp_path / "a.db")
    backup = tmp_path / "backup.db"
    assert main(["backup", "--db", str(path), str(backup)]) == 0
    target = tmp_path / "data" / "aiops.db"
    target.parent.mkdir()
    _sample(target)
    killed = 0
    for _ in range(3):
        child = _aiops("restore", "--force", "--db", str(target), str(backup))
        killed += _kill_when(child, lambda: bool(_temps(target.parent)))
        _close(child)
        _ok(target).close()  # the old database or the restored one, never half of one
        for temp in _temps(target.parent):
            assert stat.S_IMODE(temp.stat().st_mode) & 0o077 == 0, temp
        for kept in target.parent.glob("aiops.db.replaced-*"):
            if not kept.name.endswith("-wal"):
                _ok(kept).close()  # a kept copy is whole, or it is not there
    assert killed, "no restore was caught mid-copy"
    assert main(["restore", "--force", "--db", str(target), str(backup)]) == 0
    assert _temps(target.parent) == []
