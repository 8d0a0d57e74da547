"""Small hand-made companies for the scorecard, alert and check tests."""

from __future__ import annotations

from datetime import date, timedelta

from aiops_tui.domain.models import (
    ExtraSeries,
    MetricEntry,
    Person,
    Prompt,
    ReviewDecision,
    ReviewItem,
    Status,
    SuccessMetric,
    Tool,
    Workflow,
)
from aiops_tui.storage.store import Store


def build(store: Store) -> dict[str, int]:
    """Three active workflows (A live, B pilot, D approved) and one idea (C).

    Expected scorecard over the 3 active: q1 2/3 (A, D have a frequency),
    q2 2/3 (A, D owned), q3 2/3 (A, D have a metric and an entry of it in 30 days;
    D's first entry is 40 days old but its latest is recent),
    q4 2/3 (A always + sign-off, D sampled), q5 1/3 (only A documented).
    """
    ana = store.people.add(Person(name="Ana Ruiz")).id or 0
    bo = store.people.add(Person(name="Bo Chen")).id or 0
    today = store.clock().date()
    a = store.workflows.add(
        Workflow(
            name="A support replies",
            status=Status.LIVE,
            owner_id=ana,
            doc_owner_id=ana,
            frequency_per_month=40,
            customer_facing=True,
            review_rule="always",
            signoff_id=ana,
            current_state="Agents paste tickets.",
            metric=SuccessMetric(name="minutes saved", unit="min", baseline=10, target=20),
        )
    )
    b = store.workflows.add(Workflow(name="B lead research", status=Status.PILOT))
    store.workflows.add(Workflow(name="C idea", status=Status.IDEA, frequency_per_month=9))
    d = store.workflows.add(
        Workflow(
            name="D reporting",
            status=Status.APPROVED,
            owner_id=bo,
            frequency_per_month=5,
            review_rule="sample:20",
            metric=SuccessMetric(name="reports", unit="count"),
        )
    )
    prompt, _ = store.prompts.create(Prompt(name="A reply", workflow_id=a.id), "Reply to {{t}}")
    store.prompts.move_label(prompt.id or 0, "production", 1, why="first")
    add = store.metrics.add
    for days_ago, value in [(21, 18), (14, 16), (7, 14), (0, 12)]:
        add(MetricEntry(workflow_id=a.id or 0, date=today - timedelta(days=days_ago), value=value))
    add(MetricEntry(workflow_id=d.id or 0, date=today - timedelta(days=40), value=500))
    add(MetricEntry(workflow_id=d.id or 0, date=today - timedelta(days=3), value=5))
    for workflow_id, value in [(d.id or 0, 50), (a.id or 0, 70)]:
        store.metrics.add_series(ExtraSeries(workflow_id=workflow_id, name="Adoption", unit="%"))
        add(
            MetricEntry(
                workflow_id=workflow_id,
                date=today - timedelta(days=3),
                series="Adoption",
                value=value,
            )
        )
    store.tools.add(Tool(name="Chat", monthly_cost=30))
    store.tools.add(Tool(name="Notes", monthly_cost=20))
    for title, decision, note in [("r1", "approved", ""), ("r2", "rejected", "wrong")]:
        item = store.reviews.add(
            ReviewItem(
                workflow_id=d.id or 0,
                title=title,
                output="x",
                submitted_at=store.clock() - timedelta(days=1),
            )
        )
        store.reviews.decide(
            ReviewDecision(
                item_id=item.id or 0,
                reviewer="Bo Chen",
                decision=decision,
                note=note,
                decided_at=store.clock(),
            )
        )
    return {"a": a.id or 0, "b": b.id or 0, "d": d.id or 0, "ana": ana}


def days_ago_iso(store: Store, days: int) -> str:
    return (store.clock() - timedelta(days=days)).isoformat(timespec="seconds")


def day(store: Store, days_ago: int) -> date:
    return store.clock().date() - timedelta(days=days_ago)
