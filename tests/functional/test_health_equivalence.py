"""The fast health reads answer exactly what the plain SQL they replaced answered.

`Reference` holds the queries as they stood before schema 2 (with schema 5's
series in place of kinds): simple, correct, slow at full size. Small random
companies, built so that ties and boundaries are common (several series a
workflow, entries on the day 30 days
back, reviews submitted on the second their workflow's age limit ends,
infinite metric values, equal priorities, names that differ only in case),
are read both ways and must agree to the last alert.
"""

from __future__ import annotations

import math
import random
import sqlite3
from datetime import date, datetime, timedelta

import pytest

from aiops_tui.domain.drift import detect_drift
from aiops_tui.domain.models import Direction
from aiops_tui.domain.staleness import STALE_DAYS, is_stale, stale_detail
from aiops_tui.storage.db import Database
from aiops_tui.storage.health import ACTIVE, MAY_DRIFT, POLICY_OK, HealthRepo
from aiops_tui.storage.health_figures import Alert, MonthFigures
from aiops_tui.storage.reviews import ReviewFilter
from aiops_tui.storage.store import Store

NOW = datetime(2026, 11, 23, 9, 0, 0)  # conftest's fixed clock
SINCE_DAY = (NOW.date() - timedelta(days=30)).isoformat()
SINCE = (NOW - timedelta(days=30)).isoformat(timespec="seconds")
STATUSES = ["idea", "proposed", "approved", "pilot", "live", "live", "paused", "retired", "shadow"]


