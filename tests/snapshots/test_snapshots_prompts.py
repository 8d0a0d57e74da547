"""Snapshots of the prompt library at 120x40 with the sample data and the fixed clock."""

from __future__ import annotations

import pytest

from aiops_tui.storage.store import Store

SIZE = (120, 40)
OPEN_SALES = ["3", "j", "j", "enter"]  # sales-followup: production v2, staging v3


CASES = {
    "list": ["3"],
    "detail": OPEN_SALES,
    "diff": [*OPEN_SALES, "d"],
    "promote": [*OPEN_SALES, "p"],
    "rollback": [*OPEN_SALES, "j", "j", "p"],
    "new_version": [*OPEN_SALES, "v"],
}


@pytest.mark.parametrize("press", list(CASES.values()), ids=list(CASES))
def test_prompt_snapshot(snap_compare, sample_store: Store, make_app, press: list[str]) -> None:
    assert snap_compare(make_app(sample_store), press=press, terminal_size=SIZE)
