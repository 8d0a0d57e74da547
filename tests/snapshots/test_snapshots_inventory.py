"""Snapshots of the inventory screens at 120x40 with the sample data and a fixed clock."""

from __future__ import annotations

import pytest

from aiops_tui.storage.store import Store

SIZE = (120, 40)


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param(["2"], id="workflows-list"),
        pytest.param(["2", "enter"], id="workflow-detail"),
        pytest.param(["2", "a"], id="workflow-form"),
        pytest.param(["2", "t"], id="status-form"),
        pytest.param(["6"], id="team-people"),
        pytest.param(["6", "right_square_bracket"], id="team-tools"),
        pytest.param(["6", "right_square_bracket", "right_square_bracket"], id="team-data"),
    ],
)
def test_inventory_snapshot(snap_compare, sample_store: Store, make_app, keys: list[str]) -> None:
    assert snap_compare(make_app(sample_store), press=keys, terminal_size=SIZE)