class Reference(HealthRepo):
    """HealthRepo's reads as written before metric_series and the schema 2 indexes."""

    def scorecard_figures(self) -> tuple:
        row = self.db.query_one(
            "SELECT count(*) AS total,"
            " sum(w.frequency_per_month > 0) AS q1,"
            " sum(w.owner_id IS NOT NULL) AS q2,"
            " sum(w.metric_name != '' AND EXISTS (SELECT 1 FROM metric_entries m"
            "   WHERE m.workflow_id = w.id AND m.series = '' AND m.date >= :since)) AS q3,"
            f" sum(w.review_rule != 'none' AND {POLICY_OK}) AS q4,"
            " sum(w.doc_owner_id IS NOT NULL AND w.current_state != '' AND EXISTS ("
            "   SELECT 1 FROM prompts p JOIN prompt_labels l ON l.prompt_id = p.id"
            "   AND l.label = 'production' WHERE p.workflow_id = w.id)) AS q5"
            f" FROM workflows w WHERE w.status IN {ACTIVE}",
            {"since": SINCE_DAY},
        )
        assert row is not None
        return tuple(int(v or 0) for v in row)

    def alerts(self) -> list[Alert]:
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
            f"SELECT name, last_reviewed_at, created_at FROM workflows WHERE status IN {ACTIVE}"
            " ORDER BY name"
        ):  # the domain rule itself, row by row
            reviewed = date.fromisoformat(r[1]) if r[1] else None
            created = datetime.fromisoformat(r[2]).date()
            if is_stale(reviewed, created, NOW.date()):
                alerts.append(Alert("stale", r[0], stale_detail(reviewed, created)))
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
        rows = self.db.query(
            "SELECT w.name, '' AS series, w.metric_baseline, w.metric_target,"
            " w.metric_direction FROM workflows w WHERE w.status = 'live'"
            " AND w.metric_name != '' UNION ALL SELECT w.name, x.name, NULL, NULL, x.direction"
            " FROM workflows w JOIN metric_extras x ON x.workflow_id = w.id"
            " WHERE w.status = 'live' ORDER BY 1, 2"
        )
        alerts = []
        for name, series, baseline, target, direction in rows:
            values = [
                r[0]
                for r in self.db.query(
                    "SELECT m.value FROM metric_entries m JOIN workflows w"
                    " ON w.id = m.workflow_id WHERE w.name = ? AND m.series = ?"
                    " ORDER BY m.date DESC, m.id DESC LIMIT 4",
                    (name, series),
                )
            ][::-1]
            reason = detect_drift(values, baseline, target, Direction(direction))
            if reason:
                alerts.append(Alert("drift", name, f"{series}: {reason}" if series else reason))
        return alerts

    def approved_use_cases(self, limit: int = 50) -> list[str]:
        rows = self.db.query(
            f"SELECT name FROM workflows WHERE status IN {ACTIVE}"
            " ORDER BY priority DESC, name LIMIT ?",
            (limit,),
        )
        return [r[0] for r in rows]

    def month_figures(self) -> MonthFigures:
        labelled = (
            "(SELECT m.value, CASE m.series WHEN '' THEN w.metric_unit ELSE x.unit END AS unit,"
            " CASE m.series WHEN '' THEN w.metric_name ELSE x.name END AS label"
            " FROM metric_entries m JOIN workflows w ON w.id = m.workflow_id"
            " LEFT JOIN metric_extras x ON x.workflow_id = m.workflow_id AND x.name = m.series"
            " WHERE m.date >= :day)"
        )
        row = self.db.query_one(
            "SELECT"
            f" (SELECT coalesce(sum(value), 0) FROM {labelled}"
            "   WHERE lower(trim(unit)) LIKE 'min%') AS saved,"
            f" (SELECT avg(value) FROM {labelled} WHERE label LIKE '%adoption%') AS adoption,"
            f" (SELECT count(*) FROM workflows WHERE status IN {ACTIVE}) AS active,"
            " (SELECT coalesce(sum(monthly_cost), 0) FROM tools) AS cost,"
            " (SELECT count(*) FROM review_decisions WHERE decided_at >= :since) AS decisions,"
            " (SELECT sum(decision = 'approved') FROM review_decisions"
            "   WHERE decided_at >= :since) AS approved",
            {"day": SINCE_DAY, "since": SINCE},
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


def reference_ageing(db: Database) -> int:
    return int(
        db.scalar(
            "SELECT coalesce(sum((SELECT count(*) FROM review_items r"
            "   WHERE r.workflow_id = w.id AND r.status = 'pending'"
            "   AND r.submitted_at < strftime('%Y-%m-%dT%H:%M:%S', :now,"
            "     '-' || w.max_review_age_days || ' days'))), 0)"
            " FROM workflows w",
            {"now": NOW.isoformat(timespec="seconds")},
        )
        or 0
    )


def reference_live_metrics(db: Database) -> list[tuple]:
    """Each live workflow, its success metric and that series' latest value and date,
    from the entries (what metrics.live_workflows reads from metric_series)."""
    rows = db.query(
        "SELECT w.id, w.metric_name FROM workflows w WHERE w.status = 'live' ORDER BY w.name"
    )
    result = []
    for wf_id, metric in rows:
        latest = db.query_one(
            "SELECT value, date FROM metric_entries WHERE workflow_id = ? AND series = ''"
            " ORDER BY date DESC, id DESC LIMIT 1",
            (wf_id,),
        )
        result.append((wf_id, metric, *(tuple(latest) if latest else (None, None))))
    return result


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def build_company(store: Store, seed: int, workflows: int = 40) -> None:
    """Random rows written straight to the tables, skewed towards ties and boundaries."""
    rng = random.Random(seed)
    conn = store.db.conn
    people = [
        int(conn.execute("INSERT INTO people (name) VALUES (?)", (f"p{i}",)).lastrowid or 0)
        for i in range(3)
    ]
    maybe_person = [None, *people]
    stale_day = NOW.date() - timedelta(days=STALE_DAYS)
    wf_ids: list[tuple[int, int]] = []
    for i in range(workflows):
        age = rng.choice([1, 2, 3, 7])
        name = f"{rng.choice(['a', 'B', 'c', 'D'])}{rng.choice(['x', 'Y'])} {i}"
        cur = conn.execute(
            "INSERT INTO workflows (name, area, status, owner_id, doc_owner_id,"
            " frequency_per_month, structure, value, risk, customer_facing, review_rule,"
            " signoff_id, current_state, metric_name, metric_baseline, metric_target,"
            " metric_direction, max_review_age_days, last_reviewed_at, created_at, updated_at,"
            " metric_unit)"
            " VALUES (?, 'ops', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                name,
                rng.choice(STATUSES),
                rng.choice(maybe_person),
                rng.choice(maybe_person),
                rng.choice([0, 0, 1, 2]),
                rng.choice([1, 2]),
                rng.choice([1, 2]),
                rng.choice(["low", "medium", "high"]),
                rng.choice([0, 1]),
                rng.choice(["none", "always", "sample:10"]),
                rng.choice(maybe_person),
                rng.choice(["", "written"]),
                rng.choice(["", "minutes", "minutes", "Adoption"]),
                rng.choice([None, 2.0, 5.0]),
                rng.choice([None, 8.0]),
                rng.choice(["higher", "lower"]),
                age,
                rng.choice(
                    [None, *[(stale_day + timedelta(days=d)).isoformat() for d in (-1, 0, 1)]]
                ),
                # added today or about when the review clock runs out (not from rng: the
                # other columns keep the values the edge cases below were found with)
                _iso([NOW, *[NOW - timedelta(days=STALE_DAYS + d) for d in (-1, 0, 1)]][i % 4]),
                _iso(NOW),
                rng.choice(["", "min", "%"]),
            ),
        )
        wf_ids.append((int(cur.lastrowid or 0), age))

    extras = [("Team adoption", "%"), ("Quality", ""), ("Time saved", "minutes")]
    for wf_id, _ in wf_ids:
        for name, unit in rng.sample(extras, rng.choice([0, 1, 2])):
            conn.execute(
                "INSERT INTO metric_extras (workflow_id, name, unit, direction)"
                " VALUES (?, ?, ?, ?)",
                (wf_id, name, unit, rng.choice(["higher", "lower"])),
            )
    kinds = ["", "", "Team adoption", "Quality", "Time saved"]
    days = [(NOW.date() - timedelta(days=d)).isoformat() for d in (32, 31, 30, 30, 29, 3, 1)]
    values = [1.0, 2.0, 2.0, 3.0, 5.0, 9.5, math.inf, -math.inf]
    for wf_id, age in wf_ids:
        for _ in range(rng.choice([0, 1, 2, 3, 4, 6, 8])):
            conn.execute(
                "INSERT INTO metric_entries (workflow_id, date, series, value) VALUES (?, ?, ?, ?)",
                (wf_id, rng.choice(days), rng.choice(kinds), rng.choice(values[:-2] * 6 + values)),
            )
        limit = NOW - timedelta(days=age)
        for _ in range(rng.choice([0, 1, 3])):
            submitted = limit + timedelta(seconds=rng.choice([-86400, -1, 0, 1, 3600]))
            cur = conn.execute(
                "INSERT INTO review_items (workflow_id, title, output, submitted_at, status,"
                " needs_signoff) VALUES (?, 't', 'o', ?, ?, ?)",
                (
                    wf_id,
                    _iso(submitted),
                    rng.choice(["pending", "pending", "approved"]),
                    rng.choice([0, 1]),
                ),
            )
            decided = NOW - timedelta(days=30, seconds=rng.choice([-1, 0, 1, 86400]))
            conn.execute(
                "INSERT INTO review_decisions (item_id, reviewer, decision, decided_at)"
                " VALUES (?, 'p0', ?, ?)",
                (cur.lastrowid, rng.choice(["approved", "rejected"]), _iso(decided)),
            )

    for i in range(8):
        owner = rng.choice([None, *[w for w, _ in wf_ids]])
        prompt = conn.execute(
            "INSERT INTO prompts (name, workflow_id, created_at) VALUES (?, ?, ?)",
            (f"prompt {i}", owner, _iso(NOW)),
        ).lastrowid
        version = conn.execute(
            "INSERT INTO prompt_versions (prompt_id, number, body, change_note, created_at)"
            " VALUES (?, 1, 'b', 'n', ?)",
            (prompt, _iso(NOW)),
        ).lastrowid
        conn.execute(
            "INSERT INTO prompt_labels (prompt_id, label, version_id) VALUES (?, ?, ?)",
            (prompt, rng.choice(["production", "staging"]), version),
        )
    for i in range(4):
        tool = conn.execute(
            "INSERT INTO tools (name, monthly_cost) VALUES (?, ?)",
            (f"tool {i}", rng.choice([0, 10.5, 20])),
        ).lastrowid
        for wf_id, _ in rng.sample(wf_ids, 2):
            conn.execute("INSERT INTO workflow_tools VALUES (?, ?)", (wf_id, tool))


