"""The shape check every exported Markdown document passes before it is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from aiops_tui.export.structure import check_structure, headings, problems, write_markdown
from aiops_tui.export.weekly import WeeklySummary, render_weekly
from aiops_tui.storage.writer import ExportError

SOUND = "# Title\n\n## A\n\n### A.1\n\n## B\n\n````text\n```\ninside\n````\n"


def test_a_sound_document_has_no_problem() -> None:
    text = "# Title\n\n## A\n\n### A.1\n\n## B\n\n````text\n```\ninside\n````\n"
    assert problems(text) == []
    assert headings(text) == [(1, 1, "Title"), (2, 3, "A"), (3, 5, "A.1"), (2, 7, "B")]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Just text.\n", "no H1 title"),
        ("# One\n\n# Two\n", "a second H1 on line 3 ('Two')"),
        ("# One\n\n### Three\n", "an H3 on line 3 ('Three') right after an H1"),
        ("## Two\n\n# One\n", "an H2 on line 1 ('Two') right after the document's start"),
        ("# One\n\n```text\nopen\n", "a code fence opened on line 3 is never closed"),
        ("# One\n\n````\nx\n```\n", "a code fence opened on line 3 is never closed"),
        ("# One\n\n> ~~~\n> x\n", "a code fence opened on line 3 is never closed"),
        ("# One\n\n```\n", "a code fence opened on line 3 is never closed"),
    ],
)
def test_each_kind_of_problem_is_found(text: str, problem: str) -> None:
    assert problem in problems(text)


def test_fences_closed_in_a_quote_or_by_a_longer_run_are_sound() -> None:
    assert problems("# One\n\n> ```\n> x\n> ```\n\n~~~\na\n~~~~\n") == []


def test_a_heading_inside_a_fence_is_not_a_heading() -> None:
    assert problems("# One\n\n```\n# Two\n#### Four\n```\n") == []


def test_check_structure_refuses_with_one_line_naming_the_first_problem() -> None:
    with pytest.raises(ExportError) as caught:
        check_structure("# One\n\n# Two\n\n#### Four\n", "the playbook")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("not written: the playbook has a second H1 on line 3")
    assert "(and 1 more)" in message
    assert check_structure(SOUND, "x") == SOUND


def test_a_broken_document_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "broken.md"
    with pytest.raises(ExportError, match="never closed"):
        write_markdown(target, "# Title\n\n```text\nno end\n", "the audit")
    assert not target.exists()
    kept = tmp_path / "kept.md"
    kept.write_text("old\n")
    with pytest.raises(ExportError, match="second H1"):
        write_markdown(kept, "# A\n\n# B\n", "the audit")
    assert kept.read_text() == "old\n"
    assert list(tmp_path.iterdir()) == [kept]  # no temporary file left behind


def test_a_sound_document_is_written(tmp_path: Path) -> None:
    written = write_markdown(tmp_path / "ok.md", SOUND, "the playbook")
    assert written.read_text(encoding="utf-8") == SOUND


def test_weekly_notes_with_headings_and_an_open_fence_keep_the_summary_sound() -> None:
    notes = "# Decided\n\n### Later\n\n```\nunclosed"
    text = render_weekly(WeeklySummary(day=date(2026, 11, 23), who="Ana", notes=notes))
    assert problems(text) == []
    assert (3, "Decided") in [(level, title) for level, _, title in headings(text)]


def test_a_table_run_into_a_setext_underline_is_read_as_a_table() -> None:
    """`| a |` then `===` is a table and text to a renderer, not a second H1."""
    text = "# One\n\n| a | b |\n| - | - |\n| 1 | 2 |\n===\n\n## Two\n"
    assert problems(text) == []
    assert [h[0] for h in headings(text)] == [1, 2]


def test_the_fast_reading_finds_what_the_full_reading_finds(sample_store) -> None:
    """Documents whose tables end at a blank line are read without the table rule and
    with table rows blanked; headings and fences come out the same as a full reading."""
    from aiops_tui.export.audit import render_audit
    from aiops_tui.export.folder import render_folder
    from aiops_tui.export.structure import block_tokens, parser, table_sensitive

    def shape(tokens: list) -> list[tuple]:
        kinds = ("heading_open", "fence")
        return [(t.type, t.tag, t.map, t.markup) for t in tokens if t.type in kinds]

    on = date(2026, 11, 23)
    documents = [render_audit(sample_store, on), *render_folder(sample_store, on).values()]
    for text in documents:
        lines = text.split("\n")
        assert not table_sensitive(lines)
        assert shape(block_tokens(text, lines)) == shape(parser(tables=True).parse(text))
