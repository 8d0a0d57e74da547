"""The stale alert's rule: a workflow is looked at every 30 days, counted from its last
review or, never reviewed, from the day it was added (domain/staleness.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from aiops_tui.domain.staleness import (
    STALE_DAYS,
    is_stale,
    review_clock_start,
    stale_before,
    stale_detail,
)

TODAY = date(2026, 11, 23)
LONG_AGO = date(2025, 1, 1)


def test_the_limit_is_thirty_days() -> None:
    assert STALE_DAYS == 30
    assert stale_before(TODAY) == date(2026, 10, 24)


def test_the_clock_starts_at_the_last_review_else_at_creation() -> None:
    assert review_clock_start(date(2026, 11, 1), LONG_AGO) == date(2026, 11, 1)
    assert review_clock_start(None, LONG_AGO) == LONG_AGO


@pytest.mark.parametrize(
    ("last_reviewed", "created", "stale"),
    [
        (None, TODAY, False),  # added today: overdue for nothing
        (None, TODAY - timedelta(days=30), False),  # exactly 30 days: still on time
        (None, TODAY - timedelta(days=31), True),
        (TODAY - timedelta(days=30), LONG_AGO, False),
        (TODAY - timedelta(days=31), LONG_AGO, True),
        (TODAY - timedelta(days=1), LONG_AGO, False),  # an old workflow reviewed yesterday
        (TODAY - timedelta(days=31), TODAY, True),  # the review counts, not the creation
    ],
)
def test_stale_after_thirty_days_without_a_look(
    last_reviewed: date | None, created: date, stale: bool
) -> None:
    assert is_stale(last_reviewed, created, TODAY) is stale


def test_the_alert_says_when_it_was_last_looked_at() -> None:
    assert stale_detail(date(2026, 9, 1), LONG_AGO) == "last reviewed 2026-09-01 (over 30 days)"
    assert stale_detail(None, date(2026, 9, 2)) == "never reviewed, added 2026-09-02"
