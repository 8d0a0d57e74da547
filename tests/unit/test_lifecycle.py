"""The workflow lifecycle: which status may follow which, in the domain and in the store."""

from __future__ import annotations

from collections import deque
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiops_tui.domain.lifecycle import TRANSITIONS, allowed_next, can_move, transition_error
from aiops_tui.domain.models import Person, Status, Workflow
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store

STATUSES = [str(s) for s in Status]


def _reachable(start: str, avoiding: frozenset[str] = frozenset()) -> set[str]:
    """Every status a workflow at `start` can reach by allowed moves, never entering `avoiding`."""
    seen = {start}
    todo = deque([start])
    while todo:
        here = todo.popleft()
        for there in STATUSES:
            if there not in seen and there not in avoiding and can_move(here, there):
                seen.add(there)
                todo.append(there)
    return seen


def test_the_table_is_the_designed_lifecycle() -> None:
    assert TRANSITIONS == {
        "idea": ("proposed", "retired"),
        "proposed": ("approved", "idea", "retired"),
        "approved": ("pilot", "proposed", "retired"),
        "pilot": ("live", "paused", "approved", "retired"),
        "live": ("paused", "pilot", "retired"),
        "paused": ("live", "pilot", "retired"),
        "retired": ("proposed",),
        "shadow": ("proposed", "retired"),
    }
    assert set(TRANSITIONS) == set(STATUSES)


def test_shadow_cannot_move_straight_to_live() -> None:
    assert not can_move("shadow", "live")
    assert transition_error("shadow", "live") == (
        "a shadow workflow can move to proposed, retired, not to live"
    )


def test_a_pilot_can_be_paused() -> None:
    assert can_move("pilot", "paused")
    assert transition_error("pilot", "paused") is None


def test_a_retired_workflow_can_be_proposed_again() -> None:
    assert can_move("retired", "proposed")
    assert not can_move("retired", "idea")


def test_staying_put_is_always_allowed() -> None:
    for status in STATUSES:
        assert can_move(status, status)
        assert transition_error(status, status) is None


def test_an_unknown_status_can_move_nowhere() -> None:
    assert allowed_next("bogus") == ()
    assert transition_error("bogus", "idea") == "a bogus workflow can move to nothing, not to idea"


def test_status_enums_work_like_their_names() -> None:
    assert allowed_next(Status.RETIRED) == ("proposed",)
    assert can_move(Status.PILOT, Status.LIVE)
    assert not can_move(Status.IDEA, Status.LIVE)


def test_every_status_but_shadow_is_reachable_from_idea() -> None:
    assert _reachable("idea") == set(STATUSES) - {"shadow"}


def test_shadow_reaches_live_only_through_approved() -> None:
    assert "live" in _reachable("shadow")
    assert "live" not in _reachable("shadow", avoiding=frozenset({"approved"}))


@given(st.lists(st.sampled_from(STATUSES), max_size=40))
def test_any_walk_from_idea_moves_only_along_the_table(wanted: list[str]) -> None:
    here = "idea"
    for there in wanted:
        allowed = there == here or there in TRANSITIONS[here]
        assert can_move(here, there) == allowed
        assert (transition_error(here, there) is None) == allowed
        if allowed:
            here = there
    assert here != "shadow"


@given(st.lists(st.sampled_from(STATUSES), max_size=40))
def test_shadow_never_reaches_live_without_approved(wanted: list[str]) -> None:
    here, visited = "shadow", {"shadow"}
    for there in wanted:
        if can_move(here, there):
            here = there
            visited.add(here)
            if here == "live":
                assert "approved" in visited


def test_the_store_refuses_a_move_off_the_table(store: Store) -> None:
    wf = store.workflows.add(Workflow(name="Found", status="shadow"))
    with pytest.raises(StoreError, match="^a shadow workflow can move to proposed, retired"):
        store.workflows.set_status(wf.id or 0, "live")
    stored = store.workflows.get(wf.id or 0)
    assert stored is not None and stored.status == "shadow"
    with pytest.raises(StoreError, match="not to live"):
        store.workflows.update(stored.model_copy(update={"status": "live"}))
    stored = store.workflows.get(wf.id or 0)
    assert stored is not None and stored.status == "shadow"


