"""The five-question scorecard and the alerts, as SQL aggregates.

The dashboard, `aiops check`, the weekly review and the playbook all read
these, so the numbers agree everywhere.
"""

from __future__ import annotations

from dataclasses import astuple
from datetime import date, timedelta

from aiops_tui.domain.drift import detect_drift
from aiops_tui.domain.outcomes import ADOPTION_SQL, MINUTES_SQL
from aiops_tui.domain.policy import policy_gap
from aiops_tui.domain.staleness import stale_before, stale_detail
from aiops_tui.domain.vocabulary import ACTIVE_STATUSES, Direction
from aiops_tui.storage.db import Database
from aiops_tui.storage.health_figures import (
    Alert,
    Health,
    MonthFigures,
    Question,
    StaleDoc,
    decode_health,
    encode_health,
)
from aiops_tui.storage.kept import keep, read_kept
from aiops_tui.storage.rules_sql import ACTIVE, POLICY_GAP, POLICY_OK

DOC_STALE_DAYS = 14
"""Documentation untouched for one biweekly documentation cycle is out of date."""


def may_drift(direction: str, baseline: str) -> str:
    """MAY_DRIFT for a series whose direction and baseline are the given SQL terms."""
    worse = f"(CASE {direction} WHEN 'higher' THEN {{new}} < {{old}} ELSE {{new}} > {{old}} END)"
    return (
        "(abs(s.recent_1) > 1e308 OR abs(s.recent_2) > 1e308 OR abs(s.recent_3) > 1e308"
        f" OR abs(s.recent_4) > 1e308 OR {direction} NOT IN ('higher', 'lower')"
        f" OR {worse.format(new='s.recent_1', old=baseline)}"
        f" OR ({worse.format(new='s.recent_1', old='s.recent_2')}"
        f" AND {worse.format(new='s.recent_2', old='s.recent_3')}))"
    )


MAY_DRIFT = may_drift("w.metric_direction", "w.metric_baseline")
"""SQL, true for every live series detect_drift could flag, so only those reach Python
(2,170 calls cost 5 ms at full bench size). A superset, not a copy: an infinite value
(detect_drift skips it, shifting its window) or an unknown direction always passes;
with finite values and recent_1 newest, it is detect_drift's two tests, the latest
worse than the baseline or the last three each worse than the one before. Change it
with detect_drift: tests/test_health_equivalence.py holds the two together."""


WEEKLY_WORDS = {
    "first_time": "first-time approval % by week",
    "rework": "rework % by week",
    "throughput": "items reviewed by week",
}
"""The counted outcomes that can drift, as an alert names their weekly values."""


