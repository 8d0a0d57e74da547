"""The footer is rebuilt when its keys change, and only then."""

from __future__ import annotations

import pytest

from aiops_tui.storage.store import Store
from aiops_tui.widgets.keys_bar import KeyFooter


async def test_footer_is_not_rebuilt_when_its_keys_stay_the_same(
    sample_store: Store, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[str] = []
    original = KeyFooter.compose

    def counting(self: KeyFooter):
        builds.append(type(self.screen).__name__)
        yield from original(self)

    monkeypatch.setattr(KeyFooter, "compose", counting)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        builds.clear()
        for key in "1212":
            await pilot.press(key)
            await pilot.pause()
        assert builds == []  # both screens keep the keys they showed


async def test_footer_follows_a_change_of_keys() -> None:
    """A key that becomes disabled, or one that appears, is redrawn."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding

    class Keys(App[None]):
        BINDINGS = [
            Binding("x", "thing", "Thing"),
            Binding("y", "other", "Other", show=False),
        ]
        allowed = True
        show_other = False

        def compose(self) -> ComposeResult:
            yield KeyFooter()

        def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
            if action == "thing":
                return self.allowed or None  # None: shown, but disabled
            return True

    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        thing = next(k for k in footer.query("FooterKey") if k.key == "x")
        assert not thing.has_class("-disabled")
        app.allowed = False
        app.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        thing = next(k for k in footer.query("FooterKey") if k.key == "x")
        assert thing.has_class("-disabled")


async def test_each_screen_builds_its_footer_once_on_its_first_visit(
    sample_store: Store, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screen's AUTO_FOCUS widget is focused before the keys are built, so they are
    final: under Textual's default a hidden filter bar took focus first (three builds)."""
    builds: list[str] = []
    original = KeyFooter.compose

    def counting(self: KeyFooter):
        widgets = list(original(self))
        if any(type(w).__name__ == "FooterKey" for w in widgets):
            builds.append(type(self.screen).__name__)
        yield from widgets

    monkeypatch.setattr(KeyFooter, "compose", counting)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in "2345":
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
        assert builds == [
            "DashboardScreen",
            "WorkflowsScreen",
            "PromptsScreen",
            "ReviewScreen",
            "CadenceScreen",
        ]
        assert app.screen.focused is not None and app.screen.focused.id == "ritual-table"
