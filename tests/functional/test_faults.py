"""Faults lose nothing: a killed writer, a held lock, bad files, two processes on one file.

Opening each kind of bad file through `Store.open` is covered in
test_storage_open.py; here the same files go through the command line and the
app launch, and must come out byte-identical with no file created beside them.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from aiops_tui.cli import main
from aiops_tui.domain.models import Person
from aiops_tui.storage import migrations
from aiops_tui.storage.store import Store

WRITER = textwrap.dedent(
    """
    import sys
    from aiops_tui.domain.models import Person
    from aiops_tui.storage.store import Store

    store = Store.open(sys.argv[1], actor="writer")
    i = 0
    while True:
        i += 1
        person = store.people.add(Person(name=f"Writer {i:06d}", email=None))
        print(person.id, flush=True)  # acknowledged: the transaction has committed
    """
)


def test_writer_killed_mid_burst_loses_no_acknowledged_write(tmp_path: Path) -> None:
    path = tmp_path / "kill.db"
    Store.open(path).close()
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acked: list[int] = []
    try:
        assert child.stdout is not None
        while len(acked) < 40:
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else "writer ended"
            acked.append(int(line))
        os.kill(child.pid, signal.SIGKILL)  # in the middle of the burst: it never pauses
    finally:
        child.kill()
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = {r[0] for r in conn.execute("SELECT id FROM people")}
        assert set(acked) <= ids
        # every person that exists has its ChangeEvent: entity and log commit together
        logged = {
            r[0] for r in conn.execute("SELECT entity_id FROM change_events WHERE entity='person'")
        }
        assert ids <= logged
    finally:
        conn.close()
    store = Store.open(path)  # and aiops itself opens it as usual
    try:
        assert store.people.count() >= len(acked)
    finally:
        store.close()


@pytest.fixture
def locked_db(tmp_path: Path) -> tuple[Path, sqlite3.Connection]:
    """A database whose write lock another program holds (BEGIN EXCLUSIVE)."""
    path = tmp_path / "locked.db"
    Store.open(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield path, other
    other.execute("ROLLBACK")
    other.close()


def test_cli_waits_briefly_then_reports_the_lock(
    locked_db: tuple[Path, sqlite3.Connection],
) -> None:
    path, _other = locked_db
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "aiops_tui", "init", "--sample", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.monotonic() - began
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "locked" in result.stderr
    assert "Traceback" not in result.stderr
    assert elapsed < 15  # the busy timeout is 2 s, plus the interpreter's start
    check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert check.execute("SELECT count(*) FROM workflows").fetchone()[0] == 0
        assert check.execute("SELECT count(*) FROM people").fetchone()[0] == 0
    finally:
        check.close()


def _short_busy_timeout(store: Store) -> None:
    store.db.conn.execute("PRAGMA busy_timeout = 200")


async def test_app_write_on_a_locked_database_is_a_notification(
    locked_db: tuple[Path, sqlite3.Connection], make_app, clock
) -> None:
    """The sample offer writes twice; with the lock held it must say so, not crash."""
    from aiops_tui.screens.confirm import ConfirmScreen

    path, _other = locked_db
    store = Store.open(path, clock=clock, actor="Ana Ruiz")
    _short_busy_timeout(store)
    app = make_app(store)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any("locked" in m for m in messages), messages
            assert app.is_running
    finally:
        store.close()
    _other.execute("ROLLBACK")
    _other.execute("BEGIN")
    assert _other.execute("SELECT count(*) FROM workflows").fetchone()[0] == 0


def _read_only(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(path).close()
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode: False if mode == os.W_OK and Path(p) == path else real_access(p, mode),
    )


def _not_a_database(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.write_text("name,email\nAna,ana@example.com\n" * 20)


def _truncated(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(path)
    from aiops_tui.storage.sample import load_sample

    load_sample(store)
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _newer(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


BAD_FILES: dict[str, tuple[Callable[[Path, pytest.MonkeyPatch], None], str]] = {
    "read-only": (_read_only, "read-only"),
    "not a database": (_not_a_database, "not an aiops database"),
    "truncated": (_truncated, "truncated"),
    "newer version": (_newer, "newer aiops"),
}


@pytest.mark.parametrize("command", [["check"], ["init"], []], ids=["check", "init", "app"])
@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_one_message_exit_2_untouched(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    command: list[str],
) -> None:
    path = tmp_path / "bad.db"
    make, message = BAD_FILES[kind]
    make(path, monkeypatch)
    before = path.read_bytes()
    neighbours = sorted(p.name for p in tmp_path.iterdir())
    capsys.readouterr()

    assert main([*command, "--db", str(path)]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == neighbours  # no -wal, -shm, .bak


@pytest.mark.parametrize(
    ("command", "message"),
    [(["check"], "no database at"), (["init"], "does not exist"), ([], "no database at")],
    ids=["check", "init", "app"],
)
def test_missing_folder_one_message_exit_2_nothing_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], message: str
) -> None:
    path = tmp_path / "no" / "such" / "folder" / "a.db"
    assert main([*command, "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert not (tmp_path / "no").exists()


def test_two_stores_see_each_others_writes(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    first = Store.open(path, actor="first")
    second = Store.open(path, actor="second")
    try:
        a = first.people.add(Person(name="Ana Ruiz"))
        assert second.people.get(a.id or 0) is not None
        b = second.people.add(Person(name="Ben Okafor"))
        assert first.people.by_name("Ben Okafor") == b
        for i in range(20):  # interleaved writers, each waiting its turn on the lock
            (first if i % 2 else second).people.add(Person(name=f"Person {i}"))
        assert first.people.count() == second.people.count() == 22
        who = {r[0] for r in first.db.query("SELECT who FROM change_events WHERE entity='person'")}
        assert who == {"first", "second"}
        assert first.db.scalar("PRAGMA integrity_check") == "ok"
    finally:
        first.close()
        second.close()


async def test_second_app_sees_the_first_apps_write_on_refresh(
    tmp_path: Path, make_app, clock
) -> None:
    from textual.widgets import DataTable, Input

    from aiops_tui.screens.person_form import PersonForm
    from aiops_tui.storage.sample import load_sample

    path = tmp_path / "two.db"
    seed = Store.open(path, clock=clock, actor="Ana Ruiz")
    load_sample(seed)
    seed.close()
    store_one = Store.open(path, clock=clock, actor="Ana Ruiz")
    store_two = Store.open(path, clock=clock, actor="Ben Okafor")
    one, two = make_app(store_one), make_app(store_two)
    try:
        async with two.run_test(size=(120, 40)) as pilot_two:
            await pilot_two.press("6")
            await pilot_two.pause()
            people = two.screen.query_one("#people-table", DataTable)
            before = people.row_count

            async with one.run_test(size=(120, 40)) as pilot_one:
                one.push_screen(PersonForm(store_one))
                await pilot_one.pause()
                one.screen.query_one("#field-name", Input).value = "Zoe Quinn"
                await pilot_one.press("ctrl+s")
                await pilot_one.pause()
            assert store_one.people.by_name("Zoe Quinn") is not None

            assert people.row_count == before  # not yet refreshed
            await pilot_two.press("1", "6")  # away and back: on_screen_resume re-reads
            await pilot_two.pause()
            people = two.screen.query_one("#people-table", DataTable)
            assert people.row_count == before + 1
            names = [str(people.get_row_at(i)[0]) for i in range(people.row_count)]
            assert "Zoe Quinn" in names
    finally:
        store_one.close()
        store_two.close()
    check = Store.open(path)
    try:
        assert check.db.scalar("PRAGMA integrity_check") == "ok"
    finally:
        check.close()


def test_a_refusal_halfway_through_the_sample_writes_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiops_tui.storage.db import StoreError
    from aiops_tui.storage.sample import load_sample

    changes = store.changes.count()

    def locked(*args: object, **kwargs: object) -> None:
        raise StoreError("aiops.db is locked by another program; try again in a moment")

    monkeypatch.setattr(store.metrics, "add", locked)  # after people, workflows, prompts
    with pytest.raises(StoreError, match="locked"):
        load_sample(store)
    assert store.people.count() == 0
    assert store.workflows.count() == 0
    assert store.changes.count() == changes