class HealthRepo:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._cached: tuple[tuple[int, int, date], Health] | None = None

    def scorecard(self) -> list[Question]:
        since = (self.db.clock().date() - timedelta(days=30)).isoformat()
        row = self.db.query_one(
            "SELECT count(*) AS total,"
            " sum(w.frequency_per_month > 0) AS q1,"
            " sum(w.owner_id IS NOT NULL) AS q2,"
            # An entry of its success metric in 30 days (metric_series keeps the latest).
            " sum(w.metric_name != '' AND EXISTS (SELECT 1 FROM metric_series s"
            "   WHERE s.workflow_id = w.id AND s.series = '' AND s.last_date >= :since)) AS q3,"
            f" sum(w.review_rule != 'none' AND {POLICY_OK}) AS q4,"
            # The workflows with a production prompt, listed once, not looked up per workflow.
            " sum(w.doc_owner_id IS NOT NULL AND w.current_state != '' AND w.id IN ("
            "   SELECT p.workflow_id FROM prompts p JOIN prompt_labels l ON l.prompt_id = p.id"
            "   AND l.label = 'production' WHERE p.workflow_id IS NOT NULL)) AS q5"
            # 40% of the workflows are active: one pass over the table costs less than
            # fetching each from the status index (3 ms instead of 7 at 10,000).
            f" FROM workflows w NOT INDEXED WHERE w.status IN {ACTIVE}",
            {"since": since},
        )
        total = row["total"] if row else 0

        def n(key: str) -> int:
            return int((row[key] if row else 0) or 0)

        return [
            Question(
                1,
                "Where should AI be used?",
                "approved use cases with a priority score",
                n("q1"),
                total,
            ),
            Question(2, "Who owns each workflow?", "with a named systems owner", n("q2"), total),
            Question(
                3,
                "How do we measure quality and value?",
                "with a success metric and an entry in 30 days",
                n("q3"),
                total,
            ),
            Question(
                4,
                "Where is human review required?",
                "with a review rule, and sign-off where required",
                n("q4"),
                total,
            ),
            Question(
                5,
                "How are changes documented?",
                "with a doc owner, written state and a production prompt",
                n("q5"),
                total,
            ),
        ]

    def alerts(self) -> list[Alert]:
        today = self.db.clock().date()
        alerts: list[Alert] = []
        for r in self.db.query(
            f"SELECT name, status FROM workflows w WHERE status IN {ACTIVE} AND owner_id IS NULL"
            " ORDER BY name"
        ):
            alerts.append(
                Alert("no_owner", r[0], f"{r[1]} workflow has no owner", critical=r[1] == "live")
            )
        for r in self.db.query(
            f"SELECT name FROM workflows WHERE status IN {ACTIVE} AND metric_name = ''"
            " ORDER BY name"
        ):
            alerts.append(Alert("no_metric", r[0], "no success metric defined"))
        # domain/staleness.py: the review clock starts at the last review, else at creation.
        for r in self.db.query(
            f"SELECT name, last_reviewed_at, substr(created_at, 1, 10) FROM workflows"
            f" WHERE status IN {ACTIVE}"
            " AND coalesce(last_reviewed_at, substr(created_at, 1, 10)) < ? ORDER BY name",
            (stale_before(today).isoformat(),),
        ):
            reviewed = date.fromisoformat(r[1]) if r[1] else None
            alerts.append(Alert("stale", r[0], stale_detail(reviewed, date.fromisoformat(r[2]))))
        # From the partial index of policy gaps, in name order: walking the name index
        # with a row lookup per workflow took 10 ms at 10,000 workflows.
        for r in self.db.query(
            "SELECT name, status, customer_facing, risk, review_rule, signoff_id FROM workflows w"
            f" WHERE status NOT IN ('retired', 'idea') AND {POLICY_GAP} ORDER BY name"
        ):
            gap = policy_gap(r["customer_facing"], r["risk"], r["review_rule"], r["signoff_id"])
            alerts.append(Alert("policy_gap", r["name"], gap, critical=True))
        for r in self.db.query("SELECT name FROM workflows WHERE status = 'shadow' ORDER BY name"):
            alerts.append(Alert("shadow", r[0], "unapproved AI use: propose or retire it"))
        alerts.extend(self.drift_alerts())
        alerts.extend(self.counted_drift_alerts())
        for r in self.db.query(
            "SELECT t.name, t.monthly_cost FROM tools t WHERE t.monthly_cost > 0 AND NOT EXISTS ("
            " SELECT 1 FROM workflow_tools wt JOIN workflows w ON w.id = wt.workflow_id"
            f" WHERE wt.tool_id = t.id AND w.status IN {ACTIVE}) ORDER BY t.name"
        ):
            alerts.append(Alert("unused_tool", r[0], f"{r[1]:.2f}/month, no active workflow"))
        return alerts

    def drift_alerts(self) -> list[Alert]:
        """Live workflows whose success metric, or an extra series, moves the wrong way."""
        # Per live workflow (workflows_metric_goal, in name order): its success metric's
        # latest values, kept in metric_series. Seeking every workflow's entries took
        # 50 ms at 500,000 entries; this reads one row per live workflow. Only the rows
        # detect_drift could flag come back (MAY_DRIFT); it still decides. Extra series
        # have a direction but no baseline or target: only their run can drift.
        rows = self.db.query(
            "SELECT w.name, '' AS series, w.metric_baseline, w.metric_target,"
            "  w.metric_direction, s.recent_4, s.recent_3, s.recent_2, s.recent_1"
            " FROM workflows w JOIN metric_series s ON s.workflow_id = w.id AND s.series = ''"
            f" WHERE w.status = 'live' AND w.metric_name != '' AND {MAY_DRIFT}"
            " UNION ALL SELECT w.name, x.name, NULL, NULL, x.direction,"
            "  s.recent_4, s.recent_3, s.recent_2, s.recent_1"
            " FROM workflows w JOIN metric_extras x ON x.workflow_id = w.id"
            " JOIN metric_series s ON s.workflow_id = x.workflow_id AND s.series = x.name"
            f" WHERE w.status = 'live' AND {may_drift('x.direction', 'NULL')}"
            " ORDER BY 1, 2"
        )
        alerts = []
        for name, series, baseline, target, direction, *values in rows:
            oldest_first = [v for v in values if v is not None]  # fewer than four entries
            reason = detect_drift(oldest_first, baseline, target, Direction(direction))
            if reason:
                alerts.append(Alert("drift", name, f"{series}: {reason}" if series else reason))
        return alerts

    def counted_drift_alerts(self) -> list[Alert]:
        """Live workflows whose counted outcomes (first-time approval, rework, throughput)
        moved the wrong way three weeks running: one query for all of them. Adoption is a
        recorded series, so `drift_alerts` covers it."""
        from aiops_tui.domain.outcomes import counted_drifts
        from aiops_tui.storage.outcomes import read_weekly

        live = self.db.query("SELECT id, name FROM workflows WHERE status = 'live' ORDER BY name")
        counts = read_weekly(self.db, [r[0] for r in live], self.db.clock().date())
        alerts = []
        for workflow_id, name in live:
            for key, why in counted_drifts(counts[workflow_id]):
                alerts.append(Alert("drift", name, f"{WEEKLY_WORDS[key]}: {why}"))
        return alerts

    def approved_use_cases(self, limit: int = 50) -> list[str]:
        """Names of the active workflows, best priority first: question 1 by name."""
        # The best `limit` of each status from the (status, priority) index, then the best
        # of those: sorting every active workflow took 4 ms at 10,000.
        best_of_each = " UNION ALL ".join(
            f"SELECT * FROM (SELECT name, priority FROM workflows WHERE status = '{status}'"
            " ORDER BY priority DESC, name LIMIT :limit)"
            for status in ACTIVE_STATUSES
        )
        rows = self.db.query(
            f"SELECT name FROM ({best_of_each}) ORDER BY priority DESC, name LIMIT :limit",
            {"limit": limit},
        )
        return [r[0] for r in rows]

    def month_figures(self) -> MonthFigures:
        """Time saved, cost per active workflow, review approval rate and adoption, 30 days.

        Kept in the file (kept.py) with the oldest decision in the window: the kept
        figures hold until that decision leaves it (or the day, or the data, changes).
        """
        now = self.db.clock()
        since = (now - timedelta(days=30)).isoformat(timespec="seconds")
        kept = read_kept(self.db, "month", now.date())
        try:
            if kept is not None and (kept["oldest"] is None or kept["oldest"] >= since):
                return MonthFigures(*kept["figures"])
        except (TypeError, KeyError):
            pass  # not what this version keeps: work it out
        since_day = (now.date() - timedelta(days=30)).isoformat()
        # Each figure from a covering index (metric_entries_kind_date, review_decisions_at),
        # the decisions counted and their approvals summed in one pass.
        # Time saved: the series measured in minutes; adoption: the series named for it
        # (domain.outcomes.is_minutes and is_adoption, as SQL). Only the series with an
        # entry in the window (metric_series) are read, each from its own index range.
        row = self.db.query_one(
            "WITH recent AS (SELECT s.workflow_id, s.series,"
            "   CASE s.series WHEN '' THEN w.metric_unit ELSE x.unit END AS unit,"
            "   CASE s.series WHEN '' THEN w.metric_name ELSE x.name END AS label"
            "   FROM metric_series s JOIN workflows w ON w.id = s.workflow_id"
            "   LEFT JOIN metric_extras x ON x.workflow_id = s.workflow_id AND x.name = s.series"
            "   WHERE s.last_date >= :day)"
            " SELECT * FROM"
            " (SELECT coalesce(sum(e.value), 0) AS saved FROM recent r JOIN metric_entries e"
            f"   ON e.workflow_id = r.workflow_id AND e.series = r.series AND e.date >= :day"
            f"   WHERE {MINUTES_SQL.format(unit='r.unit')}),"
            " (SELECT avg(e.value) AS adoption FROM recent r JOIN metric_entries e"
            "   ON e.workflow_id = r.workflow_id AND e.series = r.series AND e.date >= :day"
            f"   WHERE {ADOPTION_SQL.format(label='r.label')}),"
            f" (SELECT count(*) AS active FROM workflows WHERE status IN {ACTIVE}),"
            " (SELECT coalesce(sum(monthly_cost), 0) AS cost FROM tools),"
            " (SELECT count(*) AS decisions, sum(decision = 'approved') AS approved,"
            "   min(decided_at) AS oldest FROM review_decisions WHERE decided_at >= :since)",
            {"day": since_day, "since": since},
        )
        assert row is not None
        decisions = int(row["decisions"] or 0)
        figures = MonthFigures(
            time_saved_minutes=float(row["saved"] or 0),
            active_workflows=int(row["active"] or 0),
            tool_cost=round(float(row["cost"] or 0), 2),
            approval_rate=(int(row["approved"] or 0) / decisions) if decisions else None,
            decisions=decisions,
            adoption_pct=None if row["adoption"] is None else float(row["adoption"]),
        )
        keep(
            self.db,
            "month",
            now.date(),
            {"figures": list(astuple(figures)), "oldest": row["oldest"]},
        )
        return figures

    def stale_documentation(self, days: int = DOC_STALE_DAYS) -> list[StaleDoc]:
        """Active workflows whose documentation is older than the biweekly update.

        Documentation is the workflow's written record (current and target
        state, edited through the workflow, so `updated_at`) and its prompts
        (a new version or a label move). Neither touched within `days` (one
        biweekly cycle) means the documentation update skipped it.
        """
        cutoff = (self.db.clock() - timedelta(days=days)).isoformat(timespec="seconds")
        rows = self.db.query(
            "SELECT w.id, w.name, w.updated_at, ("
            "  SELECT max(t) FROM (SELECT v.created_at AS t FROM prompt_versions v"
            "   JOIN prompts p ON p.id = v.prompt_id WHERE p.workflow_id = w.id"
            "   UNION ALL SELECT m.moved_at FROM label_moves m"
            "   JOIN prompts p ON p.id = m.prompt_id WHERE p.workflow_id = w.id)"
            " ) AS prompt_at"
            f" FROM workflows w WHERE w.status IN {ACTIVE}"
            " AND w.updated_at < :cutoff ORDER BY w.name",
            {"cutoff": cutoff},
        )
        return [
            StaleDoc(r[0], r[1], r[2][:10], r[3][:10] if r[3] else None)
            for r in rows
            if r[3] is None or r[3] < cutoff
        ]

    def health(self) -> Health:
        """Scorecard and alerts; kept until the data or the day changes.

        They depend only on the data and the day. At 10,000 workflows they cost
        25 ms of queries, most of a start, so they are kept twice: in memory,
        for the dashboard's later visits (until `Database.data_stamp` or the day
        changes), and in the file (kept.py), for the next start. Treat the result
        as read-only.
        """
        today = self.db.clock().date()
        key = (*self.db.data_stamp(), today)
        if self._cached is not None and self._cached[0] == key:
            return self._cached[1]
        result = decode_health(read_kept(self.db, "health", today))
        if result is None:
            questions = self.scorecard()
            result = Health(
                questions=questions,
                alerts=self.alerts(),
                active_workflows=questions[0].total if questions else 0,
                use_cases=self.approved_use_cases(),
            )
            keep(self.db, "health", today, encode_health(result))
        self._cached = (key, result)
        return result
