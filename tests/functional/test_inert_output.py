"""Stored escape sequences never reach a terminal or a file: the raw bytes, checked.

Text with OSC 0 (rename the window), OSC 52 (set the clipboard), a screen
clear, C1 controls and a bidi override is stored in every multi-line field the
playbook and the check print; `export`, `check` and the app must write none
of those bytes.
"""

from __future__ import annotations

import os
import pty
import select
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aiops_tui.cli import main
from aiops_tui.domain.models import STORED, Person, SuccessMetric, Workflow
from aiops_tui.domain.text import inert
from aiops_tui.storage.store import Store

EVIL = "a\x1b]0;pwned\x07 b\x1b]52;c;ZXZpbA==\x07 c\x1b[2J d\u009b31m e\u009d f\u202eg h\x00i\x7f"
C1 = [chr(c).encode() for c in range(0x80, 0xA0)]
BIDI = [c.encode() for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]


def _assert_inert(raw: bytes, terminal: bool = False) -> None:
    """No stored control reached the output (the app's own CSI codes are allowed)."""
    if terminal:  # Textual's own OSC 8 (links) and 22 (pointer shape) are fine
        for bad in (b"\x1b]0;", b"\x1b]52;", b"\x1b[2J", b"pwned\x07"):
            assert bad not in raw, bad
    else:
        assert b"\x1b" not in raw and b"\x07" not in raw and b"\x00" not in raw
    for bad in C1 + BIDI:
        assert bad not in raw, bad


@pytest.fixture
def evil_db(tmp_path: Path) -> Path:
    path = tmp_path / "evil.db"
    store = Store.open(path)
    owner = store.people.add(Person(name="Ana Ruiz"))
    store.workflows.add(
        Workflow(
            name="Evil workflow",
            summary=EVIL,
            status="live",
            owner_id=owner.id,
            current_state=EVIL,
            target_state=EVIL,
            # one-line fields refuse controls now; a file from before holds them
            metric=SuccessMetric.model_validate({"name": EVIL, "unit": EVIL}, context=STORED),
        )
    )
    store.state.set("sample_offered", True)
    store.close()
    return path


def test_inert_shows_every_control_and_keeps_the_rest() -> None:
    shown = inert(EVIL)
    assert "␛]0;pwned␇" in shown and "\\u009b31m" in shown and "\\u202e" in shown
    assert "␀" in shown and "␡" in shown
    assert inert("line one\n\tline two\r\n") == "line one\n\tline two\n"
    assert inert("a\nb\tc", one_line=True) == "a⏎b c"
    assert inert("lone \ud800") == "lone \\ud800"
    plain = "no controls: emoji 🚀, RTL مرحبا, tab\tand\nbreaks"
    assert inert(plain) is plain
    assert inert(inert(EVIL)) == inert(EVIL)


@pytest.mark.parametrize("command", [["export"], ["check"]])
def test_cli_output_bytes_hold_no_stored_control(evil_db: Path, command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aiops_tui", *command, "--db", str(evil_db)],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    _assert_inert(result.stdout)
    _assert_inert(result.stderr)
    if command == ["export"]:
        assert "␛]0;pwned␇".encode() in result.stdout


def test_exported_file_holds_no_stored_control(evil_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "playbook.md"
    subprocess.run(
        [sys.executable, "-m", "aiops_tui", "export", "--db", str(evil_db), "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    _assert_inert(out.read_bytes())


def test_app_terminal_bytes_hold_no_stored_control(evil_db: Path) -> None:
    """The real app on a pseudo-terminal, with the evil workflow's detail open."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: aiops on the pty
        args = ["-m", "aiops_tui", "--db", str(evil_db), "--as", "Ana Ruiz"]  # no identity question
        os.execve(sys.executable, [sys.executable, *args], env)
    raw = bytearray()

    def read_for(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    raw.extend(os.read(fd, 65536))
                except OSError:
                    return

    try:
        read_for(6)
        for key in (b"2", b"\r"):  # workflows, then the evil one's detail
            os.write(fd, key)
            read_for(2)
        os.write(fd, b"q")
        read_for(3)
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    assert b"Evil workflow" in raw and b"pwned" in raw  # the stored text was drawn
    _assert_inert(bytes(raw), terminal=True)


def test_names_stored_under_older_rules_still_read_and_show_inert(
    evil_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bidi override in a name (allowed before names refused it) never breaks a read."""
    conn = sqlite3.connect(evil_db)
    conn.execute("UPDATE people SET name = 'Ana \u202eRuiz' WHERE name = 'Ana Ruiz'")
    conn.execute("UPDATE workflows SET name = 'Evil \u009b workflow'")
    conn.commit()
    conn.close()
    store = Store.open(evil_db)
    try:
        assert [p.name for p in store.people.all_rows()] == ["Ana \u202eRuiz"]
        with pytest.raises(ValueError, match="control characters"):
            Person(name="Ana \u202eRuiz")
    finally:
        store.close()
    assert main(["export", "--db", str(evil_db)]) == 0
    out = capsys.readouterr().out
    assert "Ana \\u202eRuiz" in out and "Evil \\u009b workflow" in out
    _assert_inert(out.encode())
