"""What every new database starts with: data-class policy and the five rituals."""

from __future__ import annotations

import json

from aiops_tui.storage.db import Database

DATA_CLASS_DEFAULTS: list[tuple[str, str, str]] = [
    ("public", "allowed", "Published material: website, docs, marketing copy."),
    ("internal", "allowed", "Internal notes, plans and process documents."),
    ("confidential", "needs_approval", "Contracts, strategy, unreleased product details."),
    ("customer_personal", "needs_approval", "Names, emails, phone numbers, support history."),
    ("financial", "needs_approval", "Invoices, bank details, pricing agreements."),
    ("credentials", "forbidden", "Passwords, API keys, tokens, private keys."),
]

# name, interval, every_days, anchor, anchor_day, checklist
RITUAL_DEFAULTS: list[tuple[str, str, int | None, str, int | None, list[str]]] = [
    (
        "Weekly review",
        "weekly",
        None,
        "calendar",
        0,
        [
            "Review workflows: status, owners, alerts",
            "Triage open issues and pending review items",
            "Check output quality on a sample of real outputs",
            "Enter this week's metrics for live workflows",
        ],
    ),
    (
        "Documentation update",
        "biweekly",
        None,
        "calendar",
        3,
        [
            "Update prompts and their change notes",
            "Update SOPs (current and target state)",
            "Review policies and data rules",
        ],
    ),
    (
        "Cost and usage review",
        "monthly",
        None,
        "calendar",
        1,
        [
            "Check each tool's monthly cost against use",
            "Record cost and adoption metrics",
            "Cancel or downgrade unused tools",
        ],
    ),
    (
        "Prioritize next workflows",
        "monthly",
        None,
        "calendar",
        15,
        [
            "Score new ideas: frequency, structure, value",
            "Pick the next workflow to pilot",
            "Review shadow AI use found this month",
        ],
    ),
    (
        "Quarterly audit",
        "quarterly",
        None,
        "calendar",
        1,
        [
            "Audit performance against baselines and targets",
            "Audit risk: customer-facing and high-risk review and sign-off",
            "Audit tool overlap and cost without use",
            "Retire workflows that do not earn their keep",
        ],
    ),
]


def ensure_defaults(db: Database) -> None:
    """Seed the data classes and rituals once; a user's later edits are never undone."""
    conn = db.conn
    if conn.execute("SELECT value FROM app_state WHERE key = 'seeded'").fetchone():
        return
    with db.transaction():
        for name, policy, description in DATA_CLASS_DEFAULTS:
            conn.execute(
                "INSERT OR IGNORE INTO data_classes (name, policy, description) VALUES (?, ?, ?)",
                (name, policy, description),
            )
        for name, interval, every, anchor, day, checklist in RITUAL_DEFAULTS:
            conn.execute(
                "INSERT OR IGNORE INTO rituals (name, interval, every_days, anchor, anchor_day,"
                " checklist, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, interval, every, anchor, day, json.dumps(checklist), db.now_iso()),
            )
        conn.execute("INSERT INTO app_state (key, value) VALUES ('seeded', ?)", (db.now_iso(),))
        db.record_change("database", None, "create", "new database with default policy and rituals")
