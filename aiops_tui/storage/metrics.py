"""Metric entries: outcomes, not activity.

Each entry belongs to a series of one workflow: '' is the workflow's own success
metric (its name, unit, direction, baseline and target live on the workflow);
any other name is an extra series the user named (metric_extras).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from aiops_tui.domain.models import SUCCESS_SERIES, Direction, ExtraSeries, MetricEntry
from aiops_tui.domain.outcomes import with_unit
from aiops_tui.storage.db import Database, StoreError
from aiops_tui.storage.rows import to_model
from aiops_tui.storage.undo import rows_added, undoable


def _entry(row: sqlite3.Row) -> MetricEntry:
    return to_model(MetricEntry, row)


@dataclass(frozen=True)
class SeriesInfo:
    """One series of a workflow with what a reader needs to judge its values."""

    workflow_id: int
    name: str
    """'' for the success metric, else the extra series' name."""
    label: str
    unit: str
    direction: Direction
    baseline: float | None
    target: float | None
    entries: int

    @property
    def primary(self) -> bool:
        return self.name == SUCCESS_SERIES

    @property
    def title(self) -> str:
        """The label with its unit: "Invoices paid within 14 days (%)"."""
        return f"{self.label} ({self.unit})" if self.unit.strip() else self.label


@dataclass(frozen=True)
class LiveMetric:
    """A live workflow, its success metric and the latest value recorded against it."""

    workflow_id: int
    name: str
    metric: str
    last_value: float | None
    last_date: str | None
    unit: str


class MetricsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, entry: MetricEntry) -> MetricEntry:
        """Record a value against the workflow's success metric or one of its extras."""
        wf = self.db.query_one(
            "SELECT name, metric_name, metric_unit FROM workflows WHERE id = ?",
            (entry.workflow_id,),
        )
        if wf is None:
            raise StoreError(f"workflow #{entry.workflow_id} does not exist")
        if entry.series == SUCCESS_SERIES:
            if not wf["metric_name"].strip():
                raise StoreError(
                    f"{wf['name']} has no success metric yet: define it (e) before recording"
                )
            label, unit = wf["metric_name"], wf["metric_unit"]
        else:
            extra = self.db.query_one(
                "SELECT name, unit FROM metric_extras WHERE workflow_id = ? AND name = ?",
                (entry.workflow_id, entry.series),
            )
            if extra is None:
                raise StoreError(f"{wf['name']} has no series named {entry.series!r}")
            label, unit = extra["name"], extra["unit"]
            entry = entry.model_copy(update={"series": extra["name"]})
        with undoable(self.db, rows_added("metric_entries")) as conn:
            cur = conn.execute(
                "INSERT INTO metric_entries (workflow_id, date, series, value, note)"
                " VALUES (?, ?, ?, ?, ?)",
                (entry.workflow_id, entry.date.isoformat(), entry.series, entry.value, entry.note),
            )
            self.db.record_change(
                "metric",
                entry.workflow_id,
                "create",
                f"{wf['name']}: {label} = {with_unit(entry.value, unit)} on {entry.date.isoformat()}",
            )
        return entry.model_copy(update={"id": cur.lastrowid})

    def add_series(self, extra: ExtraSeries) -> ExtraSeries:
        """Start an extra series for a workflow; its name is unique within the workflow."""
        wf = self.db.query_one(
            "SELECT name, metric_name FROM workflows WHERE id = ?", (extra.workflow_id,)
        )
        if wf is None:
            raise StoreError(f"workflow #{extra.workflow_id} does not exist")
        if extra.name.casefold() == wf["metric_name"].strip().casefold():
            raise StoreError(f"{extra.name!r} is already {wf['name']}'s success metric")
        if self.db.query_one(
            "SELECT 1 FROM metric_extras WHERE workflow_id = ? AND name = ?",
            (extra.workflow_id, extra.name),
        ):
            raise StoreError(f"{wf['name']} already has a series named {extra.name!r}")
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO metric_extras (workflow_id, name, unit, direction)"
                " VALUES (?, ?, ?, ?)",
                (extra.workflow_id, extra.name, extra.unit.strip(), str(extra.direction)),
            )
            unit = f" in {extra.unit.strip()}" if extra.unit.strip() else ""
            self.db.record_change(
                "metric",
                extra.workflow_id,
                "series",
                f"{wf['name']}: new series {extra.name}{unit}, {extra.direction} is better",
            )
        return extra

    def series_of(self, workflow_id: int) -> list[SeriesInfo]:
        """The success metric first (when defined), then the extras by name."""
        rows = self.db.query(
            "SELECT '' AS name, w.metric_name AS label, w.metric_unit AS unit,"
            "  w.metric_direction AS direction, w.metric_baseline AS baseline,"
            "  w.metric_target AS target, 0 AS extra"
            " FROM workflows w WHERE w.id = :wf AND w.metric_name != ''"
            " UNION ALL SELECT x.name, x.name, x.unit, x.direction, NULL, NULL, 1"
            " FROM metric_extras x WHERE x.workflow_id = :wf"
            " ORDER BY extra, name COLLATE NOCASE",
            {"wf": workflow_id},
        )
        counts: dict[str, int] = {
            r["series"]: int(r["entries"])
            for r in self.db.query(
                "SELECT series, entries FROM metric_series WHERE workflow_id = ?", (workflow_id,)
            )
        }
        return [
            SeriesInfo(
                workflow_id,
                r["name"],
                r["label"],
                r["unit"],
                Direction(r["direction"]),
                r["baseline"],
                r["target"],
                int(counts.get(r["name"], 0)),
            )
            for r in rows
        ]

    def recent(
        self, workflow_id: int, series: str = SUCCESS_SERIES, limit: int = 12
    ) -> list[MetricEntry]:
        """The latest entries of one series, returned oldest first (ready for a sparkline)."""
        rows = self.db.query(
            "SELECT * FROM metric_entries WHERE workflow_id = ? AND series = ?"
            " ORDER BY date DESC, id DESC LIMIT ?",
            (workflow_id, series, limit),
        )
        return [_entry(r) for r in reversed(rows)]

    def recent_until(
        self, workflow_id: int, until: date, series: str = SUCCESS_SERIES, limit: int = 12
    ) -> list[MetricEntry]:
        """Like `recent`, but only entries dated on or before `until` (a playbook's date)."""
        rows = self.db.query(
            "SELECT * FROM metric_entries WHERE workflow_id = :wf AND series = :series"
            " AND date <= :until ORDER BY date DESC, id DESC LIMIT :limit",
            {"wf": workflow_id, "series": series, "until": until.isoformat(), "limit": limit},
        )
        return [_entry(r) for r in reversed(rows)]

    def count_between(
        self, workflow_id: int, start: date, end: date, series: str = SUCCESS_SERIES
    ) -> int:
        return self.db.count(
            "SELECT count(*) FROM metric_entries WHERE workflow_id = ? AND series = ?"
            " AND date >= ? AND date <= ?",
            (workflow_id, series, start.isoformat(), end.isoformat()),
        )

    def live_workflows(self) -> list[LiveMetric]:
        """Every live workflow with its success metric and latest value (for the review)."""
        rows = self.db.query(
            "SELECT w.id, w.name, w.metric_name, w.metric_unit, s.recent_1 AS last_value,"
            "  s.last_date FROM workflows w LEFT JOIN metric_series s"
            "  ON s.workflow_id = w.id AND s.series = ''"
            " WHERE w.status = 'live' ORDER BY w.name"
        )
        return [
            LiveMetric(
                r["id"],
                r["name"],
                r["metric_name"],
                r["last_value"],
                r["last_date"],
                r["metric_unit"] or "",
            )
            for r in rows
        ]

    def count(self) -> int:
        return self.db.count("SELECT count(*) FROM metric_entries")
