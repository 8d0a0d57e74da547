"""The five-question scorecard and the alerts, as SQL aggregates.

The dashboard, `aiops check`, the weekly review and the playbook all read
these, so the numbers agree everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from aiops_tui.domain.drift import detect_drift
from aiops_tui.models import Direction
from aiops_tui.storage.db import Database

ACTIVE = "('approved', 'pilot', 'live')"
STALE_DAYS = 30
DOC_STALE_DAYS = 14
"""Documentation untouched for one biweekly documentation cycle is out of date."""

NEEDS_REVIEW = "(w.customer_facing = 1 OR w.risk = 'high')"
POLICY_OK = f"(NOT {NEEDS_REVIEW} OR (w.review_rule = 'always' AND w.signoff_id IS NOT NULL))"


@dataclass(frozen=True)
class Question:
    number: int
    question: str
    measure: str
    satisfied: int
    total: int

    @property
    def share(self) -> float | None:
        return self.satisfied / self.total if self.total else None

    @property
    def percent_text(self) -> str:
        share = self.share
        return "-" if share is None else f"{round(share * 100)}%"


@dataclass(frozen=True)
class Alert:
    kind: str  # no_owner, no_metric, stale, drift, policy_gap, shadow, unused_tool
    subject: str
    detail: str
    critical: bool = False


@dataclass
class Health:
    questions: list[Question]
    alerts: list[Alert] = field(default_factory=list)
    active_workflows: int = 0
    use_cases: list[str] = field(default_factory=list)
    """Active workflows by name, best priority first: question 1 answered by name."""

    @property
    def critical(self) -> list[Alert]:
        return [a for a in self.alerts if a.critical]


@dataclass(frozen=True)
class MonthFigures:
    """The month's outcome figures on the dashboard (last 30 days)."""

    time_saved_minutes: float
    active_workflows: int
    tool_cost: float
    approval_rate: float | None
    decisions: int
    adoption_pct: float | None

    @property
    def cost_per_active_workflow(self) -> float | None:
        return self.tool_cost / self.active_workflows if self.active_workflows else None


@dataclass(frozen=True)
class StaleDoc:
    """An active workflow whose written state and prompts were not touched in a cycle."""

    workflow_id: int
    name: str
    state_updated: str
    prompt_changed: str | None


