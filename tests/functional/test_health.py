"""Every scorecard figure, the month's figures, drift and stale documentation, on hand-made data."""

from __future__ import annotations

from health_data import build, day, days_ago_iso

from aiops_tui.domain.models import MetricEntry
from aiops_tui.export.check import render_check
from aiops_tui.storage.store import Store


def test_every_scorecard_figure(store: Store) -> None:
    build(store)
    got = [(q.number, q.satisfied, q.total) for q in store.health.scorecard()]
    assert got == [(1, 2, 3), (2, 2, 3), (3, 2, 3), (4, 2, 3), (5, 1, 3)]
    assert [q.percent_text for q in store.health.scorecard()] == ["67%", "67%", "67%", "67%", "33%"]


def test_scorecard_of_an_empty_database(store: Store) -> None:
    questions = store.health.scorecard()
    assert all(q.total == 0 and q.percent_text == "-" for q in questions)


def test_approved_use_cases_are_named_by_priority(store: Store) -> None:
    build(store)
    assert store.health.approved_use_cases() == [
        "A support replies",
        "D reporting",
        "B lead research",
    ]


def test_month_figures(store: Store) -> None:
    build(store)
    month = store.health.month_figures()
    assert month.time_saved_minutes == 18 + 16 + 14 + 12  # the 40-day-old 500 is left out
    assert month.adoption_pct == 60
    assert month.active_workflows == 3
    assert month.tool_cost == 50
    assert round(month.cost_per_active_workflow or 0, 2) == 16.67
    assert month.approval_rate == 0.5 and month.decisions == 2


def test_alerts_on_hand_made_data(store: Store) -> None:
    build(store)
    kinds = {(a.kind, a.subject): a for a in store.health.alerts()}
    assert ("no_owner", "B lead research") in kinds
    assert not kinds[("no_owner", "B lead research")].critical  # a pilot, not live
    assert ("no_metric", "B lead research") in kinds
    assert ("stale", "A support replies") not in kinds  # never reviewed, but added today
    assert ("unused_tool", "Chat") in kinds
    drift = kinds[("drift", "A support replies")]
    assert "last 3 values falling (16 → 14 → 12)" in drift.detail
    assert "baseline" not in drift.detail  # 12 is still above the baseline of 10
    assert not [a for a in kinds.values() if a.critical]


def test_stale_counts_from_creation_when_never_reviewed(store: Store) -> None:
    build(store)
    store.db.conn.execute(
        "UPDATE workflows SET created_at = ? WHERE name = 'A support replies'",
        (days_ago_iso(store, 31),),
    )
    stale = {a.subject: a for a in store.health.alerts() if a.kind == "stale"}
    added = days_ago_iso(store, 31)[:10]
    assert stale["A support replies"].detail == (f"never reviewed, added {added}")
    store.db.conn.execute(
        "UPDATE workflows SET created_at = ? WHERE name = 'A support replies'",
        (days_ago_iso(store, 30),),
    )
    assert "A support replies" not in {
        a.subject for a in store.health.alerts() if a.kind == "stale"
    }


def test_drift_when_latest_is_worse_than_baseline(store: Store) -> None:
    ids = build(store)
    store.metrics.add(MetricEntry(workflow_id=ids["a"], date=day(store, 0), value=13))
    # 16 -> 14 -> 12 -> 13 breaks the run: no drift
    assert not store.health.drift_alerts()
    store.metrics.add(MetricEntry(workflow_id=ids["a"], date=day(store, 0), value=9))
    (alert,) = store.health.drift_alerts()
    assert alert.detail.startswith("latest 9 is below baseline 10")


def test_drift_ignores_workflows_that_are_not_live(store: Store) -> None:
    ids = build(store)
    store.db.conn.execute("UPDATE workflows SET status = 'paused' WHERE id = ?", (ids["a"],))
    assert store.health.drift_alerts() == []


def test_check_is_critical_for_live_without_owner_or_policy_gap(store: Store) -> None:
    ids = build(store)
    text, code = render_check(store.health.health())
    assert code == 0 and "no critical gaps" in text
    store.db.conn.execute("UPDATE workflows SET signoff_id = NULL WHERE id = ?", (ids["a"],))
    text, code = render_check(store.health.health())
    assert code == 1
    assert "!! policy_gap   A support replies: customer-facing: no sign-off person" in text


def test_stale_documentation(store: Store) -> None:
    ids = build(store)
    assert store.health.stale_documentation() == []  # everything was just written
    old = days_ago_iso(store, 20)
    store.db.conn.execute("UPDATE workflows SET updated_at = ?", (old,))
    stale = {s.name: s for s in store.health.stale_documentation()}
    # A's prompt moved to production today, so A's documentation is current
    assert set(stale) == {"B lead research", "D reporting"}
    assert stale["D reporting"].prompt_changed is None
    # age the label history too (its trigger guards the app, not this test's set-up)
    store.db.conn.execute("DROP TRIGGER label_moves_append_only")
    store.db.conn.execute("DROP TRIGGER prompt_versions_immutable")
    store.db.conn.execute("UPDATE label_moves SET moved_at = ?", (old,))
    store.db.conn.execute("UPDATE prompt_versions SET created_at = ?", (old,))
    names = [s.name for s in store.health.stale_documentation()]
    assert names == ["A support replies", "B lead research", "D reporting"]
    assert ids
