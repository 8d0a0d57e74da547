"""The schema, one released step after another (migrations.py runs them in order).

Version 1 (the tables) is schema_v1.py; the later steps, below, add what the
dashboard reads fast at scale: kept series, figures and indexes.
"""

from aiops_tui.storage.schema_v1 import SCHEMA_V1 as SCHEMA_V1

# Released steps are history: a database upgraded by SCHEMA_V2 keeps what it made, so
# a later change to SCHEMA_V2, RECENT_VALUES or the helpers below would leave new and
# upgraded files different. Change the schema with a new step instead.

RECENT_VALUES = 4
"""How many latest values metric_series keeps per kind: the four drift looks at."""


def _series_upsert(row: str, col: str = "kind") -> str:
    """Count one more entry of `row`'s workflow and kind (`row` is new or old).

    `col` is the column naming the series: `kind` until schema 5, `series` since."""
    return (
        f"INSERT INTO metric_series (workflow_id, {col}, entries, last_date)"
        f" VALUES ({row}.workflow_id, {row}.{col}, 1, {row}.date)"
        f" ON CONFLICT (workflow_id, {col}) DO UPDATE SET entries = entries + 1;"
    )


def _series_release(row: str, col: str = "kind") -> str:
    """Count one entry fewer of `row`'s workflow and kind; no entries left, no series."""
    return (
        f"DELETE FROM metric_series WHERE workflow_id = {row}.workflow_id"
        f" AND {col} = {row}.{col} AND entries <= 1;"
        " UPDATE metric_series SET entries = entries - 1"
        f" WHERE workflow_id = {row}.workflow_id AND {col} = {row}.{col};"
    )


def _series_facts(series: str, col: str = "kind") -> str:
    """SET clause: the latest date and values of `series` (a row alias), from the entries."""
    same = f"workflow_id = {series}.workflow_id AND {col} = {series}.{col}"
    latest = ", ".join(
        f"recent_{n + 1} = (SELECT value FROM metric_entries WHERE {same}"
        f" ORDER BY date DESC, id DESC LIMIT 1 OFFSET {n})"
        for n in range(RECENT_VALUES)
    )
    return f"last_date = (SELECT max(date) FROM metric_entries WHERE {same}), {latest}"


def _series_refresh(row: str, col: str = "kind") -> str:
    """Re-read the latest date and values of `row`'s series (`row` is new or old)."""
    return (
        f"UPDATE metric_series SET {_series_facts(row, col)}"
        f" WHERE workflow_id = {row}.workflow_id AND {col} = {row}.{col};"
    )


