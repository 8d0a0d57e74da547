"""The file names `aiops export --dir` writes, and which files are its own."""

from __future__ import annotations

import pytest

from aiops_tui.domain.export_files import (
    HEADER,
    INDEX,
    is_export_path,
    is_manifest,
    manifest_paths,
    manifest_text,
    slug,
    sop_path,
    stale,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Invoice chasing", "invoice-chasing"),
        ("  Q&A / FAQ -- drafts ", "q-a-faq-drafts"),
        ("Café façade résumé", "cafe-facade-resume"),
        ("請求書", ""),
        ("../../etc/passwd", "etc-passwd"),
        ("x" * 80, "x" * 60),
        ("a" * 59 + " b", "a" * 59),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_sop_path_is_the_slug_and_the_id_so_names_that_slug_alike_differ() -> None:
    assert sop_path("Invoice chasing", 12) == "workflows/invoice-chasing-12.md"
    assert sop_path("Q&A", 3) != sop_path("Q-A", 4)
    assert sop_path("請求書", 7) == "workflows/workflow-7.md"
    assert is_export_path(sop_path("Café — support", 9))


@pytest.mark.parametrize(
    ("path", "ours"),
    [
        (INDEX, True),
        ("workflows/a-1.md", True),
        ("workflows/../secret.md", False),
        ("../index.md", False),
        ("/etc/passwd", False),
        ("README.md", False),
        ("workflows/notes.txt", False),
        ("workflows/sub/a-1.md", False),
        ("workflows/A-1.md", False),
        (".aiops-export", False),
    ],
)
def test_only_paths_shaped_like_ours_are_ours(path: str, ours: bool) -> None:
    assert is_export_path(path) is ours


def test_the_manifest_round_trips_sorted_and_ignores_foreign_lines() -> None:
    text = manifest_text(["workflows/b-2.md", INDEX, "workflows/a-1.md", INDEX])
    assert text == HEADER + "index.md\nworkflows/a-1.md\nworkflows/b-2.md\n"
    assert is_manifest(text)
    assert not is_manifest("my own notes\n")
    edited = text + "../../home/me/.bashrc\nREADME.md\n  workflows/c-3.md  \n"
    assert manifest_paths(edited) == {
        INDEX,
        "workflows/a-1.md",
        "workflows/b-2.md",
        "workflows/c-3.md",
    }


def test_stale_files_are_the_previous_ones_no_longer_written() -> None:
    previous = {INDEX, "workflows/a-1.md", "workflows/old-name-2.md", "../x.md"}
    current = {INDEX, "workflows/a-1.md", "workflows/new-name-2.md"}
    assert stale(previous, current) == ["workflows/old-name-2.md"]
    assert stale(set(), current) == []