@pytest.mark.parametrize("seed", range(12))
def test_health_reads_agree_with_the_plain_queries(store: Store, seed: int) -> None:
    build_company(store, seed)
    fast, plain = store.health, Reference(store.db)
    questions = fast.scorecard()
    assert (questions[0].total, *[q.satisfied for q in questions]) == plain.scorecard_figures()
    assert fast.drift_alerts() == plain.drift_alerts()
    assert fast.alerts() == plain.alerts()
    for limit in (1, 3, 7, 50):
        assert fast.approved_use_cases(limit) == plain.approved_use_cases(limit)
    assert fast.month_figures() == plain.month_figures()
    assert store.reviews.ageing_count() == reference_ageing(store.db)
    assert [
        (m.workflow_id, m.metric, m.last_value, m.last_date) for m in store.metrics.live_workflows()
    ] == reference_live_metrics(store.db)
    signoff = ReviewFilter(status="pending", needs_signoff=True)
    assert store.reviews.count(signoff) == store.db.scalar(
        "SELECT count(*) FROM review_items WHERE status = 'pending' AND needs_signoff = 1"
    )


def test_the_random_companies_hit_the_edges(store: Store) -> None:
    """The comparison above is only worth something if the data has the hard cases."""
    build_company(store, 0, workflows=120)
    db = store.db
    several = db.scalar(
        "SELECT count(*) FROM (SELECT workflow_id FROM metric_series GROUP BY workflow_id"
        " HAVING count(*) > 1)"
    )
    assert several and several > 3  # workflows recording several series
    assert db.scalar("SELECT count(*) FROM metric_entries WHERE date = ?", (SINCE_DAY,))
    assert db.scalar("SELECT count(*) FROM review_decisions WHERE decided_at = ?", (SINCE,))
    on_the_limit = db.scalar(
        "SELECT count(*) FROM review_items r JOIN workflows w ON w.id = r.workflow_id"
        " WHERE r.status = 'pending' AND r.submitted_at"
        " = strftime('%Y-%m-%dT%H:%M:%S', ?, '-' || w.max_review_age_days || ' days')",
        (_iso(NOW),),
    )
    assert on_the_limit
    assert db.scalar("SELECT count(*) FROM metric_entries WHERE abs(value) > 1e308")
    assert len(store.health.drift_alerts()) > 2


