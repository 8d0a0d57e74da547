"""The Change log screen (`7`): newest first, keyset pages, filters, enter opens the record."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from aiops_tui.domain.filters import ChangeQuery
from aiops_tui.screens.change_log import ChangeLogScreen
from aiops_tui.screens.prompt_detail import PromptDetailScreen
from aiops_tui.screens.review_detail import ReviewDetailScreen
from aiops_tui.screens.team import TeamScreen
from aiops_tui.screens.workflow_detail import WorkflowDetailScreen
from aiops_tui.storage.store import Store
from aiops_tui.widgets.paged_table import PagedTable


def summaries(table: DataTable) -> list[str]:
    return [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]


async def open_log(pilot) -> ChangeLogScreen:
    await pilot.press("7")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ChangeLogScreen)
    return screen


async def test_seven_opens_the_log_newest_first(sample_store: Store, make_app) -> None:
    newest = sample_store.changes.recent(1)[0]
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_log(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == min(50, sample_store.changes.count())
        assert summaries(table)[0] == newest.summary
        ids = [int(str(row.key.value)) for row in table.ordered_rows]
        assert ids == sorted(ids, reverse=True)
        summary = str(screen.query_one("#summary", Static).render())
        assert f"{sample_store.changes.count()} changes" in summary


def test_pages_by_keyset_not_offset(sample_store: Store) -> None:
    """Each page starts below the last id of the one before; pages never overlap or skip."""
    statements: list[str] = []
    sample_store.db.conn.set_trace_callback(statements.append)
    query = ChangeQuery()
    seen: list[int] = []
    before: int | None = None
    while page := sample_store.changes.page(query, after_id=before, limit=7):
        seen.extend(e.id or 0 for e in page)
        before = page[-1].id
    back: list[int] = []
    after: int | None = None
    while page := sample_store.changes.page(query, after_id=after, limit=7, backward=True):
        back[:0] = [e.id or 0 for e in page]
        after = page[0].id
    sample_store.db.conn.set_trace_callback(None)
    assert seen == sorted(seen, reverse=True) and len(seen) == len(set(seen))
    assert len(seen) == sample_store.changes.count()
    assert back == seen  # read from the far end, the same list in the same order
    assert not any("OFFSET" in s.upper() for s in statements if "change_events" in s)


async def test_scrolling_loads_the_next_page(sample_store: Store, make_app) -> None:
    with sample_store.db.transaction():
        for i in range(300):
            sample_store.db.record_change("tool", None, "update", f"bulk edit {i}")
    oldest = sample_store.changes.page(ChangeQuery(), limit=1, backward=True)[0]
    newest = sample_store.changes.recent(1)[0]
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_log(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == 50
        await pilot.press(*["j"] * 45)
        await pilot.pause()
        assert table.row_count == 100  # the next page, read as the cursor neared the end
        await pilot.press("G")
        await pilot.pause()
        assert table.row_count <= PagedTable.WINDOW
        assert summaries(table)[-1] == oldest.summary
        await pilot.press("g")
        await pilot.pause()
        assert summaries(table)[0] == newest.summary


@pytest.mark.parametrize(
    ("typed", "check"),
    [
        ("kind:decision", lambda e: e.action == "decision"),
        ("kind:prompt", lambda e: e.entity == "prompt"),
        ("who:dev", lambda e: e.who == "Dev Patel"),
        ("Quarterly", lambda e: "quarterly" in e.summary.lower()),
    ],
)
async def test_filters(sample_store: Store, make_app, typed: str, check) -> None:
    with sample_store.db.transaction():
        sample_store.db.record_change("tool", None, "update", "edited by Dev", who="Dev Patel")
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_log(pilot)
        table = screen.query_one(DataTable)
        before = table.row_count
        await pilot.press("slash", *typed, "enter")
        await pilot.pause()
        shown = [sample_store.changes.get(int(str(row.key.value))) for row in table.ordered_rows]
        assert shown and len(shown) < before
        assert all(check(e) for e in shown)
        assert f"filter: {typed}" in str(screen.query_one("#summary", Static).render())


def test_workflow_filter_takes_its_prompts_reviews_and_metrics(sample_store: Store) -> None:
    wf = sample_store.workflows.by_name("Customer support drafting and triage")
    assert wf is not None
    events = sample_store.changes.page(ChangeQuery.parse("workflow:support"), limit=500)
    prompt_ids = {p.id for p in sample_store.prompts.for_workflow(wf.id or 0)}
    kinds = {e.entity for e in events}
    assert {"workflow", "prompt", "review", "metric"} <= kinds
    for event in events:
        if event.entity in ("workflow", "metric"):
            assert event.entity_id == wf.id
        if event.entity == "prompt":
            assert event.entity_id in prompt_ids
    assert sample_store.changes.count_matching(ChangeQuery.parse("workflow:support")) == len(events)


@pytest.mark.parametrize(
    ("typed", "screen_type"),
    [
        ("kind:workflow", WorkflowDetailScreen),
        ("kind:version", PromptDetailScreen),
        ("kind:decision", ReviewDetailScreen),
    ],
)
async def test_enter_opens_the_record(sample_store: Store, make_app, typed, screen_type) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_log(pilot)
        await pilot.press("slash", *typed, "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChangeLogScreen)


async def test_enter_on_a_person_opens_team_on_their_row(sample_store: Store, make_app) -> None:
    person = sample_store.people.by_name("Dev Patel")
    assert person is not None
    sample_store.people.update(person.model_copy(update={"email": "dev@example.com"}))
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_log(pilot)
        await pilot.press("enter")  # the newest line: the edit just made
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        table = app.screen.query_one("#people-table", DataTable)
        assert str(table.get_row_at(table.cursor_row)[0]) == "Dev Patel"
        assert app.focused is table
