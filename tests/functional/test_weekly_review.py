"""The weekly review: a whole session, resuming half way, and the Markdown summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import USER
from textual.widgets import DataTable, Input, Static

from aiops_tui.export.weekly import WeeklySummary, render_weekly
from aiops_tui.screens.dashboard import DashboardScreen
from aiops_tui.screens.weekly_export_form import WeeklyExportForm
from aiops_tui.screens.weekly_review import WeeklyReviewScreen
from aiops_tui.storage.store import Store
from aiops_tui.storage.weekly_agenda import STATE_KEY

SIZE = (120, 40)


def title(app) -> str:
    return str(app.screen.query_one("#wr-title", Static).render())


def decisions(store: Store) -> list[tuple[str, str, str, str]]:
    return [
        tuple(r)
        for r in store.db.query(
            "SELECT i.title, d.decision, d.reviewer, d.note FROM review_decisions d"
            " JOIN review_items i ON i.id = d.item_id WHERE d.decided_at = ? ORDER BY d.id",
            (store.clock().isoformat(timespec="seconds"),),
        )
    ]


async def test_a_whole_weekly_review(sample_store: Store, make_app, tmp_path: Path) -> None:
    ritual = sample_store.rituals.by_name("Weekly review")
    assert ritual is not None
    before = sample_store.rituals.completion_count(ritual.id or 0)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WeeklyReviewScreen)
        assert title(app) == "Step 1 of 8: Overdue rituals"
        rituals = app.screen.query_one("#wr-rituals", DataTable)
        names = {str(rituals.get_row_at(i)[0]) for i in range(rituals.row_count)}
        assert {"Weekly review", "Quarterly audit"} <= names
        await pilot.press("4")  # screen keys are held during the review
        await pilot.pause()
        assert isinstance(app.screen, WeeklyReviewScreen)

        await pilot.press("n")
        await pilot.pause()
        assert title(app) == "Step 2 of 8: Pending reviews"
        reviews = app.screen.query_one("#wr-reviews", DataTable)
        assert reviews.row_count == 3
        await pilot.press("y")  # Pipeline summary: Ana signs off
        await pilot.pause()
        assert reviews.row_count == 2
        await pilot.press("down", "y")  # Ticket 4820 needs Cara Lind: refused, stays
        await pilot.pause()
        assert reviews.row_count == 2
        await pilot.press("x")  # reject needs a note: the note box takes focus
        await pilot.pause()
        assert app.focused is app.screen.query_one("#wr-review-note", Input)
        await pilot.press(*"Wrong product", "enter")
        await pilot.pause()
        assert reviews.row_count == 1
        assert decisions(sample_store) == [
            ("Pipeline summary week 47", "approved", USER, ""),
            ("Ticket 4820: login loop", "rejected", USER, "Wrong product"),
        ]

        await pilot.press("n", "n", "n", "n")
        await pilot.pause()
        assert title(app) == "Step 6 of 8: Metrics"
        metrics = app.screen.query_one("#wr-metrics", DataTable)
        assert metrics.row_count == 3
        assert str(metrics.get_row_at(0)[1]) == "Quality score"  # its own success metric
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"4.6", "enter")
        await pilot.pause()
        assert metrics.cursor_row == 1  # moved on to the next live workflow
        await pilot.press(*"250", "enter")
        await pilot.pause()
        entries = sample_store.db.query(
            "SELECT w.name, m.series, m.value FROM metric_entries m JOIN workflows w"
            " ON w.id = m.workflow_id WHERE m.date = '2026-11-23' ORDER BY m.id"
        )
        assert [tuple(e) for e in entries] == [
            ("Content production and repurposing", "", 4.6),
            ("Internal reporting and meeting summaries", "", 250.0),
        ]

        await pilot.press("ctrl+n")
        await pilot.pause()
        assert title(app) == "Step 7 of 8: Notes"
        await pilot.press(*"Chase the drift")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert title(app) == "Step 8 of 8: Finish"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WeeklyExportForm)
        out = tmp_path / "weekly.md"
        app.screen.query_one("#field-path", Input).value = str(out)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    done = sample_store.rituals.last_completion(ritual.id or 0)
    assert sample_store.rituals.completion_count(ritual.id or 0) == before + 1
    assert done is not None and done.who == USER and done.notes == "Chase the drift"
    assert done.ticked == list(range(len(ritual.checklist)))
    assert sample_store.state.get(STATE_KEY) is None
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Weekly review, 2026-11-23\n")
    assert "| Ticket 4820: login loop | rejected | Wrong product |" in text
    assert "| Internal reporting and meeting summaries | Time saved | 250 | - |" in text
    assert "Still pending after the review: 1." in text
    assert text.rstrip().endswith("Chase the drift")


async def test_a_review_left_half_way_resumes(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "n", "n", "n", "n", "n", "n")
        await pilot.pause()
        assert title(app) == "Step 7 of 8: Notes"
        await pilot.press(*"half done")
        await pilot.pause()
    saved = sample_store.state.get(STATE_KEY)
    assert isinstance(saved, dict) and saved["step"] == 6 and saved["notes"] == "half done"

    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert title(app) == "Step 7 of 8: Notes"
        assert app.screen.query_one("#wr-notes").text == "half done"
        await pilot.press("escape")  # back one step: escape in the notes goes to Metrics
        await pilot.pause()
        assert title(app) == "Step 6 of 8: Metrics"
    assert sample_store.state.get(STATE_KEY)["step"] == 5  # type: ignore[index]


def test_weekly_summary_is_deterministic_and_escaped() -> None:
    summary = WeeklySummary(
        day=date(2026, 11, 23),
        who="Ana Ruiz",
        scorecard=[("Who owns each workflow?", "80%", "4/5")],
        decisions=[("Reply | refund", "changes_requested", "tone\nis off")],
        metrics=[("Support", "Quality score", 4.25, "")],
    )
    first = render_weekly(summary)
    assert first == render_weekly(summary)
    assert "| Reply \\| refund | changes requested | tone is off |" in first
    assert "| Support | Quality score | 4.25 | - |" in first
    assert "No prompt changes since the last review." in first
    assert first.endswith("No notes.\n")


async def test_the_palette_offers_the_weekly_review(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Weekly review" in commands
        commands["Weekly review"].callback()
        await pilot.pause()
        assert isinstance(app.screen, WeeklyReviewScreen)


async def test_w_does_not_open_the_review_over_a_dialog(sample_store: Store, make_app) -> None:
    from aiops_tui.screens.help import HelpScreen

    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "question_mark")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        app.action_weekly_review()  # as the palette would, with the dialog still open
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
