"""Snapshots of every step of the weekly review at 120x40, and the reviews step at 80x24."""

from __future__ import annotations

import pytest

from aiops_tui.storage.store import Store

TO_STEP = {
    "rituals": ["w"],
    "reviews": ["w", "n"],
    "prompts": ["w", "n", "ctrl+n"],
    "alerts": ["w", "n", "ctrl+n", "n"],
    "docs": ["w", "n", "ctrl+n", "n", "n"],
    "metrics": ["w", "n", "ctrl+n", "n", "n", "n"],
    "notes": ["w", "n", "ctrl+n", "n", "n", "n", "ctrl+n"],
    "finish": ["w", "n", "ctrl+n", "n", "n", "n", "ctrl+n", "ctrl+n"],
}


@pytest.mark.parametrize("step", list(TO_STEP))
def test_weekly_step_snapshot(snap_compare, sample_store: Store, make_app, step: str) -> None:
    assert snap_compare(make_app(sample_store), press=TO_STEP[step], terminal_size=(120, 40))


def test_weekly_reviews_step_at_80x24(snap_compare, sample_store: Store, make_app) -> None:
    assert snap_compare(make_app(sample_store), press=TO_STEP["reviews"], terminal_size=(80, 24))
