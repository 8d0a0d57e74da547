"""Who must sign off a review item, and who may approve it, through the Store API.

Each test pins one rule a wrong line of storage/reviews.py could silently break
(mutation testing found such lines passing every test before these).
"""

from __future__ import annotations

import pytest

from aiops_tui.domain.models import Person, ReviewDecision, ReviewItem, Workflow
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store


def _person(store: Store, name: str = "Ana Ruiz") -> int:
    return store.people.add(Person(name=name)).id or 0


def _queue(store: Store, workflow: Workflow, title: str = "Draft") -> ReviewItem:
    wf = store.workflows.add(workflow)
    return store.reviews.add(
        ReviewItem(workflow_id=wf.id or 0, title=title, output="text", submitted_at=store.clock())
    )


def _decide(store: Store, item: ReviewItem, reviewer: str, decision: str = "approved") -> None:
    store.reviews.decide(
        ReviewDecision(
            item_id=item.id or 0,
            reviewer=reviewer,
            decision=decision,
            note="" if decision == "approved" else "why",
            decided_at=store.clock(),
        )
    )


def _status(store: Store, item: ReviewItem) -> str:
    stored = store.reviews.get(item.id or 0)
    assert stored is not None
    return str(stored.status)


def test_a_high_risk_internal_workflows_items_need_signoff(store: Store) -> None:
    ana = _person(store)
    item = _queue(
        store,
        Workflow(name="Payroll checks", risk="high", review_rule="always", signoff_id=ana),
    )
    assert item.needs_signoff


def test_a_customer_facing_low_risk_workflows_items_need_signoff(store: Store) -> None:
    ana = _person(store)
    item = _queue(
        store,
        Workflow(name="Replies", customer_facing=True, review_rule="always", signoff_id=ana),
    )
    assert item.needs_signoff


def test_an_internal_workflows_items_need_no_signoff_even_with_a_signoff_person(
    store: Store,
) -> None:
    ana = _person(store)
    medium = _queue(store, Workflow(name="Notes", risk="medium", signoff_id=ana), "a")
    low = _queue(store, Workflow(name="Low", review_rule="always", signoff_id=ana), "b")
    assert not medium.needs_signoff and not low.needs_signoff


def test_queueing_is_logged_and_refuses_a_missing_workflow_or_version(store: Store) -> None:
    item = _queue(store, Workflow(name="Notes"), "Weekly notes")
    event = store.changes.recent(1)[0]
    assert (event.entity, event.entity_id, event.action) == ("review", item.id, "create")
    assert event.summary == "queued 'Weekly notes' for Notes"
    assert _status(store, item) == "pending"
    with pytest.raises(StoreError, match="workflow #999 does not exist"):
        store.reviews.add(
            ReviewItem(workflow_id=999, title="x", output="y", submitted_at=store.clock())
        )
    with pytest.raises(StoreError, match="prompt version #77 does not exist"):
        store.reviews.add(
            ReviewItem(
                workflow_id=item.workflow_id,
                prompt_version_id=77,
                title="x",
                output="y",
                submitted_at=store.clock(),
            )
        )


def test_signoff_name_matches_ignoring_case_and_surrounding_spaces(store: Store) -> None:
    ana = _person(store, "Ana Ruiz")
    wf = Workflow(name="Replies", customer_facing=True, review_rule="always", signoff_id=ana)
    item = _queue(store, wf)
    _decide(store, item, "ana ruiz ")
    assert _status(store, item) == "approved"


@pytest.mark.parametrize("reviewer", ["  ANA RUIZ", "Ana Ruiz"])
def test_signoff_name_variants_approve(store: Store, reviewer: str) -> None:
    ana = _person(store, "Ana Ruiz")
    wf = Workflow(name="Replies", customer_facing=True, review_rule="always", signoff_id=ana)
    item = _queue(store, wf)
    _decide(store, item, reviewer)
    assert _status(store, item) == "approved"


def test_only_the_signoff_person_approves_an_item_that_needs_signoff(store: Store) -> None:
    ana = _person(store, "Ana Ruiz")
    wf = Workflow(name="Replies", customer_facing=True, review_rule="always", signoff_id=ana)
    item = _queue(store, wf)
    with pytest.raises(
        StoreError, match="^only Ana Ruiz, the workflow's sign-off person, can approve this item$"
    ):
        _decide(store, item, "Ana Ruizz")
    assert _status(store, item) == "pending"
    assert store.reviews.decisions(item.id or 0) == []