SCHEMA_V2: list[str] = [
    # The dashboard and `aiops check` read at 10,000 workflows / 200,000 reviews / 500,000
    # metric entries in under 30 ms (bench/queries.py). A fresh connection starts with an
    # empty page cache, so what counts is how many rows and pages a read touches.
    #
    # One row per workflow and metric kind: how many entries it has, the latest date and
    # the latest values (newest first, as `ORDER BY date DESC, id DESC` lists them), kept
    # by the triggers below on every write to metric_entries. "Its most-recorded kind"
    # and that kind's latest values (drift), and "an entry in the last 30 days"
    # (scorecard), then read one small row per kind instead of every entry a workflow
    # ever had: no index can count. Derived: JSON backups leave it out and rebuild it.
    """CREATE TABLE metric_series (
        workflow_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        entries INTEGER NOT NULL,
        last_date TEXT NOT NULL,
        recent_1 REAL,
        recent_2 REAL,
        recent_3 REAL,
        recent_4 REAL,
        PRIMARY KEY (workflow_id, kind)
    ) WITHOUT ROWID""",
    "CREATE INDEX metric_series_main ON metric_series(workflow_id, entries DESC, kind)",
    "CREATE TRIGGER metric_series_insert AFTER INSERT ON metric_entries BEGIN"
    f" {_series_upsert('new')} {_series_refresh('new')} END",
    "CREATE TRIGGER metric_series_delete AFTER DELETE ON metric_entries BEGIN"
    f" {_series_release('old')} {_series_refresh('old')} END",
    "CREATE TRIGGER metric_series_update AFTER UPDATE OF workflow_id, kind, date, value"
    f" ON metric_entries BEGIN {_series_release('old')} {_series_refresh('old')}"
    f" {_series_upsert('new')} {_series_refresh('new')} END",
    "INSERT INTO metric_series (workflow_id, kind, entries, last_date)"
    " SELECT workflow_id, kind, count(*), max(date) FROM metric_entries"
    " GROUP BY workflow_id, kind",
    f"UPDATE metric_series AS s SET {_series_facts('s')}",
    # The month's time saved and adoption: one kind's last 30 days, not every kind's.
    # (date) alone is covered by metric_entries_date_kind.
    "DROP INDEX metric_entries_date",
    "CREATE INDEX metric_entries_kind_date ON metric_entries(kind, date, value)",
    # The month's approval rate without reading each decision's row.
    "DROP INDEX review_decisions_at",
    "CREATE INDEX review_decisions_at ON review_decisions(decided_at, decision)",
    # Pending items needing sign-off (dashboard count, Review's sign-off filter in its
    # shown order), and each pending item's workflow for the ageing count.
    "CREATE INDEX review_items_signoff"
    " ON review_items(status, needs_signoff, submitted_at, id, workflow_id)",
    # Narrow copies of the workflow columns the alerts read, so they do not read 10,000
    # wide rows: active ones without a metric or not reviewed lately, each workflow's
    # review age limit (ageing count), live ones by name with their metric (drift).
    "CREATE INDEX workflows_status_metric ON workflows(status, metric_name)",
    "CREATE INDEX workflows_status_reviewed ON workflows(status, last_reviewed_at)",
    "CREATE INDEX workflows_review_age ON workflows(id, max_review_age_days)",
    "CREATE INDEX workflows_metric_goal ON workflows(status, name, metric_baseline,"
    " metric_target, metric_direction)",
    # The workflows breaking the review policy (customer-facing or high-risk, without an
    # "always" rule and a sign-off person), by name: a handful, not a scan of all of them.
    # Its condition is health.POLICY_GAP as written; SQLite matches it term by term.
    "CREATE INDEX workflows_policy_gap ON workflows(name)"
    " WHERE (customer_facing = 1 OR risk = 'high')"
    " AND NOT (review_rule = 'always' AND signoff_id IS NOT NULL)",
]

KEPT_FIGURES_CLEARED_BY = (
    "change_events",
    "completions",
    "data_classes",
    "label_moves",
    "metric_entries",
    "metric_series",
    "people",
    "prompt_labels",
    "prompt_versions",
    "prompts",
    "review_decisions",
    "review_items",
    "rituals",
    "tools",
    "workflow_tools",
    "workflows",
)
"""Every table of schema 2 but app_state (where the screen was, not the founder's data)."""

