"""One snapshot per screen at 120x40, with the sample data and a fixed clock."""

from __future__ import annotations

import pytest

from aiops_tui.storage.store import Store

SIZE = (120, 40)


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5", "6", "7"])
def test_screen_snapshot(snap_compare, sample_store: Store, make_app, key: str) -> None:
    assert snap_compare(make_app(sample_store), press=[key], terminal_size=SIZE)


def test_help_snapshot(snap_compare, sample_store: Store, make_app) -> None:
    assert snap_compare(make_app(sample_store), press=["2", "question_mark"], terminal_size=SIZE)
