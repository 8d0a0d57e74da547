"""Metric entries: outcomes, not activity."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from aiops_tui.domain.models import MetricEntry
from aiops_tui.storage.db import Database, StoreError
from aiops_tui.storage.rows import to_model

MAIN_KIND = (
    "(SELECT m.kind FROM metric_series m WHERE m.workflow_id = w.id"
    " ORDER BY m.entries DESC, m.kind LIMIT 1)"
)
"""SQL: the kind workflow `w` records most (ties to the first by name), from the
entry counts metric_series keeps; the sparkline, the weekly review and drift all
follow this one kind."""


def _entry(row: sqlite3.Row) -> MetricEntry:
    return to_model(MetricEntry, row)


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
        return self.db.count(
            "SELECT count(*) FROM metric_entries WHERE workflow_id = ? AND date >= ? AND date <= ?",
            (workflow_id, start.isoformat(), end.isoformat()),
        )

    def primary_kind(self, workflow_id: int) -> str | None:
        """The kind a workflow records most: what its sparkline shows."""
        kind = self.db.scalar(f"SELECT {MAIN_KIND} FROM workflows w WHERE w.id = ?", (workflow_id,))
        return None if kind is None else str(kind)

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
            "SELECT w.id, w.name, s.kind, w.metric_unit, s.recent_1 AS last_value,"
            "  s.last_date FROM workflows w LEFT JOIN metric_series s"
            f"  ON s.workflow_id = w.id AND s.kind = {MAIN_KIND}"
            " WHERE w.status = 'live' ORDER BY w.name"
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
        return self.db.count("SELECT count(*) FROM metric_entries")
