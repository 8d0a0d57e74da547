"""Snapshots of the review queue, an item's detail and the decision form (120x40)."""

from __future__ import annotations

from aiops_tui.storage.store import Store

SIZE = (120, 40)


def test_review_queue_all_statuses(snap_compare, sample_store: Store, make_app) -> None:
    sample_store.db.actor = "Ana Ruiz"
    assert snap_compare(make_app(sample_store), press=["4", "f", "f", "f", "f"], terminal_size=SIZE)


def test_review_detail_with_history(snap_compare, sample_store: Store, make_app) -> None:
    sample_store.db.actor = "Ana Ruiz"
    assert snap_compare(make_app(sample_store), press=["4", "f", "f", "enter"], terminal_size=SIZE)


def test_review_decision_form(snap_compare, sample_store: Store, make_app) -> None:
    sample_store.db.actor = "Ana Ruiz"
    assert snap_compare(make_app(sample_store), press=["4", "enter", "c"], terminal_size=SIZE)
