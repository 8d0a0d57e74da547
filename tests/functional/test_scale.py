"""The query shapes and limits bench/run.py asked for, held to the same answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import OptionList

from aiops_tui.domain.models import ExtraSeries, MetricEntry, Person, ReviewItem, Workflow
from aiops_tui.screens.dashboard import ALERTS_SHOWN
from aiops_tui.storage.reviews import ReviewFilter
from aiops_tui.storage.store import Store


async def test_dashboard_shows_a_bounded_alert_list_critical_first(store: Store, make_app) -> None:
    for i in range(ALERTS_SHOWN + 10):
        store.workflows.add(Workflow(name=f"Found use {i:03d}", status="shadow"))
    store.workflows.add(Workflow(name="zz customer bot", status="shadow", customer_facing=True))
    store.state.set("sample_offered", True)
    assert len(store.health.alerts()) > ALERTS_SHOWN
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        alerts = app.screen.query_one("#alerts", OptionList)
        assert alerts.option_count == ALERTS_SHOWN + 1  # and a "… N more" line
        first = str(alerts.get_option_at_index(0).prompt)
        assert first.startswith("policy gap") and "zz customer bot" in first
        last = str(alerts.get_option_at_index(ALERTS_SHOWN).prompt)
        assert "more" in last and "aiops check" in last


def test_review_queue_order_with_and_without_a_status(store: Store) -> None:
    wf = store.workflows.add(Workflow(name="Drafts"))
    now = store.clock()
    ids = {}
    for title, hours in [("old", 30), ("mid", 20), ("new", 10)]:
        ids[title] = store.reviews.add(
            ReviewItem(
                workflow_id=wf.id or 0,
                title=title,
                output="o",
                submitted_at=now - timedelta(hours=hours),
            )
        ).id
    from aiops_tui.domain.models import Decision, ReviewDecision

    store.reviews.decide(
        ReviewDecision(
            item_id=ids["old"], reviewer="me", decision=Decision.APPROVED, decided_at=now
        )
    )
    everything = [r.title for r in store.reviews.page(ReviewFilter(status=None))]
    assert everything == ["mid", "new", "old"]  # pending first, each part oldest first
    assert [r.title for r in store.reviews.page(ReviewFilter())] == ["mid", "new"]
    approved = store.reviews.page(ReviewFilter(status="approved"))
    assert [r.title for r in approved] == ["old"]
    assert [r.title for r in store.reviews.page(ReviewFilter(status=None), 1, 1)] == ["new"]


def test_drift_reads_each_series_and_its_latest_four(store: Store) -> None:
    wf = store.workflows.add(
        Workflow(name="Live one", status="live", metric={"name": "m", "baseline": 1.0})
    )
    store.metrics.add_series(ExtraSeries(workflow_id=wf.id or 0, name="Cost", direction="lower"))
    today = store.clock().date()

    def add(series: str, values: list[float], start: int) -> None:
        for i, v in enumerate(values):
            day = today - timedelta(days=start - i)
            store.metrics.add(MetricEntry(workflow_id=wf.id or 0, date=day, series=series, value=v))

    add("", [5, 6, 7, 8, 9, 10], 20)  # the success metric, improving
    add("Cost", [9, 8, 7, 6], 4)  # falling, and lower is better
    assert store.health.drift_alerts() == []
    add("", [9, 8, 7], 2)  # now the success metric's last four fall
    add("Cost", [7, 8, 9], 2)  # and the cost's rise
    alerts = store.health.drift_alerts()
    assert [(a.subject, a.kind) for a in alerts] == [("Live one", "drift")] * 2
    assert "last 3 values falling (9 → 8 → 7)" in alerts[0].detail
    assert alerts[1].detail.startswith("Cost: last 3 values rising (6 → 8 → 9)")


def test_role_counts_per_person(store: Store) -> None:
    ana = store.people.add(Person(name="Ana"))
    ben = store.people.add(Person(name="Ben"))
    store.workflows.add(
        Workflow(
            name="A", owner_id=ana.id, builder_id=ana.id, reviewer_id=ben.id, signoff_id=ben.id
        )
    )
    store.workflows.add(Workflow(name="B", owner_id=ana.id, doc_owner_id=ben.id))
    old = store.workflows.add(Workflow(name="C", owner_id=ben.id, status="idea"))
    store.workflows.set_status(old.id or 0, "retired")
    load = {p.name: counts for p, counts in store.people.load()}
    assert load["Ana"] == {"owner": 2, "builder": 1, "reviewer": 0, "doc_owner": 0, "signoff": 0}
    assert load["Ben"] == {"owner": 0, "builder": 0, "reviewer": 1, "doc_owner": 1, "signoff": 1}


async def test_each_visit_reads_the_data_once(
    sample_store: Store, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiops_tui.screens.workflows import WorkflowsScreen

    reads: list[str] = []
    original = WorkflowsScreen.refresh_data

    def counting(self: WorkflowsScreen) -> None:
        reads.append("read")
        original(self)

    monkeypatch.setattr(WorkflowsScreen, "refresh_data", counting)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert len(reads) == 1  # mounted: read once, not once more per resume
        await pilot.press("1", "2")
        await pilot.pause()
        assert len(reads) == 1  # back again, nothing changed anywhere: the screen is current
        other = Store.open(sample_store.db.path, clock=sample_store.clock, actor="Other")
        try:
            other.people.add(Person(name="Written elsewhere"))  # another process commits
        finally:
            other.close()
        await pilot.press("1", "2")
        await pilot.pause()
        assert len(reads) == 2  # back again after another connection wrote: re-read once
        await pilot.press("1")
        await pilot.pause()
        sample_store.people.add(Person(name="Written here"))  # this connection writes
        await pilot.press("2")
        await pilot.pause()
        assert len(reads) == 3


def test_health_is_kept_until_the_file_changes(sample_store: Store) -> None:
    first = sample_store.health.health()
    assert sample_store.health.health() is first  # nothing changed: no queries again
    sample_store.workflows.add(Workflow(name="Unowned live", status="approved"))
    mine = sample_store.health.health()
    assert mine is not first
    assert ("no_owner", "Unowned live") in {(a.kind, a.subject) for a in mine.alerts}
    other = Store.open(sample_store.db.path)  # another process, same file
    try:
        other.workflows.add(Workflow(name="Second unowned", status="approved"))
    finally:
        other.close()
    theirs = sample_store.health.health()
    assert theirs is not mine
    assert ("no_owner", "Second unowned") in {(a.kind, a.subject) for a in theirs.alerts}
