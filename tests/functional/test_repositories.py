"""Each repository's create / update / list / retire, with the ChangeEvent it writes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aiops_tui.domain.models import (
    Completion,
    ExtraSeries,
    MetricEntry,
    Person,
    Prompt,
    ReviewDecision,
    ReviewItem,
    SuccessMetric,
    Tool,
    Workflow,
)
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store


def last_change(store: Store) -> tuple[str, str, str]:
    event = store.changes.recent(1)[0]
    return event.entity, event.action, event.summary


def test_people_add_rename_remove(store: Store) -> None:
    ana = store.people.add(Person(name="Ana", email="ana@example.com"))
    assert last_change(store) == ("person", "create", "added Ana")
    store.people.update(ana.model_copy(update={"name": "Ana Ruiz"}))
    assert last_change(store)[2] == "renamed Ana to Ana Ruiz"
    assert [p.name for p in store.people.all_rows()] == ["Ana Ruiz"]
    with pytest.raises(StoreError, match="already exists"):
        store.people.add(Person(name="ana ruiz"))
    store.people.remove(ana.id or 0)
    assert store.people.all_rows() == []
    assert last_change(store) == ("person", "delete", "removed Ana Ruiz")


def test_person_holding_a_role_cannot_be_removed(store: Store) -> None:
    ana = store.people.add(Person(name="Ana"))
    store.workflows.add(Workflow(name="Sales", owner_id=ana.id))
    with pytest.raises(StoreError, match=r"Ana still holds roles \(owner of Sales\)"):
        store.people.remove(ana.id or 0)
    assert store.people.get(ana.id or 0) is not None


def test_workflow_create_update_and_change_log(store: Store) -> None:
    wf = store.workflows.add(Workflow(name="Support", area="support", frequency_per_month=10))
    assert wf.id and wf.created_at is not None
    assert last_change(store) == ("workflow", "create", "added Support (idea)")
    store.workflows.update(wf.model_copy(update={"frequency_per_month": 20, "status": "proposed"}))
    entity, action, summary = last_change(store)
    assert (entity, action) == ("workflow", "update")
    assert "frequency_per_month 10 -> 20" in summary and "status idea -> proposed" in summary
    assert store.workflows.get(wf.id).priority == 20 * 3 * 3


def test_workflow_page_filters_and_sorts(store: Store) -> None:
    ana = store.people.add(Person(name="Ana"))
    store.workflows.add(
        Workflow(name="Alpha", area="sales", frequency_per_month=1, owner_id=ana.id)
    )
    store.workflows.add(Workflow(name="Beta", area="content", frequency_per_month=50))
    store.workflows.add(
        Workflow(name="Gamma 100%", area="sales", frequency_per_month=5, risk="medium")
    )
    assert [r.name for r in store.workflows.page()] == ["Beta", "Gamma 100%", "Alpha"]
    assert [r.name for r in store.workflows.page(sort="name", descending=False)] == [
        "Alpha",
        "Beta",
        "Gamma 100%",
    ]
    assert [r.name for r in store.workflows.page("area:sales")] == ["Gamma 100%", "Alpha"]
    assert [r.name for r in store.workflows.page("owner:ana")] == ["Alpha"]
    assert [r.name for r in store.workflows.page("risk:medium")] == ["Gamma 100%"]
    assert [r.name for r in store.workflows.page("100%")] == ["Gamma 100%"]
    assert store.workflows.count("area:sales") == 2
    assert [r.name for r in store.workflows.page(limit=1, offset=1)] == ["Gamma 100%"]


def test_lifecycle_is_enforced_and_retiring_keeps_rows(store: Store) -> None:
    wf = store.workflows.add(Workflow(name="W", metric=SuccessMetric(name="Done", unit="items")))
    with pytest.raises(StoreError, match="can move to proposed, retired, not to live"):
        store.workflows.set_status(wf.id or 0, "live")
    store.workflows.set_status(wf.id or 0, "proposed")
    store.metrics.add(MetricEntry(workflow_id=wf.id or 0, date=store.clock().date(), value=3))
    store.workflows.set_status(wf.id or 0, "retired", "not worth it")
    assert last_change(store) == ("workflow", "status", "W: proposed -> retired: not worth it")
    assert store.workflows.get(wf.id or 0).status == "retired"
    assert store.metrics.count() == 1


def test_forbidden_data_class_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="forbids AI use of credentials"):
        store.workflows.add(Workflow(name="Keys", allowed_data=["credentials"]))
    store.workflows.add(Workflow(name="Fin", allowed_data=["financial"]))
    with pytest.raises(StoreError, match="cannot forbid financial"):
        store.data_classes.set_policy("financial", "forbidden")
    store.data_classes.set_policy("public", "needs_approval")
    assert last_change(store)[2] == "data class public: allowed -> needs_approval"


def test_mark_reviewed(store: Store) -> None:
    wf = store.workflows.add(Workflow(name="W"))
    store.workflows.mark_reviewed(wf.id or 0)
    assert store.workflows.get(wf.id or 0).last_reviewed_at == store.clock().date()
    assert last_change(store) == ("workflow", "review", "reviewed W")


def test_tools_links_and_audit(store: Store) -> None:
    a = store.tools.add(Tool(name="ChatGPT", category="assistant", monthly_cost=60))
    b = store.tools.add(Tool(name="Claude", category="Assistant", monthly_cost=40))
    c = store.tools.add(Tool(name="Otter", category="transcription", monthly_cost=17))
    live = store.workflows.add(Workflow(name="Live", status="idea"))
    for status in ("proposed", "approved", "pilot", "live"):
        store.workflows.set_status(live.id or 0, status)
    other = store.workflows.add(Workflow(name="Idea"))
    store.tools.set_links(live.id or 0, [a.id or 0, b.id or 0])
    assert last_change(store) == ("workflow", "tools", "added tools ChatGPT, Claude")
    store.tools.set_workflows(c.id or 0, [other.id or 0])
    assert last_change(store) == ("tool", "links", "added workflows Idea")
    store.tools.set_links(live.id or 0, [b.id or 0, c.id or 0])
    assert last_change(store) == (
        "workflow",
        "tools",
        "added tools Otter; removed tools ChatGPT",
    )
    store.tools.set_links(live.id or 0, [a.id or 0, b.id or 0])
    audit = store.tools.audit()
    assert audit.shared_categories == [("assistant", ["ChatGPT", "Claude"])]
    assert [t.name for t in audit.unused] == ["Otter"]
    assert audit.total_monthly_cost == 117
    assert audit.active_workflows == 1
    assert audit.cost_by_workflow == [("Live", 100.0)]
    store.tools.remove(c.id or 0)
    assert last_change(store) == ("tool", "delete", "removed tool Otter")


def test_prompt_versions_labels_and_rollback(store: Store) -> None:
    prompt, v1 = store.prompts.create(Prompt(name="p"), "Hello {{name}}", "first")
    assert v1.number == 1
    v2 = store.prompts.add_version(prompt.id or 0, "Hi {{name}}", "shorter")
    assert v2.number == 2
    with pytest.raises(StoreError, match="unchanged"):
        store.prompts.add_version(prompt.id or 0, "Hi {{name}}", "again")
    store.prompts.move_label(prompt.id or 0, "production", 2, "go")
    store.prompts.move_label(prompt.id or 0, "production", 1, "replies got worse")
    assert last_change(store) == (
        "prompt",
        "rollback",
        "p: production label: v2 → v1, why: replies got worse",
    )
    history = store.prompts.label_history(prompt.id or 0)
    assert [(m.from_version, m.to_version) for m in history] == [(2, 1), (None, 2)]
    assert store.prompts.production(prompt.id or 0).number == 1
    rows = store.prompts.page()
    assert rows[0].versions == 2 and rows[0].production_version == 1


def test_prompt_versions_are_immutable_in_sql(store: Store) -> None:
    import sqlite3

    prompt, _ = store.prompts.create(Prompt(name="p"), "body", "first")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.db.conn.execute("UPDATE prompt_versions SET body = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        store.db.conn.execute("DELETE FROM prompt_versions")


def test_review_decisions_and_signoff(store: Store) -> None:
    ana = store.people.add(Person(name="Ana"))
    wf = store.workflows.add(
        Workflow(name="Support", customer_facing=True, review_rule="always", signoff_id=ana.id)
    )
    item = store.reviews.add(
        ReviewItem(workflow_id=wf.id or 0, title="Reply", output="Hi", submitted_at=store.clock())
    )
    assert item.needs_signoff
    now = store.clock()
    with pytest.raises(StoreError, match="only Ana"):
        store.reviews.decide(
            ReviewDecision(
                item_id=item.id or 0, reviewer="Ben", decision="approved", decided_at=now
            )
        )
    store.reviews.decide(
        ReviewDecision(
            item_id=item.id or 0,
            reviewer="Ben",
            decision="changes_requested",
            note="tone",
            decided_at=now,
        )
    )
    store.reviews.decide(
        ReviewDecision(
            item_id=item.id or 0,
            reviewer="Ana",
            decision="approved",
            accuracy=5,
            fit=4,
            decided_at=now,
        )
    )
    assert store.reviews.get(item.id or 0).status == "approved"
    assert [d.decision for d in store.reviews.decisions(item.id or 0)] == [
        "changes_requested",
        "approved",
    ]
    assert last_change(store) == ("review", "decision", "approved 'Reply'")
    assert store.reviews.status_counts()["approved"] == 1


def test_review_ageing(store: Store) -> None:
    wf = store.workflows.add(Workflow(name="W", max_review_age_days=2))
    old = store.clock() - timedelta(days=3)
    store.reviews.add(ReviewItem(workflow_id=wf.id or 0, title="Old", output="x", submitted_at=old))
    store.reviews.add(
        ReviewItem(workflow_id=wf.id or 0, title="New", output="x", submitted_at=store.clock())
    )
    from aiops_tui.storage.reviews import ReviewFilter

    rows = store.reviews.page(ReviewFilter())
    assert [(r.title, r.ageing) for r in rows] == [("Old", True), ("New", False)]
    assert store.reviews.ageing_count() == 1


def test_ritual_completion_moves_next_due(store: Store) -> None:
    weekly = store.rituals.by_name("Weekly review")
    before = {r.ritual.name: r.next_due for r in store.rituals.all_rows()}["Weekly review"]
    store.rituals.complete(
        Completion(ritual_id=weekly.id or 0, who="Ana", completed_at=store.clock(), ticked=[0, 1])
    )
    after = {r.ritual.name: r.next_due for r in store.rituals.all_rows()}["Weekly review"]
    assert after > before
    assert last_change(store) == ("ritual", "complete", "completed Weekly review (2/4 lines)")
    with pytest.raises(StoreError, match="line 10 does not exist"):
        store.rituals.complete(
            Completion(ritual_id=weekly.id or 0, completed_at=store.clock(), ticked=[9])
        )


def test_metrics_recent_oldest_first(store: Store) -> None:
    wf = store.workflows.add(Workflow(name="W", metric=SuccessMetric(name="Paid", unit="%")))
    today = store.clock().date()
    for i, v in enumerate([1.0, 2.0, 3.0]):
        store.metrics.add(
            MetricEntry(workflow_id=wf.id or 0, date=today - timedelta(days=3 - i), value=v)
        )
    assert [e.value for e in store.metrics.recent(wf.id or 0)] == [1.0, 2.0, 3.0]
    assert last_change(store)[0] == "metric"


def test_the_success_metric_is_its_own_series_and_extras_have_names(store: Store) -> None:
    wf = store.workflows.add(
        Workflow(name="Invoices", metric=SuccessMetric(name="Paid within 14 days", unit="%"))
    )
    bare = store.workflows.add(Workflow(name="Bare"))
    day = store.clock().date()
    store.metrics.add(MetricEntry(workflow_id=wf.id or 0, date=day, value=45))
    events = store.changes.recent(1)
    assert events[0].summary == f"Invoices: Paid within 14 days = 45% on {day.isoformat()}"
    with pytest.raises(StoreError, match="no success metric yet"):
        store.metrics.add(MetricEntry(workflow_id=bare.id or 0, date=day, value=1))
    with pytest.raises(StoreError, match="no series named 'Chased'"):
        store.metrics.add(MetricEntry(workflow_id=wf.id or 0, date=day, series="Chased", value=1))
    store.metrics.add_series(
        ExtraSeries(workflow_id=wf.id or 0, name="Chased", unit="invoices", direction="lower")
    )
    with pytest.raises(StoreError, match="already has a series named"):
        store.metrics.add_series(ExtraSeries(workflow_id=wf.id or 0, name="chased"))
    with pytest.raises(StoreError, match="already Invoices's success metric"):
        store.metrics.add_series(ExtraSeries(workflow_id=wf.id or 0, name="paid within 14 days"))
    store.metrics.add(MetricEntry(workflow_id=wf.id or 0, date=day, series="chased", value=3))
    series = store.metrics.series_of(wf.id or 0)
    assert [(s.name, s.title, s.direction, s.entries) for s in series] == [
        ("", "Paid within 14 days (%)", "higher", 1),
        ("Chased", "Chased (invoices)", "lower", 1),
    ]
    assert [e.value for e in store.metrics.recent(wf.id or 0, "Chased")] == [3]


def test_sample_is_believable(sample_store: Store) -> None:
    s = sample_store
    assert s.workflows.count() >= 6
    statuses = s.workflows.status_counts()
    assert {"live", "pilot", "approved", "proposed", "idea", "shadow"} <= set(statuses)
    assert s.people.count() == 4
    counts = s.reviews.status_counts()
    assert all(counts[k] >= 1 for k in ("pending", "approved", "changes_requested", "rejected"))
    assert all(r.versions >= 2 for r in s.prompts.page())
    assert s.metrics.count() > 20
    assert any(r.last_done for r in s.rituals.all_rows())
    with pytest.raises(StoreError, match="already has workflows"):
        from aiops_tui.storage.sample import load_sample

        load_sample(s)


def test_health_on_sample(sample_store: Store) -> None:
    health = sample_store.health.health()
    assert health.active_workflows == 5
    q = {x.number: x for x in health.questions}
    assert (q[2].satisfied, q[2].total) == (5, 5)
    assert (q[3].satisfied, q[3].total) == (4, 5)
    kinds = {(a.kind, a.subject) for a in health.alerts}
    assert ("drift", "Content production and repurposing") in kinds
    assert ("unused_tool", "Otter.ai") in kinds
    assert ("shadow", "Contract review with a personal chatbot") in kinds


def test_any_workflows(sample_store: Store) -> None:
    assert sample_store.workflows.any()
    sample_store.db.conn.execute("PRAGMA foreign_keys = OFF")
    sample_store.db.conn.execute("DELETE FROM workflows")
    assert not sample_store.workflows.any()