def test_the_store_moves_along_the_table_and_logs_why(store: Store) -> None:
    wf = store.workflows.add(Workflow(name="Notes"))
    moved = store.workflows.set_status(wf.id or 0, "proposed", "worth a try")
    assert moved.status == "proposed"
    event = store.changes.recent(1)[0]
    assert (event.entity, event.entity_id, event.action) == ("workflow", wf.id, "status")
    assert event.summary == "Notes: idea -> proposed: worth a try"
    store.workflows.set_status(wf.id or 0, "approved")
    assert store.changes.recent(1)[0].summary == "Notes: proposed -> approved"
    stored = store.workflows.get(wf.id or 0)
    assert stored is not None
    updated = store.workflows.update(stored.model_copy(update={"status": "pilot"}))
    assert updated.status == "pilot"


def test_the_store_refuses_a_move_the_policy_forbids(store: Store) -> None:
    """A shadow find may break the review policy; it cannot be proposed until it stops."""
    wf = store.workflows.add(Workflow(name="Found", status="shadow", customer_facing=True))
    with pytest.raises(StoreError) as error:
        store.workflows.set_status(wf.id or 0, "proposed")
    assert str(error.value) == (
        "cannot move Found to proposed: review rule must be 'always' because the workflow"
        " is customer-facing; a sign-off person is required because the workflow is"
        " customer-facing"
    )
    ana = store.people.add(Person(name="Ana")).id
    stored = store.workflows.get(wf.id or 0)
    assert stored is not None
    store.workflows.update(stored.model_copy(update={"review_rule": "always", "signoff_id": ana}))
    assert store.workflows.set_status(wf.id or 0, "proposed").status == "proposed"


def test_an_update_returns_and_logs_what_was_stored(store: Store) -> None:
    store.workflows.add(Workflow(name="Other"))
    wf = store.workflows.add(Workflow(name="Notes"))  # not id 1, so a stray default shows
    updated = store.workflows.update(wf.model_copy(update={"summary": "weekly notes"}))
    assert updated.summary == "weekly notes"
    assert updated.updated_at == store.clock() and updated.created_at == store.clock()
    event = store.changes.recent(1)[0]
    assert (event.entity, event.entity_id, event.action) == ("workflow", wf.id, "update")
    assert store.workflows.update(updated.model_copy(update={"name": "Notes"})).name == "Notes"
    with pytest.raises(StoreError, match="^a workflow named 'Other' already exists$"):
        store.workflows.update(updated.model_copy(update={"name": "Other"}))
    stored = store.workflows.get(wf.id or 0)
    assert stored is not None and stored.name == "Notes"


def test_the_store_refuses_a_missing_workflow(store: Store) -> None:
    with pytest.raises(StoreError, match="^that workflow no longer exists$"):
        store.workflows.set_status(404, "proposed")
    with pytest.raises(StoreError, match="^that workflow no longer exists$"):
        store.workflows.update(Workflow(id=404, name="Gone"))
    store.workflows.add(Workflow(name="Stored"))
    with pytest.raises(StoreError, match="^that workflow no longer exists$"):
        store.workflows.update(Workflow(name="Never stored"))  # no id at all


def test_an_update_returns_the_stored_row_not_the_one_passed_in(tmp_path: Path) -> None:
    now = [datetime(2026, 11, 23, 9, 0)]
    store = Store.open(tmp_path / "clock.db", clock=lambda: now[0], actor="Ana")
    try:
        wf = store.workflows.add(Workflow(name="Notes"))
        now[0] = datetime(2026, 11, 24, 10, 30)
        updated = store.workflows.update(wf.model_copy(update={"summary": "weekly"}))
        assert updated.updated_at == now[0] and updated.created_at == wf.created_at
        moved = store.workflows.set_status(wf.id or 0, "proposed")
        assert moved.updated_at == now[0] and moved.status == "proposed"
    finally:
        store.close()


def test_a_name_stored_under_older_rules_does_not_block_a_status_move(store: Store) -> None:
    """A row is checked as stored (names taken as they are), so an old name with a bidi
    override, refused today, still lets the workflow move along the lifecycle."""
    wf = store.workflows.add(Workflow(name="Old", status="idea"))
    with store.db.transaction() as conn:
        conn.execute("UPDATE workflows SET name = ? WHERE id = ?", ("Old\u202etxt", wf.id))
    moved = store.workflows.set_status(wf.id or 0, "proposed")
    assert (moved.name, moved.status) == ("Old\u202etxt", "proposed")
