"""Add or edit a tool, and choose which workflows use it (the tool side of the link)."""

from __future__ import annotations

from typing import Any

from aiops_tui.domain.models import Tool
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen


class ToolForm(FormScreen[Tool]):
    def __init__(self, store: Store, tool: Tool | None = None) -> None:
        super().__init__()
        self.store = store
        self.tool = tool
        self.title = f"Edit {tool.name}" if tool else "Add a tool"

    def fields(self) -> list[FormField]:
        t = self.tool
        return [
            FormField("name", "Name", value=t.name if t else "", placeholder="ChatGPT Team"),
            FormField("vendor", "Vendor", value=t.vendor if t else "", placeholder="OpenAI"),
            FormField(
                "category",
                "Category",
                value=t.category if t else "",
                placeholder="assistant, crm, docs, transcription ...",
                help="Two tools in one category show up in the overlap audit.",
            ),
            FormField("monthly_cost", "Monthly cost", "float", t.monthly_cost if t else 0.0),
        ]

    def submit(self, values: dict[str, Any]) -> Tool:
        values["monthly_cost"] = values.get("monthly_cost") or 0.0
        if self.tool is None:
            return self.store.tools.add(Tool.model_validate(values))
        return self.store.tools.update(Tool.model_validate({**self.tool.model_dump(), **values}))


class ToolLinksForm(FormScreen[list[int]]):
    """Which workflows use this tool; retired ones are listed only while still linked."""

    def __init__(self, store: Store, tool: Tool) -> None:
        super().__init__()
        self.store = store
        self.tool = tool
        self.title = f"Workflows that use {tool.name}"

    def fields(self) -> list[FormField]:
        linked = [wid for wid, _ in self.store.tools.workflows_of(self.tool.id or 0)]
        options = dict(self.store.workflows.names(include_retired=False))
        for wid, name in self.store.tools.workflows_of(self.tool.id or 0):
            options.setdefault(wid, f"{name} (retired)")
        return [
            FormField(
                "workflows",
                "Workflows (space toggles)",
                "multiselect",
                linked,
                sorted(((name, wid) for wid, name in options.items()), key=lambda o: o[0].lower()),
            )
        ]

    def submit(self, values: dict[str, Any]) -> list[int]:
        ids = [int(w) for w in values.get("workflows", [])]
        self.store.tools.set_workflows(self.tool.id or 0, ids)
        return ids
