"""Outcome metrics counted from the data: the review queue, the tools, the series.

Five queries whatever the number of workflows (one more for prompt versions),
each reading only the window's decisions (review_decisions_at) and the
workflows asked about. domain.outcomes names and judges what is counted here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from aiops_tui.domain.outcomes import ADOPTION_SQL, RECENT_WEEKS, WEEKS, Counts, Week
from aiops_tui.domain.vocabulary import ACTIVE_STATUSES
from aiops_tui.storage.db import Database

IDS = "SELECT value FROM json_each(:ids)"
_ACTIVE = "(" + ", ".join(f"'{s}'" for s in ACTIVE_STATUSES) + ")"

_FIRSTS = (
    "WITH firsts AS (SELECT r.workflow_id AS wf, r.prompt_version_id AS pv, d.decision,"
    " d.edit_ratio, (julianday(d.decided_at) - julianday(r.submitted_at)) * 24 AS hours,"
    " CAST((julianday(:end) - julianday(d.decided_at)) / 7 AS INTEGER) AS ago,"
    " w.max_review_age_days AS limit_days"
    " FROM review_decisions d JOIN review_items r ON r.id = d.item_id"
    " JOIN workflows w ON w.id = r.workflow_id"
    f" WHERE d.decided_at >= :start AND d.decided_at < :end AND r.workflow_id IN ({IDS})"
    " AND NOT EXISTS (SELECT 1 FROM review_decisions p WHERE p.item_id = d.item_id"
    " AND p.id < d.id))"
)
"""Each item's first decision in the window: first-time approval and rework are about
what the reviewer did with the draft as the AI wrote it."""

MANY = 50
"""From this many workflows on, `_firsts` walks the window's decisions by time instead
of each workflow's items: for all live workflows of a large company that is a tenth of
the rows (the dashboard's drift alerts), for one workflow the other way round."""


def _firsts(workflow_ids: Sequence[int]) -> str:
    if len(workflow_ids) < MANY:
        return _FIRSTS
    return _FIRSTS.replace(
        " FROM review_decisions d JOIN review_items r",
        " FROM review_decisions d CROSS JOIN review_items r",  # d first: its time index
    ).replace("AND r.workflow_id IN", "AND +r.workflow_id IN")  # not the items' index


_WEEK_COLUMNS = (
    "count(*), sum(decision = 'approved' AND edit_ratio IS NULL),"
    " sum(decision = 'changes_requested' OR edit_ratio IS NOT NULL),"
    " coalesce(sum(edit_ratio), 0), count(edit_ratio), sum(hours > limit_days * 24),"
    " coalesce(sum(hours), 0)"
)


@dataclass(frozen=True)
class VersionCounts:
    prompt: str
    number: int
    counts: Counts


def _week(row: Sequence[Any]) -> Week:
    decided, first, reworked, edit_sum, edits, late, hours = row
    return Week(
        int(decided or 0),
        int(first or 0),
        int(reworked or 0),
        float(edit_sum or 0),
        int(edits or 0),
        int(late or 0),
        float(hours or 0),
    )


def _window(on: date) -> dict[str, str]:
    end = datetime.combine(on + timedelta(days=1), time())
    start = end - timedelta(weeks=WEEKS)
    return {
        "end": end.isoformat(timespec="seconds"),
        "start": start.isoformat(timespec="seconds"),
        "recent": (end - timedelta(weeks=RECENT_WEEKS)).isoformat(timespec="seconds"),
        "now": end.isoformat(timespec="seconds"),
    }


Params = dict[str, object]


def _weekly(db: Database, workflow_ids: Sequence[int], params: Params) -> dict[int, list[Week]]:
    weeks: dict[int, list[Week]] = {wf: [Week()] * WEEKS for wf in workflow_ids}
    for wf, ago, *row in db.query(
        f"{_firsts(workflow_ids)} SELECT wf, ago, {_WEEK_COLUMNS} FROM firsts GROUP BY wf, ago",
        params,
    ):
        if 0 <= ago < WEEKS:
            weeks[wf][WEEKS - 1 - ago] = _week(row)
    return weeks


def _median_hours(db: Database, workflow_ids: Sequence[int], params: Params) -> dict[int, float]:
    """The median wait to a first decision in the recent weeks (mean of the middle two)."""
    return {
        wf: float(hours)
        for wf, hours in db.query(
            f"{_firsts(workflow_ids)} SELECT wf, avg(hours) FROM (SELECT wf, hours,"
            " row_number() OVER (PARTITION BY wf ORDER BY hours) AS n,"
            " count(*) OVER (PARTITION BY wf) AS c FROM firsts WHERE ago < :recent_weeks)"
            " WHERE n IN ((c + 1) / 2, (c + 2) / 2) GROUP BY wf",
            {**params, "recent_weeks": RECENT_WEEKS},
        )
    }


def _waiting_late(db: Database, params: Params) -> dict[int, int]:
    return {
        int(r[0]): int(r[1])
        for r in db.query(
            "SELECT r.workflow_id, count(*) FROM review_items r"
            " JOIN workflows w ON w.id = r.workflow_id"
            f" WHERE r.status = 'pending' AND r.workflow_id IN ({IDS}) AND r.submitted_at"
            " < strftime('%Y-%m-%dT%H:%M:%S', :now, '-' || w.max_review_age_days || ' days')"
            " GROUP BY r.workflow_id",
            params,
        )
    }


def _costs(db: Database, params: Params) -> dict[int, float]:
    """Each tool's monthly cost shared evenly by the active workflows that use it."""
    return {
        wf: float(total)
        for wf, total in db.query(
            "SELECT wt.workflow_id, sum(t.monthly_cost / max(1, (SELECT count(*)"
            " FROM workflow_tools x JOIN workflows u ON u.id = x.workflow_id"
            f" WHERE x.tool_id = t.id AND u.status IN {_ACTIVE})))"
            " FROM workflow_tools wt JOIN tools t ON t.id = wt.tool_id"
            f" WHERE wt.workflow_id IN ({IDS}) GROUP BY wt.workflow_id",
            params,
        )
    }


def _adoption(db: Database, params: Params, on: date) -> dict[int, tuple[str, str, list[float]]]:
    """The first series named for adoption (success metric or extra): name, unit, values."""
    adoption: dict[int, tuple[str, str, list[float]]] = {}
    for wf, name, unit, value in db.query(
        "SELECT a.wf, a.label, a.unit, e.value FROM (SELECT w.id AS wf, '' AS series,"
        " w.metric_name AS label, w.metric_unit AS unit FROM workflows w"
        f" WHERE w.id IN ({IDS}) AND {ADOPTION_SQL.format(label='w.metric_name')}"
        " UNION ALL SELECT x.workflow_id, x.name, x.name, x.unit FROM metric_extras x"
        f" WHERE x.workflow_id IN ({IDS}) AND {ADOPTION_SQL.format(label='x.name')}) a"
        " JOIN metric_entries e ON e.id IN (SELECT y.id FROM metric_entries y"
        "  WHERE y.workflow_id = a.wf AND y.series = a.series AND y.date <= :on"
        f"  ORDER BY y.date DESC, y.id DESC LIMIT {WEEKS})"
        " ORDER BY a.wf, a.series, e.date, e.id",
        {**params, "on": on.isoformat()},
    ):
        found = adoption.setdefault(wf, (name, unit, []))
        if found[0] == name:  # the first series named for adoption
            found[2].append(float(value))
    return adoption


def read_weekly(db: Database, workflow_ids: Sequence[int], on: date) -> dict[int, Counts]:
    """Only the weekly decision counts: all that the counted drift alerts need, in one query.

    The other figures of `read_outcomes` (median wait, cost, adoption) cost three
    more scans of the window, which the dashboard and `aiops check` do not show.
    """
    params: Params = {"ids": json.dumps(list(workflow_ids)), **_window(on)}
    return {
        wf: Counts(weeks=tuple(weeks)) for wf, weeks in _weekly(db, workflow_ids, params).items()
    }


def read_outcomes(db: Database, workflow_ids: Sequence[int], on: date) -> dict[int, Counts]:
    """Every workflow's counts for the eight weeks up to `on`, in six queries."""
    params: Params = {"ids": json.dumps(list(workflow_ids)), **_window(on)}
    weeks = _weekly(db, workflow_ids, params)
    median = _median_hours(db, workflow_ids, params)
    waiting = _waiting_late(db, params)
    cost = _costs(db, params)
    adoption = _adoption(db, params, on)
    limits: dict[int, int] = {
        int(r[0]): int(r[1])
        for r in db.query(
            f"SELECT id, max_review_age_days FROM workflows WHERE id IN ({IDS})", params
        )
    }
    result = {}
    for wf in workflow_ids:
        name, unit, values = adoption.get(wf, ("", "", []))
        result[wf] = Counts(
            weeks=tuple(weeks[wf]),
            median_hours=median.get(wf),
            waiting_late=int(waiting.get(wf, 0)),
            limit_days=int(limits.get(wf, 3)),
            cost=cost.get(wf),
            adoption=tuple(values),
            adoption_name=name,
            adoption_unit=unit,
        )
    return result


def read_version_outcomes(
    db: Database, workflow_ids: Sequence[int], on: date
) -> dict[int, list[VersionCounts]]:
    """Per prompt version of each workflow: the eight weeks' review figures, two queries."""
    params: dict[str, object] = {"ids": json.dumps(list(workflow_ids)), **_window(on)}
    rows = db.query(
        f"{_FIRSTS} SELECT f.wf, p.name, v.number,"
        f" {_WEEK_COLUMNS.replace('count(*)', 'count(f.pv)')} FROM firsts f"
        " JOIN prompt_versions v ON v.id = f.pv JOIN prompts p ON p.id = v.prompt_id"
        " GROUP BY f.wf, f.pv ORDER BY f.wf, p.name COLLATE NOCASE, v.number",
        params,
    )
    medians = {
        (wf, name, number): float(hours)
        for wf, name, number, hours in db.query(
            f"{_FIRSTS} SELECT f.wf, p.name, v.number, avg(hours) FROM (SELECT wf, pv, hours,"
            " row_number() OVER (PARTITION BY pv ORDER BY hours) AS n,"
            " count(*) OVER (PARTITION BY pv) AS c FROM firsts WHERE pv IS NOT NULL) f"
            " JOIN prompt_versions v ON v.id = f.pv JOIN prompts p ON p.id = v.prompt_id"
            " WHERE n IN ((c + 1) / 2, (c + 2) / 2) GROUP BY f.pv",
            params,
        )
    }
    result: dict[int, list[VersionCounts]] = {}
    for wf, name, number, *row in rows:
        counts = Counts(weeks=(_week(row),), median_hours=medians.get((wf, name, number)))
        result.setdefault(wf, []).append(VersionCounts(name, number, counts))
    return result


class OutcomesRepo:
    """The store's door to the counts (screens call this; the export reads in batches)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def for_workflows(self, workflow_ids: Sequence[int], on: date) -> dict[int, Counts]:
        return read_outcomes(self.db, workflow_ids, on)

    def for_versions(self, workflow_id: int, on: date) -> list[VersionCounts]:
        return read_version_outcomes(self.db, [workflow_id], on).get(workflow_id, [])
