"""The SQL conditions in storage/rules_sql.py pick exactly the rows the domain rules do."""

from __future__ import annotations

import itertools
import sqlite3

from aiops_tui.domain.models import ACTIVE_STATUSES, Risk, Status
from aiops_tui.domain.policy import policy_gap, requires_review, signed_off
from aiops_tui.storage.rules_sql import ACTIVE, NEEDS_REVIEW, POLICY_GAP, POLICY_OK, SIGNED_OFF

RULES = ["always", "none", "sample:20", " always "]


def _table() -> sqlite3.Connection:
    """Every combination of the fields the policy reads, one row each."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE workflows (id INTEGER PRIMARY KEY, status TEXT, customer_facing INTEGER,"
        " risk TEXT, review_rule TEXT, signoff_id INTEGER)"
    )
    combos = itertools.product(Status, (0, 1), Risk, RULES, (None, 7))
    conn.executemany(
        "INSERT INTO workflows (status, customer_facing, risk, review_rule, signoff_id)"
        " VALUES (?, ?, ?, ?, ?)",
        [(str(s), cf, str(r), rule, who) for s, cf, r, rule, who in combos],
    )
    return conn


def _ids(conn: sqlite3.Connection, condition: str) -> set[int]:
    return {row[0] for row in conn.execute(f"SELECT id FROM workflows w WHERE {condition}")}


def _rows(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute("SELECT * FROM workflows").fetchall()


def test_active_is_the_domain_list() -> None:
    conn = _table()
    expected = {r[0] for r in _rows(conn) if r[1] in ACTIVE_STATUSES}
    assert _ids(conn, f"w.status IN {ACTIVE}") == expected


def test_needs_review_is_requires_review() -> None:
    conn = _table()
    expected = {r[0] for r in _rows(conn) if requires_review(bool(r[2]), r[3])}
    assert _ids(conn, NEEDS_REVIEW) == expected


def test_signed_off_is_the_domain_rule_for_stored_rules() -> None:
    """Rules are stored stripped (models.Workflow), so only stripped rules are compared."""
    conn = _table()
    stored = "w.review_rule = trim(w.review_rule)"
    expected = {r[0] for r in _rows(conn) if r[4] == r[4].strip() and signed_off(r[4], r[5])}
    assert _ids(conn, f"{stored} AND {SIGNED_OFF}") == expected


def test_policy_gap_is_policy_gap_and_the_opposite_of_policy_ok() -> None:
    conn = _table()
    stored = "w.review_rule = trim(w.review_rule)"
    expected = {
        r[0]
        for r in _rows(conn)
        if r[4] == r[4].strip() and policy_gap(bool(r[2]), r[3], r[4], r[5])
    }
    assert _ids(conn, f"{stored} AND {POLICY_GAP}") == expected
    assert _ids(conn, f"{stored} AND NOT {POLICY_OK}") == expected
