"""Next-due dates at the edges the cadence screen relies on: month ends, leap years, never done."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from aiops_tui.domain.cadence import due_state, interval_label, next_due
from aiops_tui.domain.models import Anchor, IntervalKind

CAL, DONE = Anchor.CALENDAR, Anchor.COMPLETION
W, B, M, Q, N = (
    IntervalKind.WEEKLY,
    IntervalKind.BIWEEKLY,
    IntervalKind.MONTHLY,
    IntervalKind.QUARTERLY,
    IntervalKind.EVERY_N_DAYS,
)
CREATED = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("interval", "anchor_day", "last", "expected"),
    [
        (M, 31, date(2026, 1, 31), date(2026, 2, 28)),  # 31st clamps to February's end
        (M, 31, date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        (M, 31, date(2026, 2, 28), date(2026, 3, 31)),  # back to the 31st after a short month
        (M, 30, date(2026, 2, 28), date(2026, 3, 30)),
        (M, 1, date(2026, 12, 15), date(2027, 1, 1)),  # year boundary
        (Q, 1, date(2026, 11, 23), date(2027, 1, 1)),
        (Q, 31, date(2027, 1, 1), date(2027, 1, 31)),
        (Q, 31, date(2027, 2, 1), date(2027, 4, 30)),  # April has 30 days
        (W, 0, date(2026, 11, 23), date(2026, 11, 30)),  # done on the Monday: next Monday
        (W, 0, date(2026, 11, 25), date(2026, 11, 30)),  # done late: the schedule holds
        (B, 3, date(2026, 11, 19), date(2026, 12, 3)),
    ],
)
def test_calendar_anchor(interval, anchor_day, last, expected) -> None:
    assert next_due(interval, None, CAL, anchor_day, last, CREATED) == expected


@pytest.mark.parametrize(
    ("interval", "last", "expected"),
    [
        (M, date(2026, 1, 31), date(2026, 2, 28)),
        (M, date(2028, 1, 31), date(2028, 2, 29)),
        (Q, date(2027, 11, 30), date(2028, 2, 29)),  # leap day reached by a quarter
        (W, date(2026, 11, 25), date(2026, 12, 2)),
        (B, date(2026, 12, 25), date(2027, 1, 8)),
    ],
)
def test_completion_anchor_follows_the_work(interval, last, expected) -> None:
    assert next_due(interval, None, DONE, None, last, CREATED) == expected


def test_every_n_days_on_both_anchors() -> None:
    assert next_due(N, 10, DONE, None, date(2028, 2, 25), CREATED) == date(2028, 3, 6)
    # calendar: slots at created + k*10, the first after the completion
    assert next_due(N, 10, CAL, None, date(2026, 1, 15), CREATED) == date(2026, 1, 21)


@pytest.mark.parametrize(
    ("interval", "anchor", "anchor_day", "expected"),
    [
        (W, CAL, 0, date(2026, 11, 23)),  # created on a Monday: due that day
        (W, CAL, 4, date(2026, 11, 27)),
        (M, CAL, 31, date(2026, 11, 30)),
        (M, CAL, 15, date(2026, 12, 15)),
        (Q, CAL, 1, date(2027, 1, 1)),
        (M, DONE, None, date(2026, 11, 23)),  # never done, counted from completion: due now
        (N, CAL, None, date(2026, 11, 23)),
    ],
)
def test_a_ritual_never_done(interval, anchor, anchor_day, expected) -> None:
    every = 7 if interval == N else None
    created = datetime(2026, 11, 23, 9, 0)  # a datetime is accepted too
    assert next_due(interval, every, anchor, anchor_day, None, created) == expected


def test_bad_anchor_day_is_refused() -> None:
    with pytest.raises(ValueError, match="weekday"):
        next_due(W, None, CAL, 9, None, CREATED)
    with pytest.raises(ValueError, match="every_n_days"):
        next_due(N, None, DONE, None, None, CREATED)


@pytest.mark.parametrize("every", [None, 0, -3])
def test_an_every_n_days_ritual_without_a_number_says_what_is_missing(every) -> None:
    """The message is what `aiops check` and the rituals screen show for a bad row."""
    with pytest.raises(ValueError, match=r"^every_n_days needs a number of days of at least 1$"):
        next_due(N, every, CAL, None, None, CREATED)


def test_due_state_and_labels() -> None:
    today = date(2026, 11, 23)
    assert due_state(date(2026, 11, 22), today) == "overdue"
    assert due_state(today, today) == "today"
    assert due_state(date(2026, 11, 26), today) == "soon"
    assert due_state(date(2026, 11, 27), today) == "later"
    assert interval_label(M, None, CAL, 31) == "monthly on day 31 (or the last day)"
    assert interval_label(N, 10, DONE, None) == "every 10 days from completion"
