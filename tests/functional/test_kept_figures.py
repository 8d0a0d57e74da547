"""The scorecard and alerts kept in the file for the next start are never stale.

`kept_figures` holds what HealthRepo.health worked out; every write to any table of
data deletes it (schema 3's triggers), whoever writes. These tests check that a
start reads it instead of querying, that each kind of write clears it, and that a
kept copy for another day or another aiops version is not used.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import TODAY, USER

from aiops_tui.clock import fixed_clock
from aiops_tui.domain.models import MetricEntry, ReviewItem
from aiops_tui.storage import kept as kept_module
from aiops_tui.storage.health import HealthRepo
from aiops_tui.storage.health_figures import decode_health, encode_health
from aiops_tui.storage.schema import TABLES_CLEARING_KEPT_FIGURES
from aiops_tui.storage.store import Store

NOT_DATA = {"kept_figures", "app_state"}


def kept(store: Store) -> int:
    return int(store.db.scalar("SELECT count(*) FROM kept_figures") or 0)


def reopen(path: Path, when: datetime = TODAY) -> Store:
    return Store.open(path, clock=fixed_clock(when), actor=USER)


def count_scorecards(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = HealthRepo.scorecard

    def spy(self: HealthRepo) -> list:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(HealthRepo, "scorecard", spy)
    return calls


def test_a_start_reads_the_kept_figures_instead_of_querying(
    sample_store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worked_out = sample_store.health.health()
    assert kept(sample_store) == 1
    sample_store.close()
    calls = count_scorecards(monkeypatch)
    again = reopen(db_path)
    try:
        assert again.health.health() == worked_out
        assert calls == []
    finally:
        again.close()


def test_the_encoding_round_trips(sample_store: Store) -> None:
    health = sample_store.health.health()
    assert health.alerts and health.use_cases
    assert decode_health(encode_health(health)) == health


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda s: s.db.conn.execute("UPDATE workflows SET summary = 'x'"), id="sql"),
        pytest.param(
            lambda s: s.metrics.add(MetricEntry(workflow_id=1, date=TODAY.date(), value=1)),
            id="metric",
        ),
        pytest.param(
            lambda s: s.reviews.add(
                ReviewItem(workflow_id=1, title="t", output="o", submitted_at=TODAY)
            ),
            id="review",
        ),
        pytest.param(lambda s: s.tools.set_links(1, []), id="tool links"),
        pytest.param(lambda s: s.db.conn.execute("DELETE FROM prompt_labels"), id="labels"),
    ],
)
def test_each_write_clears_the_kept_figures(
    sample_store: Store, write: Callable[[Store], object]
) -> None:
    sample_store.health.health()
    assert kept(sample_store) == 1
    write(sample_store)
    assert kept(sample_store) == 0


def test_a_write_by_another_program_clears_them(sample_store: Store, db_path: Path) -> None:
    sample_store.health.health()
    other = sqlite3.connect(db_path)
    other.execute("UPDATE people SET email = 'a@b.c'")
    other.commit()
    other.close()
    assert kept(sample_store) == 0


def test_every_table_of_data_clears_them_on_every_kind_of_write(store: Store) -> None:
    """A table added later without its triggers fails here."""
    tables = {
        r[0]
        for r in store.db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    assert tables - NOT_DATA == set(TABLES_CLEARING_KEPT_FIGURES)
    triggers = {
        (r[0], r[1])
        for r in store.db.query(
            "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
            " AND sql LIKE '%DELETE FROM kept_figures%'"
        )
    }
    for table in TABLES_CLEARING_KEPT_FIGURES:
        events = {sql.split(" AFTER ")[1].split()[0] for name, sql in triggers if name == table}
        assert events == {"INSERT", "UPDATE", "DELETE"}, table


def test_figures_kept_on_another_day_are_worked_out_again(
    sample_store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample_store.health.health()
    sample_store.close()
    calls = count_scorecards(monkeypatch)
    tomorrow = reopen(db_path, TODAY + timedelta(days=1))
    try:
        tomorrow.health.health()
        assert calls == [1]
        key = tomorrow.db.scalar("SELECT key FROM kept_figures")
        assert str(key).endswith((TODAY + timedelta(days=1)).date().isoformat())
    finally:
        tomorrow.close()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param("__version__", "99.0", id="another version"),
        # A changed rule between releases must not show figures worked out the old way.
        pytest.param("code_fingerprint", lambda: "changed", id="other code"),
    ],
)
def test_figures_kept_by_another_version_or_code_are_not_read(
    sample_store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: object
) -> None:
    sample_store.health.health()
    sample_store.close()
    monkeypatch.setattr(kept_module, name, value)
    calls = count_scorecards(monkeypatch)
    again = reopen(db_path)
    try:
        again.health.health()
        assert calls == [1]
    finally:
        again.close()


def test_an_unreadable_kept_copy_is_worked_out_again(sample_store: Store) -> None:
    expected = sample_store.health.health()
    sample_store.db.conn.execute("UPDATE kept_figures SET body = '{\"questions\": 1}'")
    sample_store.health._cached = None
    assert sample_store.health.health() == expected


def test_keeping_never_waits_for_another_writer(sample_store: Store, db_path: Path) -> None:
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        began = time.monotonic()
        health = sample_store.health.health()  # reads fine; cannot keep
        assert time.monotonic() - began < 1.0
        assert health.questions
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert kept(sample_store) == 0
    busy = sample_store.db.scalar("PRAGMA busy_timeout")
    assert busy == 2000  # restored for the writes that should wait


def test_keeping_is_not_a_change_of_data(sample_store: Store) -> None:
    """Screens compare Database.changes to know whether to re-read: a kept copy is not news."""
    before = sample_store.db.changes
    sample_store.health.health()
    assert kept(sample_store) == 1
    assert sample_store.db.changes == before
    sample_store.db.conn.execute("UPDATE people SET email = 'x@y.z' WHERE id = 1")
    assert sample_store.db.changes > before


def test_closing_the_app_keeps_the_figures_for_the_next_start(
    sample_store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session's last write deleted them; `aiops` works them out again as it closes."""
    from aiops_tui import cli
    from aiops_tui.app import AiopsApp

    sample_store.health.health()
    sample_store.close()

    def a_session_that_writes(self: AiopsApp) -> None:
        self.store.db.conn.execute("UPDATE workflows SET summary = 'changed'")
        assert kept(self.store) == 0

    monkeypatch.setattr(AiopsApp, "run", a_session_that_writes)
    assert cli.main(["--db", str(db_path)]) == 0
    again = reopen(db_path)
    try:
        names = {r[0] for r in again.db.query("SELECT name FROM kept_figures")}
        assert names == {"health", "month", "ageing"}
    finally:
        again.close()


