"""No screen cuts a cell or a line without "…", nor lets text touch a border.

Walks every screen on the sample company at 70x20, 80x24 and 120x40 (the sizes
people use, and a small one) and reads what is drawn.
"""

from __future__ import annotations

import pytest
from screen_text import screen_lines
from screen_walk import SCREENS, bare_border_touches, edge_cuts, table_cuts

from aiops_tui.storage.store import Store

SIZES = [(70, 20), (80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("screen", list(SCREENS))
async def test_no_bare_cuts(
    sample_store: Store, make_app, screen: str, size: tuple[int, int]
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=size) as pilot:
        for key in SCREENS[screen]:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        lines = screen_lines(app)
        problems = table_cuts(app, lines) + bare_border_touches(lines) + edge_cuts(lines)
        assert not problems, "\n".join(["", *lines, "", *problems])
