"""Lists are windows onto SQL: `G`, paging and scrolling keep a bounded number of rows.

A review queue of a few thousand items (bulk-written, as the benchmark's generator
writes them) stands in for the 200,000 of a founder's years: what is asserted is
how many rows exist as table rows, never a time.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from aiops_tui.domain.models import Decision, ReviewDecision, ReviewItem, Workflow
from aiops_tui.screens.review import ReviewScreen
from aiops_tui.storage import bulk
from aiops_tui.storage.reviews import ReviewFilter
from aiops_tui.storage.store import Store
from aiops_tui.widgets.paged_table import PagedTable

ITEMS = 2_400


@pytest.fixture
def queue(store: Store) -> Store:
    """ITEMS drafts over two workflows, a third of them decided, some submitted together."""
    store.state.set("sample_offered", True)
    workflows = [store.workflows.add(Workflow(name=f"Drafts {n}")) for n in range(2)]
    now = store.clock()
    items = [
        ReviewItem(
            workflow_id=workflows[i % 2].id or 0,
            title=f"Draft {i:05d}",
            output="text",
            submitted_at=now - timedelta(minutes=ITEMS - i // 2),  # pairs share a moment
        )
        for i in range(ITEMS)
    ]
    ids = bulk.add_review_items(store.db, items)
    decided = [
        ReviewDecision(
            item_id=item_id,
            reviewer="me",
            decision=Decision.APPROVED if n % 2 else Decision.REJECTED,
            note="" if n % 2 else "no",
            decided_at=now,
        )
        for n, item_id in enumerate(ids[::3])
    ]
    bulk.add_review_decisions(store.db, decided)
    return store


@pytest.mark.parametrize("status", [None, "pending", "approved"])
def test_keyset_pages_walk_the_queue_in_page_order_both_ways(queue: Store, status: str) -> None:
    reviews = queue.reviews
    flt = ReviewFilter(status=status)
    everything = [r.id for r in reviews.page(flt, limit=-1)]
    assert len(everything) > 300
    forward: list[int] = []
    after = None
    while page := reviews.page_after(flt, after, limit=97):
        forward += [r.id for r in page]
        after = reviews.sort_key(flt, page[-1])
    assert forward == everything
    backward: list[int] = []
    before = None
    while page := reviews.page_after(flt, before, limit=97, backward=True):
        backward = [r.id for r in page] + backward
        before = reviews.sort_key(flt, page[0])
    assert backward == everything


async def test_review_queue_holds_a_window_through_g_paging_and_g(queue: Store, make_app) -> None:
    everything = [str(r.id) for r in queue.reviews.page(ReviewFilter(status=None), limit=-1)]
    app = make_app(queue)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press(*"ffff")  # status: all
        await pilot.pause()
        table = app.screen.query_one(PagedTable)
        assert table.row_count <= PagedTable.WINDOW
        await pilot.press("G")
        await pilot.pause()
        assert table.row_count <= PagedTable.WINDOW
        assert table.selected_key == everything[-1]
        assert table.first == len(everything) - table.row_count
        # the scrollbar spans the rows held; the filter line says where in the queue
        filters = str(app.screen.query_one("#filters").render())
        assert f"{len(everything)} shown (row {len(everything):,})" in filters
        for _ in range(8):  # back up through several windows' worth of pages
            await pilot.press("pageup")
        await pilot.pause()
        assert table.row_count <= PagedTable.WINDOW
        position = table.first + table.cursor_row
        assert table.selected_key == everything[position]
        assert position < len(everything) - PagedTable.WINDOW  # it left the last window
        await pilot.press("g")
        await pilot.pause()
        assert table.selected_key == everything[0] and table.first == 0
        for _ in range(12):
            await pilot.press("pagedown")
        await pilot.pause()
        assert table.row_count <= PagedTable.WINDOW
        assert table.selected_key == everything[table.first + table.cursor_row]
        assert table.first > 0


async def test_workflows_hold_a_window_after_g(store: Store, make_app) -> None:
    store.state.set("sample_offered", True)
    for n in range(400):
        store.workflows.add(Workflow(name=f"Use {n:04d}", priority=n % 10))
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one(PagedTable)
        await pilot.press("G")
        await pilot.pause()
        assert table.row_count <= PagedTable.WINDOW
        assert table.first + table.cursor_row == 399
        assert "400 workflows (row 400)" in str(app.screen.query_one("#summary").render())
        for _ in range(20):
            await pilot.press("k")
        await pilot.pause()
        assert table.row_count <= PagedTable.WINDOW
        assert "400 workflows (row 380)" in str(app.screen.query_one("#summary").render())