# -- figures that change within a day --------------------------------------------------


def fresh_figures(store: Store) -> tuple[object, int]:
    """Worked out from the data, nothing kept."""
    store.db.conn.execute("DELETE FROM kept_figures")
    return store.health.month_figures(), store.reviews.ageing_count()


def add_crossings(store: Store) -> None:
    """Pending items and decisions that cross their limits during TODAY's day."""
    conn = store.db.conn
    day_start = TODAY.replace(hour=0)
    for n, hours in enumerate([1, 5, 9, 9, 13, 20]):
        submitted = day_start - timedelta(days=3) + timedelta(hours=hours, minutes=n)
        conn.execute(
            "INSERT INTO review_items (workflow_id, title, output, submitted_at, status)"
            " VALUES (1, ?, 'o', ?, 'pending')",
            (f"crossing {n}", submitted.isoformat()),
        )
        item = conn.execute("SELECT max(id) FROM review_items").fetchone()[0]
        decided = day_start - timedelta(days=30) + timedelta(hours=hours, minutes=n)
        conn.execute(
            "INSERT INTO review_decisions (item_id, reviewer, decision, note, decided_at)"
            " VALUES (?, 'Ana Ruiz', 'approved', '', ?)",
            (item, decided.isoformat()),
        )
    conn.execute("UPDATE workflows SET max_review_age_days = 3 WHERE id = 1")


def test_kept_month_figures_and_ageing_hold_exactly_until_they_change(
    sample_store: Store, db_path: Path
) -> None:
    """Kept at one moment of the day and read at a later one, they are what a fresh
    reading gives, at every moment around each crossing."""
    add_crossings(sample_store)
    sample_store.close()
    day_start = TODAY.replace(hour=0)
    moments = [day_start + timedelta(hours=h, minutes=m) for h in range(24) for m in (0, 1, 5)]
    seen = set()
    for kept_at in moments[::9]:
        first = reopen(db_path, kept_at)
        try:
            first.db.conn.execute("DELETE FROM kept_figures")
            first.health.month_figures()
            first.reviews.ageing_count()
        finally:
            first.close()
        for read_at in [m for m in moments if m >= kept_at]:
            later = reopen(db_path, read_at)
            try:
                shown = (later.health.month_figures(), later.reviews.ageing_count())
                assert shown == fresh_figures(later), (kept_at, read_at)
                seen.add(shown[1])
            finally:
                later.close()
    assert len(seen) > 3  # the ageing count really changed during the day


def test_kept_month_figures_and_ageing_are_read_back(sample_store: Store) -> None:
    """While they hold, the kept copies are what is shown (no query)."""
    sample_store.health.month_figures()
    sample_store.reviews.ageing_count()
    conn = sample_store.db.conn
    body = conn.execute("SELECT body FROM kept_figures WHERE name = 'ageing'").fetchone()[0]
    conn.execute(  # not a write to the data: nothing deletes it
        "UPDATE kept_figures SET body = ? WHERE name = 'ageing'",
        (body.replace('"count":', '"count":4242,"was":'),),
    )
    assert sample_store.reviews.ageing_count() == 4242
    month = conn.execute("SELECT body FROM kept_figures WHERE name = 'month'").fetchone()[0]
    conn.execute(
        "UPDATE kept_figures SET body = ? WHERE name = 'month'",
        (month.replace('"figures":[', '"figures":[12345.0,0,0,null,0,null],"was":['),),
    )
    assert sample_store.health.month_figures().time_saved_minutes == 12345.0


def test_the_code_fingerprint_follows_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "figures_rule.py"
    module.write_text("LIMIT = 30\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(kept_module, "WORKED_OUT_BY", ("figures_rule",))
    kept_module.code_fingerprint.cache_clear()
    try:
        before = kept_module.code_fingerprint()
        module.write_text("LIMIT = 31\n")
        kept_module.code_fingerprint.cache_clear()
        assert kept_module.code_fingerprint() != before
    finally:
        kept_module.code_fingerprint.cache_clear()
