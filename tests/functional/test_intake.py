"""`aiops review add` / `aiops review import`: drafts from automations into the queue."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from aiops_tui.cli import main
from aiops_tui.storage import opening
from aiops_tui.storage.db import connect
from aiops_tui.storage.store import Store

SUPPORT = "Customer support drafting and triage"
REPORTING = "Internal reporting and meeting summaries"


def items(store: Store) -> int:
    return int(store.db.scalar("SELECT count(*) FROM review_items") or 0)


def write_lines(path: Path, rows: list[object]) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n",
        encoding="utf-8",
    )
    return path


# -- review add ---------------------------------------------------------------------------


def test_add_from_stdin_queues_one_item(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = items(sample_store)
    monkeypatch.setattr("sys.stdin", io.StringIO("Hello,\n\nyour refund is on its way."))
    code = main(
        [
            "review",
            "add",
            "--db",
            "aiops.db",
            "--workflow",
            SUPPORT,
            "--title",
            "Ticket 5000: refund",
            "--prompt",
            "support-triage@1",
        ]
    )
    assert code == 0
    assert "queued #" in capsys.readouterr().out
    assert items(sample_store) == before + 1
    row = sample_store.db.query_one("SELECT * FROM review_items ORDER BY id DESC LIMIT 1")
    assert row["title"] == "Ticket 5000: refund"
    assert row["output"].endswith("on its way.")
    assert row["source"] == "cli"
    assert row["needs_signoff"] == 1  # customer-facing workflow
    prompt = sample_store.prompts.by_name("support-triage")
    assert prompt is not None
    version = sample_store.prompts.version(prompt.id or 0, 1)
    assert version is not None and row["prompt_version_id"] == version.id
    change = sample_store.db.query_one("SELECT * FROM change_events ORDER BY id DESC LIMIT 1")
    assert change["entity"] == "review" and "Ticket 5000" in change["summary"]


def test_add_with_files_and_flags_forbidden_data(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.md"
    out.write_text("Summary\napi_key = sk-live-4f9a8b7c6d5e4f3a2b1c\n", encoding="utf-8")
    inp = tmp_path / "in.txt"
    inp.write_text("meeting notes", encoding="utf-8")
    code = main(
        ["review", "add", "--db", "aiops.db", "--workflow", REPORTING, "--title", "Weekly"]
        + ["--input-file", str(inp), "--output-file", str(out), "--source", "cron"]
    )
    assert code == 0
    assert "data flags: credentials" in capsys.readouterr().out
    row = sample_store.db.query_one("SELECT * FROM review_items ORDER BY id DESC LIMIT 1")
    assert row["input"] == "meeting notes" and row["source"] == "cron"
    flags = json.loads(row["data_flags"])
    assert flags and all(f.startswith("credentials: ") for f in flags)
    assert "output line 2" in flags[0]
    assert "sk-live" not in row["data_flags"]  # flags never repeat the secret


def test_add_unknown_workflow_is_an_error(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = items(sample_store)
    workflows = sample_store.workflows.count()
    monkeypatch.setattr("sys.stdin", io.StringIO("draft"))
    code = main(["review", "add", "--db", "aiops.db", "--workflow", "Nope", "--title", "t"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.strip() == "aiops: unknown workflow 'Nope'"
    assert items(sample_store) == before
    assert sample_store.workflows.count() == workflows


def test_add_unknown_prompt_and_empty_output(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("draft"))
    args = ["review", "add", "--db", "aiops.db", "--workflow", SUPPORT, "--title", "t"]
    assert main([*args, "--prompt", "support-triage@99"]) == 2
    assert "has no version 99" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("  \n"))
    assert main(args) == 2
    assert "output is empty" in capsys.readouterr().err


# -- review import ----------------------------------------------------------------------


def good(title: str, **extra: str) -> dict[str, str]:
    return {"workflow": SUPPORT, "title": title, "output": f"draft for {title}", **extra}


def test_import_good_file(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = items(sample_store)
    changes = int(sample_store.db.scalar("SELECT count(*) FROM change_events") or 0)
    path = write_lines(
        tmp_path / "batch.jsonl",
        [good("A", source="zapier", prompt="support-triage"), "", good("B", input="ctx")],
    )
    assert main(["review", "import", "--db", "aiops.db", str(path)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"imported 2 items from {path}"]
    rows = sample_store.db.query("SELECT * FROM review_items WHERE id > ? ORDER BY id", (before,))
    assert [(r["title"], r["source"], r["input"]) for r in rows] == [
        ("A", "zapier", ""),
        ("B", "import", "ctx"),
    ]
    prompt = sample_store.prompts.by_name("support-triage")
    production = sample_store.prompts.production(prompt.id or 0) if prompt else None
    assert production is not None and rows[0]["prompt_version_id"] == production.id
    after = int(sample_store.db.scalar("SELECT count(*) FROM change_events") or 0)
    assert after == changes + 2


def test_import_with_bad_lines_is_refused_whole(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = items(sample_store)
    path = write_lines(
        tmp_path / "batch.jsonl",
        [
            good("A"),
            "{broken",
            {"workflow": "Nope", "title": "t", "output": "o"},
            good("B", prompt="missing-prompt@1"),
            {"title": "no workflow"},
            good("C"),
        ],
    )
    assert main(["review", "import", "--db", "aiops.db", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip().splitlines()
    assert err[0].endswith(
        "line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2)"
    )
    assert err[1].endswith("line 3: unknown workflow 'Nope'")
    assert err[2].endswith("line 4: unknown prompt 'missing-prompt'")
    assert err[3].endswith("line 5: missing 'workflow', 'output'")
    assert "nothing imported" in err[4]
    assert items(sample_store) == before


def test_import_skip_invalid_imports_the_good_lines(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = items(sample_store)
    path = write_lines(tmp_path / "b.jsonl", [good("A"), "[]", good("C")])
    assert main(["review", "import", "--db", "aiops.db", "--skip-invalid", str(path)]) == 0
    captured = capsys.readouterr()
    assert "line 2: must be a JSON object" in captured.err
    assert captured.out.strip() == f"imported 2 items from {path}, skipped 1 bad line"
    titles = [
        r[0]
        for r in sample_store.db.query("SELECT title FROM review_items WHERE id > ?", (before,))
    ]
    assert titles == ["A", "C"]


def test_import_unknown_workflow_creates_nothing(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workflows = sample_store.workflows.count()
    path = write_lines(tmp_path / "b.jsonl", [{"workflow": "Ghost", "title": "t", "output": "o"}])
    assert main(["review", "import", "--db", "aiops.db", str(path)]) == 2
    assert "line 1: unknown workflow 'Ghost'" in capsys.readouterr().err
    assert sample_store.workflows.count() == workflows
    assert sample_store.workflows.by_name("Ghost") is None


def test_import_empty_file(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = items(sample_store)
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    assert main(["review", "import", "--db", "aiops.db", str(path)]) == 0
    assert "imported 0 items" in capsys.readouterr().out
    assert items(sample_store) == before


def test_import_missing_file(sample_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "import", "--db", "aiops.db", "nowhere.jsonl"]) == 2
    assert "cannot read file nowhere.jsonl" in capsys.readouterr().err


def test_import_ten_megabyte_output_is_fast(
    sample_store: Store,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Bounded work, not seconds (timings failed on a loaded machine): the item is one
    INSERT, and the whole import a few dozen statements however long the output."""
    statements: list[str] = []

    def traced(path: Path) -> sqlite3.Connection:
        conn = connect(path)
        conn.set_trace_callback(lambda sql: statements.append(sql[:200]))
        return conn

    monkeypatch.setattr(opening, "connect", traced)
    paragraph = "The quarterly numbers look steady; churn fell and support load rose.\n"
    output = paragraph * (10_000_000 // len(paragraph) + 1)
    assert len(output) >= 10_000_000
    path = write_lines(tmp_path / "big.jsonl", [good("Big one", output=output)])
    assert main(["review", "import", "--db", "aiops.db", str(path)]) == 0
    assert "imported 1 item" in capsys.readouterr().out
    stored = sample_store.db.scalar(
        "SELECT length(output) FROM review_items WHERE title = 'Big one'"
    )
    assert stored == len(output)
    inserts = [sql for sql in statements if sql.startswith("INSERT INTO review_items")]
    assert len(set(inserts)) == 1  # (SQLite traces it again for each trigger it fires)
    assert len(statements) < 60, statements


def _run_add(cwd: Path, stdin: int | None, text: str | None) -> subprocess.CompletedProcess[str]:
    """`aiops review add` as a separate process, so standard input is a real pipe or device."""
    return subprocess.run(
        [sys.executable, "-m", "aiops_tui", "review", "add", "--db", "aiops.db"]
        + ["--workflow", SUPPORT, "--title", "Piped draft"],
        cwd=cwd,
        stdin=stdin,
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_add_reads_a_piped_draft_without_output_file(sample_store: Store, db_path: Path) -> None:
    before = items(sample_store)
    done = _run_add(Path.cwd(), None, "Dear customer, fixed.")
    assert done.returncode == 0, done.stderr
    assert "queued #" in done.stdout
    assert items(sample_store) == before + 1


def test_add_without_output_file_or_pipe_says_the_option_is_required(
    sample_store: Store, db_path: Path
) -> None:
    before = items(sample_store)
    done = _run_add(Path.cwd(), subprocess.DEVNULL, None)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("aiops: --output-file is required")
    assert items(sample_store) == before
