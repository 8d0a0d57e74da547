"""Undo of the session's last change: the stack, the refusal, the log line, each kind."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from conftest import USER

from aiops_tui.domain.models import Completion, MetricEntry, ReviewDecision, Workflow
from aiops_tui.domain.undo import (
    STACK_LIMIT,
    UNDOABLE,
    RowChange,
    UndoEntry,
    UndoStack,
    is_undoable,
    row_changes,
)
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store

# -- the pure part ---------------------------------------------------------------


def _entry(n: int) -> UndoEntry:
    return UndoEntry(f"change {n}", "workflow", n, "update", ())


def test_the_stack_pops_newest_first_and_forgets_past_its_limit() -> None:
    stack = UndoStack()
    assert stack.pop() is None
    for n in range(STACK_LIMIT + 5):
        stack.push(_entry(n))
    assert len(stack) == STACK_LIMIT
    assert stack.pop() == _entry(STACK_LIMIT + 4)
    assert stack.pop() == _entry(STACK_LIMIT + 3)
    stack.clear()
    assert stack.pop() is None


def test_creates_deletes_versions_and_imports_are_not_undoable() -> None:
    assert is_undoable([("workflow", "status"), ("workflow", "tools")])
    assert ("review", "decision") in UNDOABLE and ("prompt", "rollback") in UNDOABLE
    for kind in [("workflow", "create"), ("tool", "delete"), ("prompt", "version")]:
        assert not is_undoable([kind])
    # a workflow added with its tools in one save: the create makes the whole change final
    assert not is_undoable([("workflow", "create"), ("workflow", "tools")])
    assert not is_undoable([])


def test_row_changes_name_added_removed_and_changed_rows_only() -> None:
    k1, k2, k3 = (("id", 1),), (("id", 2),), (("id", 3),)
    before = {k1: {"id": 1, "v": "a"}, k2: {"id": 2, "v": "b"}}
    after = {k1: {"id": 1, "v": "a"}, k2: {"id": 2, "v": "B"}, k3: {"id": 3, "v": "c"}}
    assert row_changes("t", before, after) == [
        RowChange("t", k2, {"v": "b"}, {"v": "B"}),  # only what changed
        RowChange("t", k3, None, {"id": 3, "v": "c"}),
    ]
    assert row_changes("t", after, before)[1] == RowChange("t", k3, {"id": 3, "v": "c"}, None)


def test_a_row_holds_what_was_written_or_it_changed_since() -> None:
    change = RowChange("t", (("id", 1),), {"id": 1, "v": "a"}, {"id": 1, "v": "b"})
    assert change.holds_after({"id": 1, "v": "b"})
    assert not change.holds_after({"id": 1, "v": "c"})
    assert not change.holds_after(None)
    removed = RowChange("t", (("id", 1),), {"id": 1, "v": "a"}, None)
    assert removed.holds_after(None) and not removed.holds_after({"id": 1, "v": "a"})


# -- against a database -----------------------------------------------------------


def _workflow(store: Store, name: str) -> Workflow:
    wf = store.workflows.by_name(name)
    assert wf is not None
    return wf


def _last_event(store: Store):
    return store.changes.recent(1)[0]


def test_undo_puts_a_status_back_and_logs_who_undid_it(sample_store: Store) -> None:
    wf = _workflow(sample_store, "Customer support drafting and triage")
    assert wf.status == "pilot"
    sample_store.workflows.set_status(wf.id or 0, "live")
    sample_store.db.actor = "Ben Okafor"  # another person acting undoes it
    entry = sample_store.undo_last()
    assert (
        entry is not None
        and entry.description == "Customer support drafting and triage: pilot -> live"
    )
    after = _workflow(sample_store, "Customer support drafting and triage")
    assert after.status == "pilot" and after.updated_at == wf.updated_at
    event = _last_event(sample_store)
    assert (event.entity, event.entity_id, event.action) == ("workflow", wf.id, "undo")
    assert event.who == "Ben Okafor"
    assert event.summary == "undid Customer support drafting and triage: pilot -> live"
    assert sample_store.undo_last() is None


def test_undo_goes_back_one_change_at_a_time(sample_store: Store) -> None:
    wf = _workflow(sample_store, "Customer support drafting and triage")
    sample_store.workflows.set_status(wf.id or 0, "live")
    sample_store.workflows.update(
        _workflow(sample_store, "Customer support drafting and triage").model_copy(
            update={"summary": "Chase late invoices, politely."}
        )
    )
    assert sample_store.undo_last() is not None
    assert _workflow(sample_store, "Customer support drafting and triage").summary == wf.summary
    assert _workflow(sample_store, "Customer support drafting and triage").status == "live"
    assert sample_store.undo_last() is not None
    assert _workflow(sample_store, "Customer support drafting and triage").status == "pilot"


def test_a_row_changed_since_is_not_overwritten_and_the_entry_is_dropped(
    sample_store: Store, db_path, clock
) -> None:
    wf = _workflow(sample_store, "Customer support drafting and triage")
    sample_store.workflows.set_status(wf.id or 0, "live")
    other = Store.open(db_path, clock=clock, actor="Someone else")  # another program
    try:
        other.workflows.set_status(wf.id or 0, "paused")
    finally:
        other.close()
    events = sample_store.changes.count()
    with pytest.raises(StoreError, match="changed since"):
        sample_store.undo_last()
    assert _workflow(sample_store, "Customer support drafting and triage").status == "paused"
    assert sample_store.changes.count() == events  # no undo line for an undo refused
    assert sample_store.undo_last() is None


def test_undoing_a_decision_puts_the_item_back_to_pending_without_the_decision(
    sample_store: Store,
) -> None:
    from aiops_tui.storage.reviews import ReviewFilter

    row = sample_store.reviews.page(ReviewFilter(status="pending"))[0]
    item = sample_store.reviews.get(row.id)
    assert item is not None
    history = sample_store.reviews.decisions(row.id)
    counts = sample_store.reviews.status_counts()
    sample_store.reviews.decide(
        ReviewDecision(
            item_id=row.id,
            reviewer=sample_store.reviews.signoff_person(row.id) or USER,
            decision="changes_requested",
            note="shorter, please",
            corrected_output="A shorter draft.",
            decided_at=datetime(2026, 11, 23, 9, 0),
        )
    )
    entry = sample_store.undo_last()
    assert entry is not None and entry.entity == "review"
    assert sample_store.reviews.get(row.id) == item
    assert sample_store.reviews.decisions(row.id) == history
    assert sample_store.reviews.status_counts() == counts  # the kept counts follow
    assert _last_event(sample_store).summary.startswith("undid changes_requested")


def test_ticks_and_a_completion_are_undone(sample_store: Store) -> None:
    ritual = sample_store.rituals.by_name("Weekly review")
    assert ritual is not None
    sample_store.ticks.toggle(ritual)
    sample_store.ticks.toggle(ritual)
    entry = sample_store.undo_last()
    assert entry is not None
    assert entry.description == f"ticked {ritual.checklist[1]!r} on Weekly review"
    assert set(sample_store.ticks.get(ritual)) == {0}
    done = sample_store.rituals.completion_count(ritual.id or 0)
    sample_store.rituals.complete(
        Completion(
            ritual_id=ritual.id or 0, who=USER, completed_at=datetime(2026, 11, 23, 9), ticked=[0]
        )
    )
    assert sample_store.ticks.get(ritual) == {}  # cleared with the completion
    assert sample_store.undo_last() is not None
    assert sample_store.rituals.completion_count(ritual.id or 0) == done
    assert set(sample_store.ticks.get(ritual)) == {0}  # and back with its undo


def test_a_label_move_and_a_metric_entry_are_undone(sample_store: Store) -> None:
    prompt = sample_store.prompts.by_name("support-triage")
    assert prompt is not None
    labels = sample_store.prompts.labels(prompt.id or 0)
    moves = len(sample_store.prompts.label_history(prompt.id or 0))
    sample_store.prompts.move_label(prompt.id or 0, "staging", 1, "try it")
    assert sample_store.undo_last() is not None
    assert sample_store.prompts.labels(prompt.id or 0) == labels
    assert len(sample_store.prompts.label_history(prompt.id or 0)) == moves

    wf = _workflow(sample_store, "Customer support drafting and triage")
    series = sample_store.metrics.series_of(wf.id or 0)
    sample_store.metrics.add(MetricEntry(workflow_id=wf.id or 0, date=date(2026, 11, 23), value=7))
    assert sample_store.undo_last() is not None
    assert sample_store.metrics.series_of(wf.id or 0) == series  # the kept series too


def test_creates_and_writes_in_a_bulk_transaction_are_not_on_the_stack(store: Store) -> None:
    from aiops_tui.storage.sample import load_sample

    load_sample(store)  # one transaction holding edits, decisions and label moves
    assert store.undo_last() is None
    store.people.add(store.people.all_rows()[0].model_copy(update={"id": None, "name": "Zoe"}))
    assert store.undo_last() is None


def test_a_workflow_and_its_tools_saved_together_are_one_undo(sample_store: Store) -> None:
    wf = _workflow(sample_store, "Customer support drafting and triage")
    tools = sample_store.workflows.tool_ids(wf.id or 0)
    every_tool = [t.tool.id or 0 for t in sample_store.tools.all_rows()]
    with sample_store.one_change():
        sample_store.workflows.update(wf.model_copy(update={"risk": "high"}))
        sample_store.tools.set_links(wf.id or 0, every_tool)
    entry = sample_store.undo_last()
    assert entry is not None and "; added tools" in entry.description
    assert _workflow(sample_store, "Customer support drafting and triage").risk == wf.risk
    assert sorted(sample_store.workflows.tool_ids(wf.id or 0)) == sorted(tools)
    assert sample_store.undo_last() is None


def test_a_write_refused_leaves_nothing_to_undo(sample_store: Store) -> None:
    wf = _workflow(sample_store, "Customer support drafting and triage")
    with pytest.raises(StoreError):
        sample_store.workflows.set_status(wf.id or 0, "idea")  # not a lifecycle step
    with pytest.raises(StoreError), sample_store.one_change():
        sample_store.workflows.mark_reviewed(wf.id or 0)
        raise StoreError("refused halfway")
    assert sample_store.undo_last() is None
    assert (
        _workflow(sample_store, "Customer support drafting and triage").last_reviewed_at
        == wf.last_reviewed_at
    )


def test_a_column_the_change_did_not_write_is_kept_by_its_undo(sample_store: Store) -> None:
    wf = _workflow(sample_store, "Customer support drafting and triage")
    sample_store.workflows.set_status(wf.id or 0, "live")
    with sample_store.db.transaction() as conn:  # another writer, one other column
        conn.execute("UPDATE workflows SET summary = 'theirs' WHERE id = ?", (wf.id,))
    assert sample_store.undo_last() is not None
    after = _workflow(sample_store, "Customer support drafting and triage")
    assert (after.status, after.summary) == ("pilot", "theirs")


def test_undoing_a_decision_touches_only_its_own_item(sample_store: Store) -> None:
    """The decision watches its item's row alone: an item queued after it is kept, and
    the decision still comes off."""
    from aiops_tui.domain.models import ReviewItem
    from aiops_tui.storage.reviews import ReviewFilter

    row = sample_store.reviews.page(ReviewFilter(status="pending"))[0]
    sample_store.reviews.decide(
        ReviewDecision(
            item_id=row.id,
            reviewer=sample_store.reviews.signoff_person(row.id) or USER,
            decision="rejected",
            note="off topic",
            decided_at=datetime(2026, 11, 23, 9, 0),
        )
    )
    item = sample_store.reviews.get(row.id)
    assert item is not None
    later = sample_store.reviews.add(
        ReviewItem(
            workflow_id=item.workflow_id,
            title="Queued after",
            output="text",
            submitted_at=datetime(2026, 11, 23, 9, 5),
        )
    )
    entry = sample_store.undo_last()
    assert entry is not None and entry.entity == "review"
    back = sample_store.reviews.get(row.id)
    assert back is not None and back.status == "pending"
    assert sample_store.reviews.get(later.id or 0) == later