def test_anyone_may_request_changes_or_reject_an_item_that_needs_signoff(store: Store) -> None:
    ana = _person(store, "Ana Ruiz")
    wf = Workflow(name="Replies", customer_facing=True, review_rule="always", signoff_id=ana)
    item = _queue(store, wf)
    _decide(store, item, "Ben", "changes_requested")
    assert _status(store, item) == "changes_requested"
    _decide(store, item, "Ben", "rejected")
    assert _status(store, item) == "rejected"


def test_anyone_may_approve_an_item_that_needs_no_signoff(store: Store) -> None:
    item = _queue(store, Workflow(name="Notes"))
    _decide(store, item, "Ben")
    assert _status(store, item) == "approved"


def test_an_item_that_needs_signoff_is_not_approved_once_the_workflow_names_nobody(
    store: Store,
) -> None:
    ana = _person(store, "Ana Ruiz")
    wf = Workflow(name="Replies", customer_facing=True, review_rule="always", signoff_id=ana)
    item = _queue(store, wf)
    stored = store.workflows.get(item.workflow_id)
    assert stored is not None
    store.workflows.update(stored.model_copy(update={"customer_facing": False, "signoff_id": None}))
    with pytest.raises(
        StoreError, match="^this item needs sign-off but its workflow names no sign-off person$"
    ):
        _decide(store, item, "Ana Ruiz")
    assert _status(store, item) == "pending"


def test_a_decision_is_stored_and_logged_under_the_reviewers_name(store: Store) -> None:
    item = _queue(store, Workflow(name="Notes"), "Summary")
    decided = store.reviews.decide(
        ReviewDecision(
            item_id=item.id or 0,
            reviewer="Ben",
            decision="changes_requested",
            note="  shorter please ",
            accuracy=3,
            fit=2,
            corrected_output="fixed",
            decided_at=store.clock(),
        )
    )
    assert decided.id is not None
    [stored] = store.reviews.decisions(item.id or 0)
    assert (stored.id, stored.reviewer, str(stored.decision)) == (
        decided.id,
        "Ben",
        "changes_requested",
    )
    assert (stored.accuracy, stored.fit, stored.corrected_output) == (3, 2, "fixed")
    assert str(stored.decided_at) == "2026-11-23T09:00:00"  # as stored: read back unparsed
    event = store.changes.recent(1)[0]
    assert (event.entity, event.entity_id, event.action, event.who) == (
        "review",
        item.id,
        "decision",
        "Ben",
    )
    assert event.summary == "changes_requested 'Summary': shorter please"


def test_a_decision_on_a_missing_item_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="^that review item no longer exists$"):
        store.reviews.decide(
            ReviewDecision(
                item_id=42, reviewer="Ben", decision="approved", decided_at=store.clock()
            )
        )


def test_the_signoff_person_is_the_one_of_the_items_own_workflow(store: Store) -> None:
    ben = _person(store, "Ben")
    ana = _person(store, "Ana Ruiz")
    first = _queue(
        store, Workflow(name="Quotes", risk="high", review_rule="always", signoff_id=ben), "a"
    )
    second = _queue(
        store, Workflow(name="Replies", risk="high", review_rule="always", signoff_id=ana), "b"
    )
    assert store.reviews.signoff_person(second.id or 0) == "Ana Ruiz"
    assert store.reviews.signoff_person(first.id or 0) == "Ben"
    assert store.reviews.signoff_person(999) is None
    with pytest.raises(StoreError, match="^only Ana Ruiz,"):
        _decide(store, second, "Ben")
    _decide(store, second, "Ana Ruiz")
    assert (_status(store, first), _status(store, second)) == ("pending", "approved")


def test_a_revision_is_queued_only_for_an_item_with_changes_requested(store: Store) -> None:
    wf = Workflow(name="Replies", review_rule="always")
    first = _queue(store, wf)
    revision = ReviewItem(
        workflow_id=first.workflow_id,
        title="Draft v2",
        output="text",
        submitted_at=store.clock(),
        revises_id=first.id,
    )
    with pytest.raises(StoreError, match=r"^review item #\d+ is pending: only an item with"):
        store.reviews.add(revision)
    _decide(store, first, "Ana Ruiz", "changes_requested")
    stored = store.reviews.add(revision)
    assert stored.revises_id == first.id
    logged = store.changes.recent(limit=1)[0]
    assert logged.summary == f"queued 'Draft v2' for Replies (revision of #{first.id})"
