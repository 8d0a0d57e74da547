"""`aiops export --dir` and `aiops export --audit` as a shell sees them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from mdstructure import parse

from aiops_tui.cli import main
from aiops_tui.domain.export_files import MANIFEST
from aiops_tui.storage.store import Store

DATE = ["--date", "2026-11-23"]
SALES = "workflows/sales-follow-up-and-pipeline-summaries-1.md"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _export_dir(store: Store, folder: Path | str, *extra: str) -> int:
    return main(["export", "--db", str(store.db.path), *DATE, "--dir", str(folder), *extra])


def test_dir_twice_gives_byte_identical_files(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a" / "playbook", tmp_path / "b"
    assert _export_dir(sample_store, first) == 0  # created, parents too
    err = capsys.readouterr().err
    assert err == f"wrote {first.resolve()}: index.md and 5 SOP files\n"
    assert _export_dir(sample_store, second) == 0
    assert _export_dir(sample_store, second) == 0  # again over its own files
    assert _tree(first) == _tree(second)
    files = _tree(first)
    assert sorted(files) == [
        MANIFEST,
        "index.md",
        "workflows/content-production-and-repurposing-2.md",
        "workflows/customer-support-drafting-and-triage-3.md",
        "workflows/internal-reporting-and-meeting-summaries-4.md",
        SALES,
        "workflows/sop-creation-and-process-qa-5.md",
    ]
    assert parse(files[SALES].decode()).headings[0] == (
        1,
        "SOP: Sales follow-up and pipeline summaries",
    )
    assert f"]({SALES})" in files["index.md"].decode()


def test_a_rename_removes_only_the_old_file_of_ours(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs"
    assert _export_dir(sample_store, folder) == 0
    own = {
        "README.md": b"my notes\n",
        "workflows/my-own-page-9.md": b"shaped like ours, not in the manifest\n",
        "workflows/notes.txt": b"mine\n",
    }
    for name, body in own.items():
        (folder / name).write_bytes(body)
    wf = sample_store.workflows.by_name("Sales follow-up and pipeline summaries")
    assert wf is not None
    sample_store.workflows.update(wf.model_copy(update={"name": "Sales follow-ups"}))
    capsys.readouterr()
    assert _export_dir(sample_store, folder) == 0
    assert "removed 1 old file" in capsys.readouterr().err
    files = _tree(folder)
    assert SALES not in files
    assert "workflows/sales-follow-ups-1.md" in files
    assert {name: files[name] for name in own} == own
    assert "workflows/sales-follow-ups-1.md" in files[MANIFEST].decode()
    assert SALES not in files[MANIFEST].decode()


def test_a_workflow_leaving_the_playbook_loses_its_page(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs"
    assert _export_dir(sample_store, folder) == 0
    wf = sample_store.workflows.by_name("Sales follow-up and pipeline summaries")
    assert wf is not None
    sample_store.workflows.set_status(wf.id or 0, "paused")
    assert _export_dir(sample_store, folder) == 0
    assert not (folder / SALES).exists()
    assert len(list((folder / "workflows").iterdir())) == 4


def test_a_manifest_edited_to_name_other_files_deletes_none_of_them(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs"
    assert _export_dir(sample_store, folder) == 0
    outside = tmp_path / "precious.md"
    outside.write_text("keep\n")
    (folder / "workflows" / "sub").mkdir()
    (folder / "workflows" / "linked-7.md").symlink_to(outside)
    manifest = folder / MANIFEST
    manifest.write_text(
        manifest.read_text() + "../precious.md\nworkflows/sub\nworkflows/linked-7.md\n"
    )
    assert _export_dir(sample_store, folder) == 0
    assert outside.read_text() == "keep\n"
    assert (folder / "workflows" / "sub").is_dir()
    assert (folder / "workflows" / "linked-7.md").is_symlink()


def test_a_file_of_someone_else_where_ours_would_go_is_refused(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.md").write_text("the site's own home page\n")
    assert _export_dir(sample_store, folder) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "was not written by aiops export" in err
    assert [p.name for p in folder.iterdir()] == ["index.md"]
    assert (folder / "index.md").read_text() == "the site's own home page\n"


@pytest.mark.parametrize(
    ("target", "extra", "message"),
    [
        ("aiops.db", [], "is the database itself"),
        ("file.txt", [], "file.txt is a file, not a folder"),
        ("file.txt/sub", [], "cannot create folder"),
        ("", [], "give a folder name"),
        ("out", ["--out", "x.md"], "--dir cannot be combined with --out"),
        ("out", ["--audit"], "--dir cannot be combined with --audit"),
        ("out", ["--workflow", "X"], "--dir cannot be combined with --workflow"),
        ("out", ["--html", "x.html"], "--dir cannot be combined with --html"),
    ],
)
def test_dir_mistakes_are_one_line_and_exit_2(
    sample_store: Store,
    capsys: pytest.CaptureFixture[str],
    target: str,
    extra: list[str],
    message: str,
) -> None:
    Path("file.txt").write_text("not a folder\n")
    before = sorted(Path(".").iterdir())
    assert _export_dir(sample_store, target, *extra) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and message in captured.err
    assert sorted(Path(".").iterdir()) == before


def test_a_broken_document_is_refused_and_nothing_is_written(
    sample_store: Store,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from aiops_tui.export import folder as folder_export

    real = folder_export.render_sop
    monkeypatch.setattr(
        folder_export, "render_sop", lambda *a, **k: real(*a, **k) + "\n```text\nopen\n"
    )
    assert _export_dir(sample_store, tmp_path / "docs") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not written: workflows/" in err and "never closed" in err
    assert not (tmp_path / "docs").exists()  # every file is checked before the folder is made


def test_audit_to_stdout_and_to_a_file(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(sample_store.db.path)
    assert main(["export", "--db", db, *DATE, "--audit"]) == 0
    printed = capsys.readouterr().out
    assert parse(printed).headings[0] == (1, "Quarterly audit, 2026-11-23")
    out = tmp_path / "audit.md"
    assert main(["export", "--db", db, *DATE, "--audit", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == printed
    assert capsys.readouterr().err == f"wrote {out.resolve()}\n"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--html", "a.html"], "--audit cannot be combined with --html"),
        (["--workflow", "X"], "--audit cannot be combined with --workflow"),
        (["--out", "aiops.db"], "is the database itself"),
    ],
)
def test_audit_mistakes(
    sample_store: Store, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["export", "--db", str(sample_store.db.path), "--audit", *extra]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_a_broken_playbook_is_refused_on_stdout_too(
    sample_store: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiops_tui.export import playbook

    monkeypatch.setattr(playbook, "render_playbook", lambda *a, **k: "# A\n\n# B\n")
    assert main(["export", "--db", str(sample_store.db.path), "--out", "p.md"]) == 2
    assert main(["export", "--db", str(sample_store.db.path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "not written: the playbook has a second H1" in captured.err
    assert not Path("p.md").exists()


def test_dir_in_a_real_process(sample_store: Store, tmp_path: Path) -> None:
    """The installed entry point, as cron or a git hook runs it."""
    args = [sys.executable, "-m", "aiops_tui", "export", "--db", str(sample_store.db.path)]
    runs = [
        subprocess.run([*args, *DATE, "--dir", str(tmp_path / d)], capture_output=True, text=True)
        for d in ("x", "y")
    ]
    assert [r.returncode for r in runs] == [0, 0]
    assert _tree(tmp_path / "x") == _tree(tmp_path / "y")
