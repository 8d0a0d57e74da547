"""What the quarterly audit reads beyond the playbook's reads, for all workflows at once.

Four queries whatever the number of workflows: the review items waiting per
workflow (and how many wait for a sign-off), the latest review item and the
latest metric entry of each (the signs of use domain.audit judges), and the
active workflows using each tool (the overlap table).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from aiops_tui.storage.db import Database
from aiops_tui.storage.rules_sql import ACTIVE

IDS = "SELECT value FROM json_each(:ids)"


@dataclass
class AuditReads:
    waiting: dict[int, int] = field(default_factory=dict)
    """Review items pending on the day, per workflow."""
    waiting_signoff: dict[int, int] = field(default_factory=dict)
    """Of those, the ones that need their sign-off person."""
    last_item: dict[int, date] = field(default_factory=dict)
    last_entry: dict[int, date] = field(default_factory=dict)
    tool_users: dict[int, list[str]] = field(default_factory=dict)
    """Tool id -> the active workflows using it, by name."""


def _day(text: str) -> date:
    return datetime.fromisoformat(text).date()


def read_audit(db: Database, workflow_ids: Sequence[int], on: date) -> AuditReads:
    """The facts for `workflow_ids` on or before `on` (later rows are ignored)."""
    reads = AuditReads()
    end = datetime.combine(on + timedelta(days=1), time()).isoformat(timespec="seconds")
    params = {"ids": json.dumps(list(workflow_ids)), "end": end, "on": on.isoformat()}
    for wf, waiting, signoff in db.query(
        "SELECT workflow_id, count(*), sum(needs_signoff) FROM review_items"
        f" WHERE status = 'pending' AND submitted_at < :end AND workflow_id IN ({IDS})"
        " GROUP BY workflow_id",
        params,
    ):
        reads.waiting[wf] = int(waiting)
        reads.waiting_signoff[wf] = int(signoff or 0)
    for wf, last in db.query(
        f"SELECT w.id, (SELECT max(r.submitted_at) FROM review_items r"
        " WHERE r.workflow_id = w.id AND r.submitted_at < :end)"
        f" FROM workflows w WHERE w.id IN ({IDS})",
        params,
    ):
        if last:
            reads.last_item[wf] = _day(last)
    for wf, last in db.query(
        f"SELECT w.id, (SELECT max(e.date) FROM metric_entries e"
        " WHERE e.workflow_id = w.id AND e.date <= :on)"
        f" FROM workflows w WHERE w.id IN ({IDS})",
        params,
    ):
        if last:
            reads.last_entry[wf] = _day(last)
    for tool, name in db.query(
        "SELECT wt.tool_id, w.name FROM workflow_tools wt JOIN workflows w"
        f" ON w.id = wt.workflow_id WHERE w.status IN {ACTIVE}"
        " ORDER BY wt.tool_id, w.name COLLATE NOCASE"
    ):
        reads.tool_users.setdefault(tool, []).append(name)
    return reads
