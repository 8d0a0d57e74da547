"""Only `init` and the app's first start create a database; bad input is refused, not a crash.

Every refusal is one line on stderr and exit 2 with nothing written; a bug is
one line naming a crash log, exit 70, never a traceback on the terminal.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from aiops_tui.cli import main
from aiops_tui.storage.store import Store

OUT = "a draft to review\n"
WF = "Customer support drafting and triage"
main_module = importlib.import_module("aiops_tui.cli.main")  # the package re-exports main()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _commands(path: Path, tmp_path: Path) -> dict[str, list[str]]:
    lines = tmp_path / "lines.jsonl"
    lines.write_text(json.dumps({"workflow": "w", "title": "t", "output": "o"}) + "\n")
    out = tmp_path / "out.txt"
    out.write_text(OUT)
    db = ["--db", str(path)]
    return {
        "check": ["check", *db],
        "export": ["export", *db],
        "review add": ["review", "add", *db, "--workflow", "w", "--title", "t",
                       "--output-file", str(out)],
        "review import": ["review", "import", *db, str(lines)],
        "backup": ["backup", *db, str(tmp_path / "copy.db")],
        "app": [*db],
    }  # fmt: skip


@pytest.mark.parametrize("command", ["check", "export", "review add", "review import", "backup",
                                     "app"])  # fmt: skip
def test_missing_database_is_never_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / "none.db"
    argv = _commands(path, tmp_path)[command]
    before = sorted(p.name for p in tmp_path.iterdir())

    assert main(argv) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert f"no database at {path}: run aiops init" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("command", ["check", "export", "review add", "review import", "backup",
                                     "app"])  # fmt: skip
def test_an_empty_file_is_not_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / "empty.db"
    path.touch(mode=0o644)
    path.chmod(0o644)
    argv = _commands(path, tmp_path)[command]
    before = sorted(p.name for p in tmp_path.iterdir())

    assert main(argv) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty" in err and "not a database" in err, err
    assert path.stat().st_size == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_init_refuses_an_empty_file_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    assert main(["init", "--db", str(path)]) == 2
    assert "empty" in capsys.readouterr().err
    assert path.stat().st_size == 0


def test_init_creates_a_private_database(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    assert main(["init", "--db", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_app_first_start_asks_and_a_no_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "first.db"
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "n")

    assert main(["--db", str(path)]) == 2

    assert asked and str(path) in asked[0] and "[y/N]" in asked[0]
    assert "no database at" in capsys.readouterr().err
    assert not path.exists()


def test_app_first_start_creates_on_yes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "first.db"
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    from aiops_tui.app import AiopsApp

    opened: list[Path] = []
    monkeypatch.setattr(AiopsApp, "run", lambda self: opened.append(self.store.db.path))

    assert main(["--db", str(path)]) == 0

    assert opened == [path]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_default_data_folder_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data" / "aiops-tui"
    monkeypatch.setattr("aiops_tui.cli.common.default_db_path", lambda: folder / "aiops.db")
    assert main(["init"]) == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def _db(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    assert main(["init", "--db", str(path), "--sample"]) == 0
    return path


def test_non_utf8_argument_is_refused(tmp_path: Path) -> None:
    path = _db(tmp_path)
    sha = _sha(path)
    result = subprocess.run(
        [sys.executable, "-m", "aiops_tui", "review", "add", "--db", str(path),
         "--workflow", WF, "--title", b"caf\xe9"],
        input=OUT.encode(),
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err.count("\n") == 1 and "not UTF-8" in err and "Traceback" not in err
    assert _sha(path) == sha


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (f'{{"workflow": "{WF}", "title": "a\\ud800", "output": "o"}}', "lone surrogate"),
        (f'{{"workflow": "{WF}", "title": "a", "output": "o\\udfff"}}', "lone surrogate"),
        ("[" * 100_000, "nested too deeply"),
        (f'{{"workflow": "{WF}", "title": "a\\u001b[2J", "output": "o"}}', "control"),
        (f'{{"workflow": "{WF}", "title": "a\\u202e", "output": "o"}}', "control"),
        (f'{{"workflow": "{WF}", "title": "a", "output": "o", "source": "a\\tb"}}',
         "control"),
    ],
)  # fmt: skip
def test_hostile_import_lines_are_named_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, reason: str
) -> None:
    path = _db(tmp_path)
    good = json.dumps({"workflow": WF, "title": "fine", "output": "o"})
    lines = tmp_path / "in.jsonl"
    lines.write_text(f"{good}\n{line}\n{good}\n", encoding="utf-8")
    sha = _sha(path)
    capsys.readouterr()

    assert main(["review", "import", "--db", str(path), str(lines)]) == 2

    err = capsys.readouterr().err
    assert "line 2:" in err and reason in err, err
    assert "Traceback" not in err and "\x1b" not in err
    assert _sha(path) == sha


def test_review_add_source_has_the_import_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _db(tmp_path)
    sha = _sha(path)
    out = tmp_path / "out.txt"
    out.write_text(OUT)
    argv = ["review", "add", "--db", str(path), "--workflow", WF, "--title", "t",
            "--output-file", str(out), "--source"]  # fmt: skip
    assert main([*argv, "s" * 201]) == 2
    assert "'source' is longer than 200" in capsys.readouterr().err
    assert _sha(path) == sha
    assert main([*argv, "s" * 200]) == 0


def test_an_unexpected_error_is_one_line_and_a_private_crash_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _db(tmp_path)

    def broken(args: object) -> int:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(main_module, "handler_for", lambda command: broken)
    capsys.readouterr()

    assert main(["check", "--db", str(path)]) == 70

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ZeroDivisionError" in err and "Traceback" not in err
    log = Path(err.rstrip("\n").rsplit(" ", 1)[1])
    assert log.parent == tmp_path / "logs"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert "Traceback" in text and "a bug" in text


def test_store_api_still_creates_for_tests_and_init(tmp_path: Path) -> None:
    Store.open(tmp_path / "lib.db").close()
    assert (tmp_path / "lib.db").exists()
