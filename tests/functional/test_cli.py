"""The command line: one line on stderr and a non-zero exit for every user mistake."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aiops_tui import __version__
from aiops_tui.cli import main
from aiops_tui.storage.store import Store


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Through a real process, to see exactly what a shell sees."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "aiops_tui", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"aiops {__version__}"


def test_help_lists_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("init", "locate", "check"):
        assert command in out


def test_init_and_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "a.db"
    assert main(["init", "--db", str(db)]) == 0
    assert "database ready" in capsys.readouterr().out
    sample = tmp_path / "s.db"
    assert main(["init", "--sample", "--db", str(sample)]) == 0
    store = Store.open(sample)
    try:
        assert store.workflows.count() >= 6
    finally:
        store.close()


def test_init_sample_twice_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.db"
    assert main(["init", "--sample", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["init", "--sample", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already has workflows" in err


def test_aiops_db_environment_variable(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    result = run("init", env={"AIOPS_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no database at"),
        (lambda p: p.write_text("just text, not a database " * 10), "not an aiops database"),
    ],
)
def test_bad_paths_give_one_line_and_exit_2(tmp_path: Path, make, message: str) -> None:
    target = tmp_path / ("missing/dir/a.db" if message == "no database at" else "text.db")
    make(target)
    before = target.read_bytes() if target.exists() else None
    result = run("check", "--db", str(target))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    if before is not None:
        assert target.read_bytes() == before


def test_unknown_option_is_one_line(tmp_path: Path) -> None:
    result = run("init", "--frobnicate")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "unrecognized arguments" in result.stderr


def test_locate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.db"
    assert main(["locate", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"database: {db}" in out and "config:" in out and "backups:" in out


def test_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.db"
    assert main(["init", "--db", str(clean)]) == 0
    assert main(["check", "--db", str(clean)]) == 0
    assert "no critical gaps" in capsys.readouterr().out
    sample = tmp_path / "sample.db"
    main(["init", "--sample", "--db", str(sample)])
    capsys.readouterr()
    assert main(["check", "--db", str(sample)]) == 1
    out = capsys.readouterr().out
    assert "policy_gap" in out and "Contract review with a personal chatbot" in out
