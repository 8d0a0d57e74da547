"""The tables of schema version 1, one per entity of the design.

Lists and lookups used by the screens each have an index, so paging stays
fast with hundreds of thousands of rows. A released step is history: change
the schema with a new step in schema.py, never here.
"""

SCHEMA_V1: list[str] = [
    """CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        email TEXT,
        active INTEGER NOT NULL DEFAULT 1
    )""",
    """CREATE TABLE data_classes (
        name TEXT PRIMARY KEY,
        policy TEXT NOT NULL CHECK (policy IN ('allowed', 'needs_approval', 'forbidden')),
        description TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE workflows (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        summary TEXT NOT NULL DEFAULT '',
        area TEXT NOT NULL,
        status TEXT NOT NULL,
        owner_id INTEGER REFERENCES people(id),
        builder_id INTEGER REFERENCES people(id),
        reviewer_id INTEGER REFERENCES people(id),
        doc_owner_id INTEGER REFERENCES people(id),
        frequency_per_month INTEGER NOT NULL DEFAULT 0,
        structure INTEGER NOT NULL DEFAULT 3,
        value INTEGER NOT NULL DEFAULT 3,
        priority INTEGER GENERATED ALWAYS AS (frequency_per_month * structure * value) STORED,
        risk TEXT NOT NULL DEFAULT 'low',
        customer_facing INTEGER NOT NULL DEFAULT 0,
        review_rule TEXT NOT NULL DEFAULT 'none',
        signoff_id INTEGER REFERENCES people(id),
        allowed_data TEXT NOT NULL DEFAULT '[]',
        current_state TEXT NOT NULL DEFAULT '',
        target_state TEXT NOT NULL DEFAULT '',
        metric_name TEXT NOT NULL DEFAULT '',
        metric_unit TEXT NOT NULL DEFAULT '',
        metric_baseline REAL,
        metric_target REAL,
        metric_direction TEXT NOT NULL DEFAULT 'higher',
        max_review_age_days INTEGER NOT NULL DEFAULT 3,
        last_reviewed_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX workflows_status ON workflows(status, priority DESC)",
    "CREATE INDEX workflows_priority ON workflows(priority DESC)",
    "CREATE INDEX workflows_owner ON workflows(owner_id)",
    """CREATE TABLE tools (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        vendor TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT 'other',
        monthly_cost REAL NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE workflow_tools (
        workflow_id INTEGER NOT NULL REFERENCES workflows(id),
        tool_id INTEGER NOT NULL REFERENCES tools(id),
        PRIMARY KEY (workflow_id, tool_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX workflow_tools_tool ON workflow_tools(tool_id)",
    """CREATE TABLE prompts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        workflow_id INTEGER REFERENCES workflows(id),
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX prompts_workflow ON prompts(workflow_id)",
    """CREATE TABLE prompt_versions (
        id INTEGER PRIMARY KEY,
        prompt_id INTEGER NOT NULL REFERENCES prompts(id),
        number INTEGER NOT NULL,
        body TEXT NOT NULL,
        change_note TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        UNIQUE (prompt_id, number)
    )""",
    """CREATE TRIGGER prompt_versions_immutable BEFORE UPDATE ON prompt_versions
        BEGIN SELECT RAISE(ABORT, 'prompt versions are immutable'); END""",
    """CREATE TRIGGER prompt_versions_no_delete BEFORE DELETE ON prompt_versions
        BEGIN SELECT RAISE(ABORT, 'prompt versions are never deleted'); END""",
    """CREATE TABLE prompt_labels (
        prompt_id INTEGER NOT NULL REFERENCES prompts(id),
        label TEXT NOT NULL,
        version_id INTEGER NOT NULL REFERENCES prompt_versions(id),
        PRIMARY KEY (prompt_id, label)
    )""",
    "CREATE INDEX prompt_labels_version ON prompt_labels(version_id)",
    """CREATE TABLE label_moves (
        id INTEGER PRIMARY KEY,
        prompt_id INTEGER NOT NULL REFERENCES prompts(id),
        label TEXT NOT NULL,
        from_version INTEGER,
        to_version INTEGER NOT NULL,
        who TEXT NOT NULL DEFAULT '',
        why TEXT NOT NULL DEFAULT '',
        moved_at TEXT NOT NULL
    )""",
    "CREATE INDEX label_moves_prompt ON label_moves(prompt_id, id)",
    """CREATE TRIGGER label_moves_append_only BEFORE UPDATE ON label_moves
        BEGIN SELECT RAISE(ABORT, 'label history is append-only'); END""",
    """CREATE TABLE review_items (
        id INTEGER PRIMARY KEY,
        workflow_id INTEGER NOT NULL REFERENCES workflows(id),
        prompt_version_id INTEGER REFERENCES prompt_versions(id),
        title TEXT NOT NULL,
        input TEXT NOT NULL DEFAULT '',
        output TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        submitted_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        needs_signoff INTEGER NOT NULL DEFAULT 0,
        data_flags TEXT NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX review_items_status ON review_items(status, submitted_at, id)",
    "CREATE INDEX review_items_workflow ON review_items(workflow_id, status)",
    "CREATE INDEX review_items_version ON review_items(prompt_version_id, status)",
    """CREATE TABLE review_decisions (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES review_items(id),
        reviewer TEXT NOT NULL,
        decision TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        accuracy INTEGER,
        fit INTEGER,
        corrected_output TEXT,
        edit_ratio REAL,
        decided_at TEXT NOT NULL
    )""",
    "CREATE INDEX review_decisions_item ON review_decisions(item_id, id)",
    "CREATE INDEX review_decisions_at ON review_decisions(decided_at)",
    """CREATE TRIGGER review_decisions_append_only BEFORE UPDATE ON review_decisions
        BEGIN SELECT RAISE(ABORT, 'review decisions are append-only'); END""",
    """CREATE TABLE rituals (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        interval TEXT NOT NULL,
        every_days INTEGER,
        anchor TEXT NOT NULL DEFAULT 'calendar',
        anchor_day INTEGER,
        owner_id INTEGER REFERENCES people(id),
        checklist TEXT NOT NULL DEFAULT '[]',
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE completions (
        id INTEGER PRIMARY KEY,
        ritual_id INTEGER NOT NULL REFERENCES rituals(id),
        who TEXT NOT NULL DEFAULT '',
        completed_at TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        ticked TEXT NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX completions_ritual ON completions(ritual_id, completed_at)",
    """CREATE TABLE metric_entries (
        id INTEGER PRIMARY KEY,
        workflow_id INTEGER NOT NULL REFERENCES workflows(id),
        date TEXT NOT NULL,
        kind TEXT NOT NULL,
        value REAL NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX metric_entries_workflow ON metric_entries(workflow_id, kind, date)",
    "CREATE INDEX metric_entries_date ON metric_entries(date)",
    """CREATE TABLE change_events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        who TEXT NOT NULL DEFAULT '',
        entity TEXT NOT NULL,
        entity_id INTEGER,
        action TEXT NOT NULL,
        summary TEXT NOT NULL
    )""",
    "CREATE INDEX change_events_entity ON change_events(entity, entity_id, id)",
    "CREATE INDEX change_events_at ON change_events(at)",
    """CREATE TRIGGER change_events_append_only BEFORE UPDATE ON change_events
        BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END""",
    """CREATE TABLE app_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    # The review queue with no status filter: pending first, oldest first, from an index.
    "CREATE INDEX review_items_queue ON review_items((status != 'pending'), submitted_at, id)",
    "CREATE INDEX review_items_wf_queue ON review_items(workflow_id, status, submitted_at, id)",
    # Speed at 10,000 workflows / 200,000 reviews / 500,000 metric entries (bench/):
    # role counts per person (Team screen), the review queue in its shown order,
    # and the last-30-days metric totals (covering) of the dashboard.
    "CREATE INDEX workflows_builder ON workflows(builder_id)",
    "CREATE INDEX workflows_reviewer ON workflows(reviewer_id)",
    "CREATE INDEX workflows_doc_owner ON workflows(doc_owner_id)",
    "CREATE INDEX workflows_signoff ON workflows(signoff_id)",
    "CREATE INDEX metric_entries_date_kind ON metric_entries(date, kind, value)",
]
