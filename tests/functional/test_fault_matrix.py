"""Every command against every kind of bad file: one line, the right exit code, no change.

Each subcommand (and the app's start) meets each bad file: missing, a folder,
empty, text, truncated, damaged mid-file (fixed seeds), a newer schema, locked
by another process, another program's database. Whatever it does, the file
keeps its sha256, stderr holds at most one line and never a traceback.

Run in-process (the CLI's `main`) with a short busy timeout, so the whole
matrix takes seconds; the locks are held by a separate process all the same.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from aiops_tui.cli import main
from aiops_tui.storage import db as db_module
from aiops_tui.storage import migrations
from aiops_tui.storage.sample import load_sample
from aiops_tui.storage.store import Store

WF = "Customer support drafting and triage"
DAMAGE_SEEDS = 3

HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.fixture(scope="module")
def sample_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A small, whole sample database (checkpointed: one file)."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    store = Store.open(path)
    load_sample(store)
    store.close()
    return path.read_bytes()


def _damage(data: bytes, seed: int) -> bytes:
    """64 random bytes overwritten in the middle of the file, as the hostile tester did."""
    out = bytearray(data)
    rng = random.Random(seed)
    middle = len(out) // 2
    for _ in range(64):
        out[middle + rng.randrange(-4096, 4096)] = rng.randrange(256)
    return bytes(out)


def _sqlite_sees_damage(data: bytes, folder: Path, pragma: str = "quick_check") -> bool:
    probe = folder / "probe.db"
    probe.write_bytes(data)
    try:
        conn = sqlite3.connect(probe)
        try:
            return conn.execute(f"PRAGMA {pragma}").fetchone()[0] != "ok"
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError):
        return True
    finally:
        probe.unlink()


@pytest.fixture(scope="module")
def damage_seeds(sample_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> list[int]:
    """The first seeds whose damage SQLite can see (flips in free space or text it cannot)."""
    folder = tmp_path_factory.mktemp("seeds")
    seeds = [s for s in range(200) if _sqlite_sees_damage(_damage(sample_bytes, s), folder)]
    assert len(seeds) >= DAMAGE_SEEDS
    chosen = seeds[:DAMAGE_SEEDS]
    # And one whose damage only the full check sees (an index that lost a row).
    index_only = [
        s
        for s in range(200)
        if s not in seeds
        and _sqlite_sees_damage(_damage(sample_bytes, s), folder, "integrity_check")
    ]
    assert index_only
    return [*chosen, index_only[0]]


def _write_sample(path: Path, sample: bytes) -> None:
    path.write_bytes(sample)


def _newer(path: Path, sample: bytes) -> None:
    path.write_bytes(sample)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _other_program(path: Path, sample: bytes) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()


BUILDERS: dict[str, Callable[[Path, bytes], None]] = {
    "missing": lambda path, sample: None,
    "folder": lambda path, sample: path.mkdir(),
    "empty": lambda path, sample: path.touch(),
    "text": lambda path, sample: path.write_text("name,email\nAna,ana@example.com\n" * 40),
    "truncated": lambda path, sample: path.write_bytes(sample[: len(sample) // 3]),
    "newer": _newer,
    "locked": _write_sample,
    "other program": _other_program,
}
KINDS = [*BUILDERS, *(f"damaged-{n}" for n in range(DAMAGE_SEEDS + 1))]  # the last: index

COMMANDS = ["check", "export", "review add", "review import", "backup", "restore", "doctor",
            "app"]  # fmt: skip

# What each command must answer for each kind; anything not listed is exit 2.
EXPECTED: dict[tuple[str, str], int] = {
    **{("doctor", kind): 1 for kind in KINDS if kind not in ("missing", "folder", "locked")},
    # Another process holding the write lock of a WAL database does not stop readers.
    ("check", "locked"): 1,  # the sample company has critical gaps
    ("export", "locked"): 0,
    ("backup", "locked"): 0,
    ("restore", "locked"): 0,
    ("doctor", "locked"): 0,
    ("app", "locked"): 0,
}


def _argv(command: str, bad: Path, folder: Path) -> list[str]:
    out = folder / "out.txt"
    out.write_text("a draft\n")
    lines = folder / "lines.jsonl"
    lines.write_text(json.dumps({"workflow": WF, "title": "t", "output": "o"}) + "\n")
    db = ["--db", str(bad)]
    return {
        "check": ["check", *db],
        "export": ["export", *db],
        "review add": ["review", "add", *db, "--workflow", WF, "--title", "t",
                       "--output-file", str(out)],
        "review import": ["review", "import", *db, str(lines)],
        "backup": ["backup", *db, str(folder / "copy.db")],
        "restore": ["restore", "--db", str(folder / "restored.db"), str(bad)],
        "doctor": ["doctor", *db],
        "app": [*db],
    }[command]  # fmt: skip


def _state(path: Path) -> object:
    """What must not change: the bytes of a file, the listing of a folder, or absence."""
    if path.is_dir():
        return sorted(p.name for p in path.iterdir())
    if path.exists():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    return None


@pytest.fixture
def lock_holder() -> Iterator[Callable[[Path], None]]:
    """Another process holding BEGIN EXCLUSIVE on a file until the test ends."""
    children: list[subprocess.Popen[str]] = []

    def hold(path: Path) -> None:
        child = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        children.append(child)
        assert child.stdout is not None and child.stdout.readline() == "locked\n"

    yield hold
    for child in children:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=10)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", COMMANDS)
def test_bad_file_matrix(
    command: str,
    kind: str,
    tmp_path: Path,
    sample_bytes: bytes,
    damage_seeds: list[int],
    lock_holder: Callable[[Path], None],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from aiops_tui.app import AiopsApp

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(AiopsApp, "run", lambda self: None)  # the app's start, not its loop
    bad = tmp_path / "bad.db"
    if kind.startswith("damaged-"):
        bad.write_bytes(_damage(sample_bytes, damage_seeds[int(kind.split("-")[1])]))
    else:
        BUILDERS[kind](bad, sample_bytes)
    if kind == "locked":
        lock_holder(bad)
    argv = _argv(command, bad, tmp_path)
    before = _state(bad)
    capsys.readouterr()

    code = main(argv)

    captured = capsys.readouterr()
    assert code == EXPECTED.get((command, kind), 2), (code, captured.err)
    assert "Traceback" not in captured.err and "Traceback" not in captured.out
    assert captured.err.count("\n") <= 1, captured.err
    if code == 2:
        assert captured.err.count("\n") == 1 and captured.err.startswith("aiops: ")
    assert _state(bad) == before
    if code == 2 and command == "restore":
        assert not (tmp_path / "restored.db").exists()
    leftovers = [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name]
    assert leftovers == []
