"""Snapshots of the dashboard, the cadence screen, a weekly review step and the ritual form."""

from __future__ import annotations

from aiops_tui.storage.store import Store

SIZE = (120, 40)


def test_dashboard_snapshot(snap_compare, sample_store: Store, make_app) -> None:
    assert snap_compare(make_app(sample_store), press=["1"], terminal_size=SIZE)


def test_cadence_with_ticks_snapshot(snap_compare, sample_store: Store, make_app) -> None:
    assert snap_compare(
        make_app(sample_store), press=["5", "j", "space", "space"], terminal_size=SIZE
    )


def test_weekly_review_reviews_step_snapshot(snap_compare, sample_store: Store, make_app) -> None:
    assert snap_compare(make_app(sample_store), press=["w", "n"], terminal_size=SIZE)


def test_weekly_review_metrics_step_snapshot(snap_compare, sample_store: Store, make_app) -> None:
    press = ["w", "n", "n", "n", "n", "n"]
    assert snap_compare(make_app(sample_store), press=press, terminal_size=SIZE)


def test_ritual_form_snapshot(snap_compare, sample_store: Store, make_app) -> None:
    assert snap_compare(make_app(sample_store), press=["5", "a"], terminal_size=SIZE)