def test_an_extra_series_drifts_by_its_own_direction(store: Store) -> None:
    conn = store.db.conn
    wf = conn.execute(
        "INSERT INTO workflows (name, area, status, metric_name, metric_baseline,"
        " metric_direction, created_at, updated_at)"
        " VALUES ('W', 'ops', 'live', 'Done', 100, 'higher', ?, ?)",
        (_iso(NOW), _iso(NOW)),
    ).lastrowid
    conn.execute(
        "INSERT INTO metric_extras (workflow_id, name, direction) VALUES (?, 'Rework', 'lower')",
        (wf,),
    )
    # rework falling is good news: no drift, although a "higher" series would drift
    for day, value in [("2026-11-01", 5), ("2026-11-02", 4), ("2026-11-03", 3)]:
        conn.execute(
            "INSERT INTO metric_entries (workflow_id, date, series, value)"
            " VALUES (?, ?, 'Rework', ?)",
            (wf, day, value),
        )
    assert store.health.drift_alerts() == Reference(store.db).drift_alerts() == []
    for day, value in [("2026-11-04", 4), ("2026-11-05", 5), ("2026-11-06", 6)]:
        conn.execute(
            "INSERT INTO metric_entries (workflow_id, date, series, value)"
            " VALUES (?, ?, 'Rework', ?)",
            (wf, day, value),
        )
    (alert,) = store.health.drift_alerts()
    assert alert.detail == "Rework: last 3 values rising (4 → 5 → 6)"
    assert [alert] == Reference(store.db).drift_alerts()


