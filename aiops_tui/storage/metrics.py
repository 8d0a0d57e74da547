"""Metric entries: outcomes, not activity."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from aiops_tui.models import MetricEntry
from aiops_tui.storage.db import Database, StoreError


def _entry(row: sqlite3.Row) -> MetricEntry:
    return MetricEntry(
        id=row["id"],
        workflow_id=row["workflow_id"],
        date=row["date"],
        kind=row["kind"],
        value=row["value"],
        note=row["note"],
    )


@dataclass(frozen=True)
class LiveMetric:
    """A live workflow, the kind it records most, and its latest value of that kind."""

    workflow_id: int
    name: str
    kind: str | None
    last_value: float | None
    last_date: str | None
    unit: str


class MetricsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, entry: MetricEntry) -> MetricEntry:
        wf = self.db.query_one("SELECT name FROM workflows WHERE id = ?", (entry.workflow_id,))
        if wf is None:
            raise StoreError(f"workflow #{entry.workflow_id} does not exist")
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO metric_entries (workflow_id, date, kind, value, note)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    entry.workflow_id,
                    entry.date.isoformat(),
                    str(entry.kind),
                    entry.value,
                    entry.note,
                ),
            )
            self.db.record_change(
                "metric",
                entry.workflow_id,
                "create",
                f"{wf['name']}: {entry.kind} = {entry.value:g} on {entry.date.isoformat()}",
            )
        return entry.model_copy(update={"id": cur.lastrowid})

    def recent(
        self, workflow_id: int, kind: str | None = None, limit: int = 12
    ) -> list[MetricEntry]:
        """The latest entries, returned oldest first (ready for a sparkline)."""
        if kind:
            rows = self.db.query(
                "SELECT * FROM metric_entries WHERE workflow_id = ? AND kind = ?"
                " ORDER BY date DESC, id DESC LIMIT ?",
                (workflow_id, kind, limit),
            )
        else:
            rows = self.db.query(
                "SELECT * FROM metric_entries WHERE workflow_id = ?"
                " ORDER BY date DESC, id DESC LIMIT ?",
                (workflow_id, limit),
            )
        return [_entry(r) for r in reversed(rows)]

    def recent_until(
        self, workflow_id: int, until: date, kind: str | None = None, limit: int = 12
    ) -> list[MetricEntry]:
        """Like `recent`, but only entries dated on or before `until` (a playbook's date)."""
        kind_clause = "AND kind = :kind" if kind else ""
        rows = self.db.query(
            "SELECT * FROM metric_entries WHERE workflow_id = :wf AND date <= :until"
            f" {kind_clause} ORDER BY date DESC, id DESC LIMIT :limit",
            {"wf": workflow_id, "until": until.isoformat(), "kind": kind, "limit": limit},
        )
        return [_entry(r) for r in reversed(rows)]

    def count_between(self, workflow_id: int, start: date, end: date) -> int:
        return int(
            self.db.scalar(
                "SELECT count(*) FROM metric_entries WHERE workflow_id = ?"
                " AND date >= ? AND date <= ?",
                (workflow_id, start.isoformat(), end.isoformat()),
            )
            or 0
        )

    def primary_kind(self, workflow_id: int) -> str | None:
        """The kind a workflow records most: what its sparkline shows."""
        row = self.db.query_one(
            "SELECT kind FROM metric_entries WHERE workflow_id = ?"
            " GROUP BY kind ORDER BY count(*) DESC, kind LIMIT 1",
            (workflow_id,),
        )
        return row[0] if row else None

    def totals_since(self, since: date) -> dict[str, float]:
        rows = self.db.query(
            "SELECT kind, sum(value), avg(value) FROM metric_entries WHERE date >= ? GROUP BY kind",
            (since.isoformat(),),
        )
        result: dict[str, float] = {}
        for kind, total, mean in rows:
            result[kind] = mean if kind in ("adoption_pct", "quality_score") else total
        return result

    def month_totals(self, today: date) -> dict[str, float]:
        return self.totals_since(today - timedelta(days=30))

    def live_workflows(self) -> list[LiveMetric]:
        """Every live workflow with its main metric kind and latest value (for the review)."""
        rows = self.db.query(
            "WITH live AS (SELECT id, name, metric_unit FROM workflows WHERE status = 'live'),"
            " counts AS MATERIALIZED (SELECT m.workflow_id, m.kind, count(*) AS n"
            "  FROM metric_entries m JOIN live ON live.id = m.workflow_id"
            "  GROUP BY m.workflow_id, m.kind),"
            " main AS MATERIALIZED (SELECT workflow_id, kind FROM (SELECT workflow_id, kind,"
            "  row_number() OVER (PARTITION BY workflow_id ORDER BY n DESC, kind) AS rk"
            "  FROM counts) WHERE rk = 1)"
            " SELECT l.id, l.name, k.kind, l.metric_unit,"
            "  (SELECT m.value FROM metric_entries m WHERE m.workflow_id = l.id"
            "   AND m.kind = k.kind ORDER BY m.date DESC, m.id DESC LIMIT 1) AS last_value,"
            "  (SELECT max(m.date) FROM metric_entries m WHERE m.workflow_id = l.id"
            "   AND m.kind = k.kind) AS last_date"
            " FROM live l LEFT JOIN main k ON k.workflow_id = l.id ORDER BY l.name"
        )
        return [
            LiveMetric(
                r["id"],
                r["name"],
                r["kind"],
                r["last_value"],
                r["last_date"],
                r["metric_unit"] or "",
            )
            for r in rows
        ]

    def count(self) -> int:
        return int(self.db.scalar("SELECT count(*) FROM metric_entries") or 0)
