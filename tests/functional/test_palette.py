"""The command palette reaches the current screen's actions and searches the data."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from aiops_tui.screens.workflow_detail import WorkflowDetailScreen
from aiops_tui.screens.workflow_form import WorkflowForm
from aiops_tui.storage.store import Store


async def palette_hits(pilot, typed: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert CommandPalette.is_open(pilot.app)
    await pilot.press(*typed)
    for _ in range(20):  # the providers answer asynchronously
        await pilot.pause(0.05)
        options = pilot.app.screen.query_one(CommandList).options
        if options:
            break
    return [str(option.prompt).split("\n")[0] for option in options]


async def test_add_finds_the_screens_add(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        hits = await palette_hits(pilot, "add")
        assert hits[0] == "Add (Workflows)"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkflowForm)


async def test_a_workflow_found_by_name_opens(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        hits = await palette_hits(pilot, "drafting and")
        assert hits == ["Workflow: Customer support drafting and triage"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkflowDetailScreen)


def test_search_finds_each_kind_by_name(sample_store: Store) -> None:
    assert {f.kind for f in sample_store.search.by_name("triage")} == {"workflow", "prompt"}
    found = sample_store.search.by_name("a")
    assert {f.kind for f in found} == {"workflow", "prompt", "review", "person", "tool", "ritual"}
    assert all(len([f for f in found if f.kind == k]) <= 5 for k in {f.kind for f in found})
    assert sample_store.search.by_name("100%") == []  # % is a character, not a wildcard
