"""When an active workflow is overdue for its monthly look: the "stale" alert.

A workflow is looked at (marked reviewed) at least every STALE_DAYS days. The
clock starts at its last review, or, if it was never reviewed, when it was
added: a workflow created today is not overdue for anything. The dashboard,
`aiops check` and the weekly review all show this alert; storage/health.py
selects the candidates in SQL with the same rule (tests hold the two together).
"""

from __future__ import annotations

from datetime import date, timedelta

STALE_DAYS = 30


def review_clock_start(last_reviewed: date | None, created: date) -> date:
    """The day the workflow's review clock counts from."""
    return last_reviewed if last_reviewed is not None else created


def stale_before(today: date) -> date:
    """A review clock that started before this day has run out."""
    return today - timedelta(days=STALE_DAYS)


def is_stale(last_reviewed: date | None, created: date, today: date) -> bool:
    return review_clock_start(last_reviewed, created) < stale_before(today)


def stale_detail(last_reviewed: date | None, created: date) -> str:
    """What the alert says about a stale workflow."""
    if last_reviewed is not None:
        return f"last reviewed {last_reviewed.isoformat()} (over {STALE_DAYS} days)"
    return f"never reviewed, added {created.isoformat()}"
