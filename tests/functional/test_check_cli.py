"""`aiops check` exit codes: 0 without a critical gap, 1 with one."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY
from health_data import build

from aiops_tui.cli import main
from aiops_tui.clock import fixed_clock
from aiops_tui.storage.store import Store


def make_db(path: Path, sql: str = "") -> None:
    store = Store.open(path, clock=fixed_clock(TODAY), actor="Ana Ruiz")
    try:
        build(store)
        if sql:
            store.db.conn.execute(sql)
    finally:
        store.close()


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", "--db", str(path)])
    return code, capsys.readouterr().out


def test_no_critical_gap_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_db(tmp_path / "ok.db")
    code, out = check(tmp_path / "ok.db", capsys)
    assert code == 0
    assert "aiops check: 3 active workflows" in out
    assert "2. Who owns each workflow?" in out and "67%  (2/3" in out
    assert "-  no_owner     B lead research" in out  # a pilot: warned, not critical
    assert out.rstrip().endswith("no critical gaps")


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("UPDATE workflows SET owner_id = NULL WHERE name = 'A support replies'", "!! no_owner"),
        (
            "UPDATE workflows SET review_rule = 'none' WHERE name = 'A support replies'",
            "!! policy_gap   A support replies: customer-facing: review rule is none",
        ),
        (
            "UPDATE workflows SET risk = 'high' WHERE name = 'D reporting'",
            "!! policy_gap   D reporting: high-risk: review rule is sample:20, no sign-off person",
        ),
    ],
)
def test_critical_gap_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sql: str, expected: str
) -> None:
    make_db(tmp_path / "gap.db", sql)
    code, out = check(tmp_path / "gap.db", capsys)
    assert code == 1
    assert expected in out
    assert out.rstrip().endswith("critical gaps found")


def test_check_names_the_approved_use_cases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_db(tmp_path / "ok.db")
    _, out = check(tmp_path / "ok.db", capsys)
    assert "approved use cases: A support replies, D reporting, B lead research\n" in out


def test_a_workflow_added_today_is_not_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Never reviewed counts from creation: nothing is overdue on its first day."""
    never = "UPDATE workflows SET last_reviewed_at = NULL, created_at = "
    make_db(tmp_path / "new.db", never + "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')")
    _, out = check(tmp_path / "new.db", capsys)
    assert "stale" not in out
    make_db(tmp_path / "old.db", never + "strftime('%Y-%m-%dT%H:%M:%S', 'now', '-40 days')")
    _, out = check(tmp_path / "old.db", capsys)
    assert "never reviewed, added" in out