def test_an_entry_exactly_30_days_back_still_counts(store: Store) -> None:
    conn = store.db.conn
    wf = conn.execute(
        "INSERT INTO workflows (name, area, status, metric_name, created_at, updated_at)"
        " VALUES ('W', 'ops', 'live', 'minutes', ?, ?)",
        (_iso(NOW), _iso(NOW)),
    ).lastrowid
    day_before = (NOW.date() - timedelta(days=31)).isoformat()
    conn.execute(
        "INSERT INTO metric_entries (workflow_id, date, series, value) VALUES (?, ?, '', 1)",
        (wf, day_before),
    )
    assert store.health.scorecard()[2].satisfied == 0
    conn.execute(
        "INSERT INTO metric_entries (workflow_id, date, series, value) VALUES (?, ?, '', 1)",
        (wf, SINCE_DAY),
    )
    assert store.health.scorecard()[2].satisfied == 1
    assert Reference(store.db).scorecard_figures()[3] == 1


def test_use_cases_sort_names_without_case(store: Store) -> None:
    conn = store.db.conn
    for name, status in [("beta", "live"), ("Alpha", "pilot"), ("alpha 2", "approved")]:
        conn.execute(
            "INSERT INTO workflows (name, area, status, frequency_per_month, created_at,"
            " updated_at) VALUES (?, 'ops', ?, 1, ?, ?)",
            (name, status, _iso(NOW), _iso(NOW)),
        )
    assert store.health.approved_use_cases() == ["Alpha", "alpha 2", "beta"]
    assert store.health.approved_use_cases(2) == ["Alpha", "alpha 2"]


def test_policy_gaps_come_from_their_partial_index(store: Store) -> None:
    """POLICY_GAP must stay word for word the index's condition, or the scan comes back."""
    from aiops_tui.storage.health import POLICY_GAP

    plan = store.db.query(
        "EXPLAIN QUERY PLAN SELECT name FROM workflows w"
        f" WHERE status NOT IN ('retired', 'idea') AND {POLICY_GAP} ORDER BY name"
    )
    assert any("workflows_policy_gap" in r[3] for r in plan)


def _may_drift(conn: sqlite3.Connection, newest_first: list, baseline, direction: str) -> bool:
    padded = [*newest_first, None, None, None, None][:4]
    row = conn.execute(
        f"SELECT {MAY_DRIFT} FROM (SELECT ? AS recent_1, ? AS recent_2, ? AS recent_3,"
        " ? AS recent_4) s, (SELECT ? AS metric_baseline, ? AS metric_direction) w",
        (*padded, baseline, direction),
    ).fetchone()
    return bool(row[0])


def test_the_sql_drift_filter_passes_everything_detect_drift_flags() -> None:
    conn = sqlite3.connect(":memory:")
    rng = random.Random(3)
    pool = [0.0, 1.0, 1.0, 2.0, 3.0, -1.0, 1e308, math.inf, -math.inf]
    flagged = 0
    for _ in range(20_000):
        values = [rng.choice(pool) for _ in range(rng.randint(1, 4))]  # oldest first
        baseline = rng.choice([None, 1.0, 2.0, math.inf, -math.inf])
        direction = rng.choice(["higher", "lower"])
        if detect_drift(values, baseline, None, Direction(direction)):
            flagged += 1
            assert _may_drift(conn, values[::-1], baseline, direction), (values, baseline)
    assert flagged > 1000
    # and it does filter: a steady finite series above its baseline stays out
    assert not _may_drift(conn, [3.0, 3.0, 3.0, 3.0], 1.0, "higher")
