"""Counting outcomes for many workflows walks decisions by time; for few, items by
workflow. Both must give the same counts, and drift alerts need only the weekly ones."""

from __future__ import annotations

import pytest

from aiops_tui.domain.outcomes import counted_drifts, outcomes
from aiops_tui.storage import outcomes as outcome_reads
from aiops_tui.storage.store import Store


def _ids(store: Store) -> list[int]:
    return [int(r[0]) for r in store.db.query("SELECT id FROM workflows ORDER BY id")]


def test_both_ways_of_counting_agree(sample_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _ids(sample_store)
    day = sample_store.clock().date()
    by_workflow = outcome_reads.read_outcomes(sample_store.db, ids, day)
    assert len(ids) < outcome_reads.MANY
    monkeypatch.setattr(outcome_reads, "MANY", 1)
    by_time = outcome_reads.read_outcomes(sample_store.db, ids, day)
    assert by_time == by_workflow
    assert any(c.weeks and any(w.decided for w in c.weeks) for c in by_time.values())


def test_the_weekly_read_gives_the_drift_that_the_full_outcomes_give(sample_store: Store) -> None:
    ids = _ids(sample_store)
    day = sample_store.clock().date()
    full = outcome_reads.read_outcomes(sample_store.db, ids, day)
    weekly = outcome_reads.read_weekly(sample_store.db, ids, day)
    for wf in ids:
        assert weekly[wf].weeks == full[wf].weeks
        expected = [
            (o.key, o.drift)
            for o in outcomes(full[wf])
            if o.key in ("first_time", "rework", "throughput") and o.drift
        ]
        assert counted_drifts(weekly[wf]) == expected
