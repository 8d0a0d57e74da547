"""Open the record a change-log line or a palette search hit is about.

One place that knows where each kind of record is shown, so the Change log
and the command palette open the same screen for the same record: a workflow
(and its metric entries), a prompt and a review item in their detail screens
over the current one; a ritual on Cadence; a person, a tool or a data class on
Team & tools with the cursor on its row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from aiops_tui.storage.store import Store

KINDS = ("workflow", "metric", "prompt", "review", "ritual", "person", "tool", "data_class")
"""Change-log entities that name a record that can be opened."""

TEAM_TABS = {"person": "people-tab", "tool": "tools-tab", "data_class": "data-tab"}


def _exists(store: Store, entity: str, entity_id: int) -> bool:
    repo = {
        "workflow": store.workflows,
        "metric": store.workflows,  # a metric entry's change names its workflow
        "prompt": store.prompts,
        "review": store.reviews,
        "ritual": store.rituals,
        "person": store.people,
        "tool": store.tools,
    }[entity]
    return repo.get(entity_id) is not None  # type: ignore[attr-defined]


async def open_record(app: App[object], store: Store, entity: str, entity_id: int | None) -> str:
    """Show the record; returns "" when it is shown, else why it cannot be.

    `entity` is a change-log entity name; `entity_id` its row id (None for the
    changes that concern no single record, such as an import of many items).
    """
    if entity not in KINDS:
        return f"a {entity.replace('_', ' ')} change names no record to open"
    if entity == "data_class":
        await _show_on_team(app, "data-tab", None)
        return ""
    if entity_id is None:
        return "this change concerns many records, not one"
    if not _exists(store, entity, entity_id):
        return f"that {entity} no longer exists"
    if entity in ("workflow", "metric"):
        from aiops_tui.screens.workflow_detail import WorkflowDetailScreen

        await app.push_screen(WorkflowDetailScreen(entity_id))
    elif entity == "prompt":
        from aiops_tui.screens.prompt_detail import PromptDetailScreen

        await app.push_screen(PromptDetailScreen(entity_id))
    elif entity == "review":
        from aiops_tui.screens.review_detail import ReviewDetailScreen

        await app.push_screen(ReviewDetailScreen(entity_id))
    elif entity == "ritual":
        from aiops_tui.screens.cadence import CadenceScreen

        await app.switch_mode("cadence")
        screen = app.screen
        if isinstance(screen, CadenceScreen):
            screen.refresh_data()
            screen.select_ritual(entity_id)
    else:
        await _show_on_team(app, TEAM_TABS[entity], str(entity_id))
    return ""


async def _show_on_team(app: App[object], tab: str, key: str | None) -> None:
    from aiops_tui.screens.team import TeamScreen

    await app.switch_mode("team")
    screen = app.screen
    if isinstance(screen, TeamScreen):
        await screen.select_row(tab, key)