class HealthRepo:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._cached: tuple[tuple[int, int, str], Health] | None = None

    def scorecard(self) -> list[Question]:
        since = (self.db.clock().date() - timedelta(days=30)).isoformat()
        row = self.db.query_one(
            "SELECT count(*) AS total,"
            " sum(w.frequency_per_month > 0) AS q1,"
            " sum(w.owner_id IS NOT NULL) AS q2,"
            " sum(w.metric_name != '' AND EXISTS (SELECT 1 FROM metric_entries m"
            "   WHERE m.workflow_id = w.id AND m.date >= :since)) AS q3,"
            f" sum(w.review_rule != 'none' AND {POLICY_OK}) AS q4,"
            " sum(w.doc_owner_id IS NOT NULL AND w.current_state != '' AND EXISTS ("
            "   SELECT 1 FROM prompts p JOIN prompt_labels l ON l.prompt_id = p.id"
            "   AND l.label = 'production' WHERE p.workflow_id = w.id)) AS q5"
            f" FROM workflows w WHERE w.status IN {ACTIVE}",
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
        stale_before = (today - timedelta(days=STALE_DAYS)).isoformat()
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
        for r in self.db.query(
            f"SELECT name, last_reviewed_at FROM workflows WHERE status IN {ACTIVE}"
            " AND (last_reviewed_at IS NULL OR last_reviewed_at < ?) ORDER BY name",
            (stale_before,),
        ):
            when = f"last reviewed {r[1]}" if r[1] else "never reviewed"
            alerts.append(Alert("stale", r[0], f"{when} (over {STALE_DAYS} days)"))
        for r in self.db.query(
            "SELECT name, status, customer_facing, risk, review_rule, signoff_id FROM workflows w"
            f" WHERE status NOT IN ('retired', 'idea') AND NOT {POLICY_OK} ORDER BY name"
        ):
            why = "customer-facing" if r["customer_facing"] else "high-risk"
            gaps = []
            if r["review_rule"] != "always":
                gaps.append(f"review rule is {r['review_rule']}")
            if r["signoff_id"] is None:
                gaps.append("no sign-off person")
            alerts.append(
                Alert("policy_gap", r["name"], f"{why}: {', '.join(gaps)}", critical=True)
            )
        for r in self.db.query("SELECT name FROM workflows WHERE status = 'shadow' ORDER BY name"):
            alerts.append(Alert("shadow", r[0], "unapproved AI use: propose or retire it"))
        alerts.extend(self.drift_alerts())
        for r in self.db.query(
            "SELECT t.name, t.monthly_cost FROM tools t WHERE t.monthly_cost > 0 AND NOT EXISTS ("
            " SELECT 1 FROM workflow_tools wt JOIN workflows w ON w.id = wt.workflow_id"
            f" WHERE wt.tool_id = t.id AND w.status IN {ACTIVE}) ORDER BY t.name"
        ):
            alerts.append(Alert("unused_tool", r[0], f"{r[1]:.2f}/month, no active workflow"))
        return alerts

    def drift_alerts(self) -> list[Alert]:
        """Live workflows whose most-recorded metric moves the wrong way."""
        # Per live workflow: its most-recorded kind, then that kind's four latest entries,
        # each found by index seeks (metric_entries_workflow) instead of numbering every
        # entry with a window function, which took half a second at 500,000 entries.
        rows = self.db.query(
            "WITH main AS (SELECT w.id AS workflow_id, (SELECT m.kind FROM metric_entries m"
            "  WHERE m.workflow_id = w.id GROUP BY m.kind ORDER BY count(*) DESC, m.kind"
            "  LIMIT 1) AS kind FROM workflows w WHERE w.status = 'live')"
            " SELECT w.id, w.name, w.metric_baseline, w.metric_target, w.metric_direction,"
            "  r.value FROM main JOIN workflows w ON w.id = main.workflow_id"
            " JOIN metric_entries r ON r.id IN (SELECT m.id FROM metric_entries m"
            "  WHERE m.workflow_id = main.workflow_id AND m.kind = main.kind"
            "  ORDER BY m.date DESC, m.id DESC LIMIT 4)"
            " ORDER BY w.name, r.date, r.id"
        )
        series: dict[int, tuple[str, float | None, float | None, str, list[float]]] = {}
        for r in rows:
            entry = series.setdefault(r[0], (r[1], r[2], r[3], r[4], []))
            entry[4].append(r[5])
        alerts = []
        for name, baseline, target, direction, values in series.values():
            reason = detect_drift(values, baseline, target, Direction(direction))
            if reason:
                alerts.append(Alert("drift", name, reason))
        return alerts

    def approved_use_cases(self, limit: int = 50) -> list[str]:
        """Names of the active workflows, best priority first: question 1 by name."""
        rows = self.db.query(
            f"SELECT name FROM workflows WHERE status IN {ACTIVE}"
            " ORDER BY priority DESC, name LIMIT ?",
            (limit,),
        )
        return [r[0] for r in rows]

    def month_figures(self) -> MonthFigures:
        """Time saved, cost per active workflow, review approval rate and adoption, 30 days."""
        now = self.db.clock()
        since_day = (now.date() - timedelta(days=30)).isoformat()
        since = (now - timedelta(days=30)).isoformat(timespec="seconds")
        row = self.db.query_one(
            "SELECT"
            " (SELECT coalesce(sum(value), 0) FROM metric_entries"
            "   WHERE kind = 'time_saved_minutes' AND date >= :day) AS saved,"
            " (SELECT avg(value) FROM metric_entries"
            "   WHERE kind = 'adoption_pct' AND date >= :day) AS adoption,"
            f" (SELECT count(*) FROM workflows WHERE status IN {ACTIVE}) AS active,"
            " (SELECT coalesce(sum(monthly_cost), 0) FROM tools) AS cost,"
            " (SELECT count(*) FROM review_decisions WHERE decided_at >= :since) AS decisions,"
            " (SELECT sum(decision = 'approved') FROM review_decisions"
            "   WHERE decided_at >= :since) AS approved",
            {"day": since_day, "since": since},
        )
        assert row is not None
        decisions = int(row["decisions"] or 0)
        return MonthFigures(
            time_saved_minutes=float(row["saved"] or 0),
            active_workflows=int(row["active"] or 0),
            tool_cost=round(float(row["cost"] or 0), 2),
            approval_rate=(int(row["approved"] or 0) / decisions) if decisions else None,
            decisions=decisions,
            adoption_pct=None if row["adoption"] is None else float(row["adoption"]),
        )

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
        """Scorecard and alerts; kept until the file or the day changes.

        The dashboard asks on every visit, and at 10,000 workflows the answer
        costs about 130 ms of queries. `PRAGMA data_version` changes when any
        other connection commits, `total_changes` when this one writes, so a
        kept answer is never stale. Treat the result as read-only.
        """
        key = (
            int(self.db.scalar("PRAGMA data_version") or 0),
            self.db.conn.total_changes,
            self.db.clock().date().isoformat(),
        )
        if self._cached is not None and self._cached[0] == key:
            return self._cached[1]
        questions = self.scorecard()
        result = Health(
            questions=questions,
            alerts=self.alerts(),
            active_workflows=questions[0].total if questions else 0,
            use_cases=self.approved_use_cases(),
        )
        self._cached = (key, result)
        return result
