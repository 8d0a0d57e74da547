"""The weekly summary escapes stored text like the playbook, so its tables keep their shape."""

from __future__ import annotations

from datetime import date

from markdown_it import MarkdownIt

from aiops_tui.export.weekly import WeeklySummary, render_weekly

HOSTILE = "A | B *bold* <b>html</b> # not a heading `tick`\nsecond line"


def test_hostile_text_keeps_tables_and_headings() -> None:
    text = render_weekly(
        WeeklySummary(
            day=date(2026, 11, 23),
            who=HOSTILE,
            alerts=[("no_owner", HOSTILE, HOSTILE)],
            metrics=[(HOSTILE, "throughput", 3.0, HOSTILE)],
        )
    )
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert all(t.tag in ("h1", "h2") for t in headings)
    rows = [i for i, t in enumerate(tokens) if t.type == "tr_open"]
    for start in rows:
        cells = 0
        for t in tokens[start:]:
            if t.type in ("td_open", "th_open"):
                cells += 1
            if t.type == "tr_close":
                break
        assert cells in (3, 4)  # alerts have 3 columns, metrics 4: no cell split by a pipe
    assert "<b>" not in MarkdownIt("commonmark").enable("table").render(text)
