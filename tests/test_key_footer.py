"""The footer's keys are styled once as they mount, and look as Textual's do."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from aiops_tui.storage.store import Store
from aiops_tui.widgets.key_footer import KeyFooter


async def test_rebuilt_footer_keys_are_not_restyled(
    sample_store: Store, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    restyled: list[str] = []
    original = FooterKey.update_node_styles

    def spy(self: FooterKey, animate: bool = True) -> None:
        restyled.append(self.key)
        original(self, animate)

    monkeypatch.setattr(FooterKey, "update_node_styles", spy)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in "23451":
            await pilot.press(key)
            await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        keys = list(footer.query(FooterKey))
        assert len(keys) >= 3
        for key in keys:  # as Textual draws them: the palette key compact, the others not
            palette = key.has_class("-command-palette")
            assert key.compact is palette
            assert key.has_class("-compact") is palette
    assert restyled == []