SCHEMA_V3: list[str] = [
    # Figures worked out from the whole database (the dashboard's scorecard and alerts:
    # 25 ms of queries at full bench size, most of a start), kept for the next start.
    # `key` says what they were worked out for (aiops version, format, day); any write
    # to any table of data deletes them all, in the writer's own transaction, whoever
    # the writer is (the app, the CLI, another program), so kept figures are never stale.
    # Derived: JSON backups leave it out.
    """CREATE TABLE kept_figures (
        name TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        body TEXT NOT NULL
    ) WITHOUT ROWID""",
    *(
        f"CREATE TRIGGER {table}_{event.lower()}_clears_kept AFTER {event} ON {table}"
        " BEGIN DELETE FROM kept_figures; END"
        for table in KEPT_FIGURES_CLEARED_BY
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
]

ROLE_GAP = "owner_id IS NULL OR builder_id IS NULL OR reviewer_id IS NULL OR doc_owner_id IS NULL"
"""A workflow missing one of its four roles, as schema 4's workflows_role_gaps indexes it.
SQLite uses that index only for this expression, term by term: people._GAP must stay it."""


def _status_count_change(row: str, step: int) -> str:
    """Count `step` more (or fewer) items of `row`'s status (`row` is new or old)."""
    return (
        "INSERT INTO review_status_counts (status, items)"
        f" VALUES ({row}.status, {step})"
        f" ON CONFLICT (status) DO UPDATE SET items = items + {step};"
    )


SCHEMA_V4: list[str] = [
    # First visits of Team and Review at full bench size (10,000 workflows, 300 people,
    # 200,000 review items): 27 and 40 ms of queries, a third of each visit.
    #
    # Each person's roles counted on non-retired workflows: the role's index now holds
    # the status, so no workflow row is read (16 ms for a page of 100 people, now 2).
    "DROP INDEX workflows_owner",
    "CREATE INDEX workflows_owner ON workflows(owner_id, status)",
    "DROP INDEX workflows_builder",
    "CREATE INDEX workflows_builder ON workflows(builder_id, status)",
    "DROP INDEX workflows_reviewer",
    "CREATE INDEX workflows_reviewer ON workflows(reviewer_id, status)",
    "DROP INDEX workflows_doc_owner",
    "CREATE INDEX workflows_doc_owner ON workflows(doc_owner_id, status)",
    "DROP INDEX workflows_signoff",
    "CREATE INDEX workflows_signoff ON workflows(signoff_id, status)",
    # The role matrix, gaps first, in the order it is shown, and the count of gaps: a
    # page read from the index instead of sorting 10,000 workflows (12 ms, now 0.3).
    f"CREATE INDEX workflows_role_gaps ON workflows(({ROLE_GAP}) DESC, name COLLATE NOCASE, id)"
    " WHERE status != 'retired'",
    # The 30-day rework figure and the month's approvals from the index alone (14 ms,
    # now 0.5).
    "DROP INDEX review_decisions_at",
    "CREATE INDEX review_decisions_at ON review_decisions(decided_at, decision, edit_ratio)",
    # How many review items have each status, kept by triggers on every change of an
    # item's status: counting 200,000 items took 12 ms. Derived: JSON backups leave it
    # out and the triggers refill it as the items go back in.
    """CREATE TABLE review_status_counts (
        status TEXT PRIMARY KEY,
        items INTEGER NOT NULL
    ) WITHOUT ROWID""",
    "CREATE TRIGGER review_status_counts_insert AFTER INSERT ON review_items BEGIN"
    f" {_status_count_change('new', 1)} END",
    "CREATE TRIGGER review_status_counts_delete AFTER DELETE ON review_items BEGIN"
    f" {_status_count_change('old', -1)} END",
    "CREATE TRIGGER review_status_counts_update AFTER UPDATE OF status ON review_items"
    f" WHEN old.status IS NOT new.status BEGIN {_status_count_change('old', -1)}"
    f" {_status_count_change('new', 1)} END",
    "INSERT INTO review_status_counts (status, items)"
    " SELECT status, count(*) FROM review_items GROUP BY status",
    *(
        f"CREATE TRIGGER review_status_counts_{event.lower()}_clears_kept AFTER {event}"
        " ON review_status_counts BEGIN DELETE FROM kept_figures; END"
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
]

TABLES_CLEARING_KEPT_FIGURES = (*KEPT_FIGURES_CLEARED_BY, "review_status_counts", "metric_extras")
"""Every table of data (schema 3's and the tables added since) deletes the kept figures."""


def _legacy_kind_case(field: int) -> str:
    """SQL CASE over `series`: field 0 (name), 1 (unit) or 2 (direction) of a kind of
    schema 4; a value that is not one of those kinds keeps its own text as the name."""
    from aiops_tui.domain.metric_kinds import LEGACY_KINDS

    whens = " ".join(
        f"WHEN '{kind}' THEN '{str(facts[field])}'" for kind, facts in LEGACY_KINDS.items()
    )
    fallback = ("series", "''", "'higher'")[field]
    return f"(CASE series {whens} ELSE {fallback} END)"


_V5_SERIES_TRIGGERS = ("metric_series_insert", "metric_series_delete", "metric_series_update")

SCHEMA_V5: list[str] = [
    # The success metric is its own series. Entries were recorded in six fixed kinds
    # (time saved, quality score, ...) whatever the workflow measured; now each entry
    # belongs to a series: '' is the workflow's own success metric (its name, unit,
    # direction, baseline and target), any other value names an extra series of that
    # workflow (metric_extras: its unit and which way is better).
    #
    # Nothing is lost: the kind each workflow recorded most (what its sparkline, drift
    # and the weekly review followed) becomes its success metric's series when it has
    # one; every other kind becomes an extra series named after it ("Time saved",
    # "Adoption" ...), with the kind's unit and direction, and keeps all its entries.
    """CREATE TABLE metric_extras (
        workflow_id INTEGER NOT NULL REFERENCES workflows(id),
        name TEXT NOT NULL COLLATE NOCASE,
        unit TEXT NOT NULL DEFAULT '',
        direction TEXT NOT NULL DEFAULT 'higher',
        PRIMARY KEY (workflow_id, name)
    ) WITHOUT ROWID""",
    *(
        f"CREATE TRIGGER metric_extras_{event.lower()}_clears_kept AFTER {event}"
        " ON metric_extras BEGIN DELETE FROM kept_figures; END"
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    *(f"DROP TRIGGER {name}" for name in _V5_SERIES_TRIGGERS),
    "ALTER TABLE metric_entries RENAME COLUMN kind TO series",
    "ALTER TABLE metric_series RENAME COLUMN kind TO series",
    # Which series stays each workflow's success metric: its most-recorded kind (ties to
    # the first by name), if it has a success metric at all.
    "CREATE TEMP TABLE v5_main AS SELECT w.id AS workflow_id, (SELECT s.series"
    " FROM metric_series s WHERE s.workflow_id = w.id ORDER BY s.entries DESC, s.series"
    " LIMIT 1) AS series FROM workflows w WHERE w.metric_name != ''",
    # Looked up once per metric entry below: without an index that was every entry
    # against every workflow (minutes for 500,000 entries and 10,000 workflows).
    "CREATE INDEX temp.v5_main_key ON v5_main(workflow_id, series)",
    "INSERT OR IGNORE INTO metric_extras (workflow_id, name, unit, direction)"
    f" SELECT workflow_id, {_legacy_kind_case(0)}, {_legacy_kind_case(1)},"
    f" {_legacy_kind_case(2)} FROM metric_series s WHERE NOT EXISTS (SELECT 1 FROM v5_main m"
    " WHERE m.workflow_id = s.workflow_id AND m.series = s.series)",
    "UPDATE metric_entries SET series = CASE WHEN EXISTS (SELECT 1 FROM v5_main m"
    " WHERE m.workflow_id = metric_entries.workflow_id AND m.series = metric_entries.series)"
    f" THEN '' ELSE {_legacy_kind_case(0)} END",
    "DROP TABLE v5_main",
    "DELETE FROM metric_series",
    "INSERT INTO metric_series (workflow_id, series, entries, last_date)"
    " SELECT workflow_id, series, count(*), max(date) FROM metric_entries"
    " GROUP BY workflow_id, series",
    f"UPDATE metric_series AS s SET {_series_facts('s', 'series')}",
    "CREATE TRIGGER metric_series_insert AFTER INSERT ON metric_entries BEGIN"
    f" {_series_upsert('new', 'series')} {_series_refresh('new', 'series')} END",
    "CREATE TRIGGER metric_series_delete AFTER DELETE ON metric_entries BEGIN"
    f" {_series_release('old', 'series')} {_series_refresh('old', 'series')} END",
    "CREATE TRIGGER metric_series_update AFTER UPDATE OF workflow_id, series, date, value"
    f" ON metric_entries BEGIN {_series_release('old', 'series')}"
    f" {_series_refresh('old', 'series')} {_series_upsert('new', 'series')}"
    f" {_series_refresh('new', 'series')} END",
    # The index named for kinds serves series alike; renamed so the name says so.
    "DROP INDEX metric_entries_kind_date",
    "CREATE INDEX metric_entries_series_date ON metric_entries(series, date, value)",
]


SCHEMA_V6: list[str] = [
    # A revision: a new draft answering an item's requested changes, linked to it. The
    # partial index finds an item's revisions (and the items still awaiting one) without
    # growing with the queue, most of whose items revise nothing.
    "ALTER TABLE review_items ADD COLUMN revises_id INTEGER REFERENCES review_items(id)",
    "CREATE INDEX review_items_revises ON review_items(revises_id) WHERE revises_id IS NOT NULL",
]
