"""Tools, what they cost and which workflows use them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from aiops_tui.domain.models import Tool
from aiops_tui.storage.db import Database, StoreError
from aiops_tui.storage.rows import to_model
from aiops_tui.storage.rules_sql import ACTIVE
from aiops_tui.storage.undo import rows_where, undoable


@dataclass(frozen=True)
class LinkSide:
    """One end of the workflow_tools link table, as its change event names it."""

    entity: str
    column: str
    other: str
    action: str
    word: str


BY_WORKFLOW = LinkSide("workflow", "workflow_id", "tool_id", "tools", "tools")
BY_TOOL = LinkSide("tool", "tool_id", "workflow_id", "links", "workflows")


@dataclass(frozen=True)
class ToolRow:
    tool: Tool
    workflows: int
    active_workflows: int


@dataclass(frozen=True)
class OverlapAudit:
    """Question for the quarterly audit: are we paying twice, or for nothing?"""

    shared_categories: list[tuple[str, list[str]]]
    unused: list[Tool]
    total_monthly_cost: float
    active_workflows: int
    cost_per_active_workflow: float
    cost_by_workflow: list[tuple[str, float]]


def _tool(row: sqlite3.Row) -> Tool:
    return to_model(Tool, row)


class ToolsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def all_rows(self) -> list[ToolRow]:
        rows = self.db.query(
            "SELECT t.*, count(wt.workflow_id) AS n,"
            f" sum(CASE WHEN w.status IN {ACTIVE} THEN 1 ELSE 0 END) AS active"
            " FROM tools t LEFT JOIN workflow_tools wt ON wt.tool_id = t.id"
            " LEFT JOIN workflows w ON w.id = wt.workflow_id"
            " GROUP BY t.id ORDER BY t.category, t.name COLLATE NOCASE"
        )
        return [ToolRow(_tool(r), r["n"], r["active"] or 0) for r in rows]

    def get(self, tool_id: int) -> Tool | None:
        row = self.db.query_one("SELECT * FROM tools WHERE id = ?", (tool_id,))
        return _tool(row) if row else None

    def by_name(self, name: str) -> Tool | None:
        row = self.db.query_one("SELECT * FROM tools WHERE name = ?", (name.strip(),))
        return _tool(row) if row else None

    def for_workflow(self, workflow_id: int) -> list[Tool]:
        rows = self.db.query(
            "SELECT t.* FROM tools t JOIN workflow_tools wt ON wt.tool_id = t.id"
            " WHERE wt.workflow_id = ? ORDER BY t.name COLLATE NOCASE",
            (workflow_id,),
        )
        return [_tool(r) for r in rows]

    def workflows_of(self, tool_id: int) -> list[tuple[int, str]]:
        rows = self.db.query(
            "SELECT w.id, w.name FROM workflows w JOIN workflow_tools wt ON wt.workflow_id = w.id"
            " WHERE wt.tool_id = ? ORDER BY w.name COLLATE NOCASE",
            (tool_id,),
        )
        return [(r[0], r[1]) for r in rows]

    def add(self, tool: Tool) -> Tool:
        if self.by_name(tool.name):
            raise StoreError(f"a tool named {tool.name!r} already exists")
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO tools (name, vendor, category, monthly_cost) VALUES (?, ?, ?, ?)",
                (tool.name, tool.vendor, tool.category, tool.monthly_cost),
            )
            self.db.record_change(
                "tool",
                cur.lastrowid,
                "create",
                f"added tool {tool.name} ({tool.category}, {tool.monthly_cost:.2f}/month)",
            )
        return tool.model_copy(update={"id": cur.lastrowid})

    def update(self, tool: Tool) -> Tool:
        old = self.get(tool.id or 0)
        if old is None:
            raise StoreError("that tool no longer exists")
        clash = self.by_name(tool.name)
        if clash and clash.id != tool.id:
            raise StoreError(f"a tool named {tool.name!r} already exists")
        with undoable(self.db, rows_where("tools", id=tool.id)) as conn:
            conn.execute(
                "UPDATE tools SET name = ?, vendor = ?, category = ?, monthly_cost = ?"
                " WHERE id = ?",
                (tool.name, tool.vendor, tool.category, tool.monthly_cost, tool.id),
            )
            self.db.record_change("tool", tool.id, "update", f"edited tool {tool.name}")
        return tool

    def remove(self, tool_id: int) -> None:
        tool = self.get(tool_id)
        if tool is None:
            raise StoreError("that tool no longer exists")
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM workflow_tools WHERE tool_id = ?", (tool_id,))
            conn.execute("DELETE FROM tools WHERE id = ?", (tool_id,))
            self.db.record_change("tool", tool_id, "delete", f"removed tool {tool.name}")

    def set_links(self, workflow_id: int, tool_ids: list[int]) -> None:
        """Replace the tools a workflow uses (editing links from the workflow side)."""
        self._replace_links(BY_WORKFLOW, workflow_id, tool_ids)

    def set_workflows(self, tool_id: int, workflow_ids: list[int]) -> None:
        """Replace the workflows that use a tool (editing links from the tool side)."""
        self._replace_links(BY_TOOL, tool_id, workflow_ids)

    def _replace_links(self, side: LinkSide, owner_id: int, linked_ids: list[int]) -> None:
        """Make `owner_id`'s links exactly `linked_ids`; one change event names what was
        added and removed (none when nothing changed)."""
        mine, theirs = side.column, side.other
        wanted = set(linked_ids)
        with undoable(self.db, rows_where("workflow_tools", **{mine: owner_id})) as conn:
            rows = conn.execute(
                f"SELECT {theirs} FROM workflow_tools WHERE {mine} = ?", (owner_id,)
            )
            current = {r[0] for r in rows}
            if current == wanted:
                return
            conn.execute(f"DELETE FROM workflow_tools WHERE {mine} = ?", (owner_id,))
            conn.executemany(
                f"INSERT INTO workflow_tools ({mine}, {theirs}) VALUES (?, ?)",
                [(owner_id, other) for other in sorted(wanted)],
            )
            names = self._names(conn, wanted | current, side.word, "name")
            self.db.record_change(
                side.entity, owner_id, side.action, _link_words(side.word, names, wanted, current)
            )

    @staticmethod
    def _names(conn: sqlite3.Connection, ids: set[int], table: str, column: str) -> dict[int, str]:
        """Names for a change-log line: a reader knows tools and workflows by name."""
        marks = ", ".join("?" for _ in ids)
        rows = conn.execute(f"SELECT id, {column} FROM {table} WHERE id IN ({marks})", list(ids))
        return {int(r[0]): str(r[1]) for r in rows}

    def audit(self) -> OverlapAudit:
        tools = self.all_rows()
        by_category: dict[str, list[str]] = {}
        for row in tools:
            by_category.setdefault(row.tool.category, []).append(row.tool.name)
        shared = sorted((c, names) for c, names in by_category.items() if len(names) > 1)
        unused = [row.tool for row in tools if row.active_workflows == 0]
        total = sum(row.tool.monthly_cost for row in tools)
        active = self.db.count(f"SELECT count(*) FROM workflows WHERE status IN {ACTIVE}")
        # Each tool's cost is shared among the active workflows using it; the shares are
        # counted once per tool (not once per link), which keeps this fast at 10,000 workflows.
        split = self.db.query(
            "WITH shares AS (SELECT x.tool_id, count(*) AS n FROM workflow_tools x"
            f"  JOIN workflows xw ON xw.id = x.workflow_id WHERE xw.status IN {ACTIVE}"
            "  GROUP BY x.tool_id)"
            " SELECT w.name, sum(t.monthly_cost * 1.0 / s.n) AS cost"
            " FROM workflows w JOIN workflow_tools wt ON wt.workflow_id = w.id"
            " JOIN tools t ON t.id = wt.tool_id JOIN shares s ON s.tool_id = t.id"
            f" WHERE w.status IN {ACTIVE} GROUP BY w.id ORDER BY cost DESC, w.name"
        )
        return OverlapAudit(
            shared_categories=shared,
            unused=unused,
            total_monthly_cost=round(total, 2),
            active_workflows=active,
            cost_per_active_workflow=round(total / active, 2) if active else 0.0,
            cost_by_workflow=[(r[0], round(r[1] or 0.0, 2)) for r in split],
        )


def _link_words(what: str, names: dict[int, str], wanted: set[int], current: set[int]) -> str:
    """ "added tools ChatGPT Team, Claude Pro; removed tools Otter.ai" """

    def listed(ids: set[int]) -> str:
        return ", ".join(sorted((names.get(i, f"#{i}") for i in ids), key=str.lower))

    parts = []
    if wanted - current:
        parts.append(f"added {what} {listed(wanted - current)}")
    if current - wanted:
        parts.append(f"removed {what} {listed(current - wanted)}")
    return "; ".join(parts)
