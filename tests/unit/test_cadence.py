"""Next-due dates for rituals: calendar and completion anchors, month ends, leap years."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

import pytest

from aiops_tui.domain.cadence import (
    add_months,
    due_state,
    due_words,
    interval_label,
    next_due,
    recurrence_rule,
)
from aiops_tui.domain.models import Anchor, IntervalKind

CAL = Anchor.CALENDAR
DONE = Anchor.COMPLETION
W = IntervalKind.WEEKLY
BW = IntervalKind.BIWEEKLY
M = IntervalKind.MONTHLY
Q = IntervalKind.QUARTERLY
N = IntervalKind.EVERY_N_DAYS

D = date.fromisoformat
CREATED = D("2025-01-01")  # a Wednesday


# --- calendar, weekly / biweekly -------------------------------------------


def test_fixture_weekdays() -> None:
    assert CREATED.weekday() == 2
    assert D("2025-01-06").weekday() == 0


def test_weekly_never_done_is_first_anchor_weekday_on_or_after_created() -> None:
    assert next_due(W, None, CAL, 0, None, CREATED) == D("2025-01-06")
    assert next_due(W, None, CAL, 2, None, CREATED) == CREATED  # created on a Wednesday
    assert next_due(W, None, CAL, 4, None, CREATED) == D("2025-01-03")


def test_weekly_anchor_none_means_monday() -> None:
    assert next_due(W, None, CAL, None, None, CREATED) == D("2025-01-06")
    assert next_due(W, None, CAL, None, D("2025-01-06"), CREATED) == D("2025-01-13")


def test_weekly_done_on_time_late_and_early() -> None:
    assert next_due(W, None, CAL, 0, D("2025-01-06"), CREATED) == D("2025-01-13")  # on time
    assert next_due(W, None, CAL, 0, D("2025-01-08"), CREATED) == D("2025-01-13")  # late
    assert next_due(W, None, CAL, 0, D("2025-01-12"), CREATED) == D("2025-01-13")  # early


def test_weekly_sunday_anchor_across_year_end() -> None:
    assert next_due(W, None, CAL, 6, D("2025-12-28"), CREATED) == D("2026-01-04")


def test_biweekly_is_a_fourteen_day_cycle_on_the_anchor_weekday() -> None:
    assert next_due(BW, None, CAL, 0, D("2025-01-06"), CREATED) == D("2025-01-20")
    assert next_due(BW, None, CAL, 0, D("2025-01-08"), CREATED) == D("2025-01-20")
    assert next_due(BW, None, CAL, 0, D("2025-01-05"), CREATED) == D("2025-01-13")


def test_biweekly_never_done() -> None:
    assert next_due(BW, None, CAL, 0, None, CREATED) == D("2025-01-06")


@pytest.mark.parametrize("anchor_day", range(7))
def test_weekly_brute_force(anchor_day: int) -> None:
    start = D("2027-12-01")
    for offset in range(120):
        last = start + timedelta(days=offset)
        due = next_due(W, None, CAL, anchor_day, last, CREATED)
        assert due.weekday() == anchor_day
        assert 1 <= (due - last).days <= 7
        due2 = next_due(BW, None, CAL, anchor_day, last, CREATED)
        assert due2.weekday() == anchor_day
        assert due2 == due + timedelta(days=7)


# --- calendar, monthly / quarterly -----------------------------------------


def test_monthly_never_done_on_or_after_created() -> None:
    assert next_due(M, None, CAL, 1, None, CREATED) == CREATED
    assert next_due(M, None, CAL, 15, None, CREATED) == D("2025-01-15")
    assert next_due(M, None, CAL, 1, None, D("2025-01-02")) == D("2025-02-01")
    assert next_due(M, None, CAL, None, None, D("2025-01-02")) == D("2025-02-01")


def test_monthly_strictly_after_last_done() -> None:
    assert next_due(M, None, CAL, 15, D("2025-03-15"), CREATED) == D("2025-04-15")
    assert next_due(M, None, CAL, 15, D("2025-03-14"), CREATED) == D("2025-03-15")
    assert next_due(M, None, CAL, 15, D("2025-03-20"), CREATED) == D("2025-04-15")
    assert next_due(M, None, CAL, 1, D("2025-12-20"), CREATED) == D("2026-01-01")


def test_monthly_day_31_clamps_to_month_end() -> None:
    assert next_due(M, None, CAL, 31, D("2025-01-31"), CREATED) == D("2025-02-28")
    assert next_due(M, None, CAL, 31, D("2025-02-28"), CREATED) == D("2025-03-31")
    assert next_due(M, None, CAL, 31, D("2025-03-31"), CREATED) == D("2025-04-30")
    assert next_due(M, None, CAL, 30, D("2025-01-30"), CREATED) == D("2025-02-28")
    assert next_due(M, None, CAL, 31, None, D("2025-02-10")) == D("2025-02-28")


def test_monthly_leap_year_february_29_2028() -> None:
    assert next_due(M, None, CAL, 31, D("2028-01-31"), CREATED) == D("2028-02-29")
    assert next_due(M, None, CAL, 29, D("2028-01-29"), CREATED) == D("2028-02-29")
    assert next_due(M, None, CAL, 30, D("2028-02-28"), CREATED) == D("2028-02-29")
    assert next_due(M, None, CAL, 31, D("2028-02-29"), CREATED) == D("2028-03-31")
    assert next_due(M, None, CAL, 29, D("2027-01-29"), CREATED) == D("2027-02-28")


def test_quarterly_uses_january_april_july_october() -> None:
    assert next_due(Q, None, CAL, 1, D("2025-01-01"), CREATED) == D("2025-04-01")
    assert next_due(Q, None, CAL, 1, D("2025-02-15"), CREATED) == D("2025-04-01")
    assert next_due(Q, None, CAL, 1, D("2025-03-31"), CREATED) == D("2025-04-01")
    assert next_due(Q, None, CAL, 15, D("2025-10-14"), CREATED) == D("2025-10-15")
    assert next_due(Q, None, CAL, 15, D("2025-10-15"), CREATED) == D("2026-01-15")


def test_quarterly_never_done_and_clamping() -> None:
    assert next_due(Q, None, CAL, 1, None, D("2025-04-01")) == D("2025-04-01")
    assert next_due(Q, None, CAL, 1, None, D("2025-11-05")) == D("2026-01-01")
    assert next_due(Q, None, CAL, None, None, D("2025-05-05")) == D("2025-07-01")
    assert next_due(Q, None, CAL, 31, D("2025-01-31"), CREATED) == D("2025-04-30")
    assert next_due(Q, None, CAL, 31, D("2027-12-31"), CREATED) == D("2028-01-31")


def _brute_month_slot(last: date, day: int, months: tuple[int, ...]) -> date:
    probe = last + timedelta(days=1)
    while True:
        last_day = calendar.monthrange(probe.year, probe.month)[1]
        if probe.month in months and probe.day == min(day, last_day):
            return probe
        probe += timedelta(days=1)


@pytest.mark.parametrize("anchor_day", [1, 15, 28, 29, 30, 31])
def test_monthly_and_quarterly_brute_force_over_a_leap_year(anchor_day: int) -> None:
    start = D("2027-11-01")
    for offset in range(0, 500, 3):
        last = start + timedelta(days=offset)
        monthly = next_due(M, None, CAL, anchor_day, last, CREATED)
        assert monthly == _brute_month_slot(last, anchor_day, tuple(range(1, 13)))
        quarterly = next_due(Q, None, CAL, anchor_day, last, CREATED)
        assert quarterly == _brute_month_slot(last, anchor_day, (1, 4, 7, 10))


# --- calendar, every N days -------------------------------------------------


def test_every_n_days_calendar() -> None:
    assert next_due(N, 10, CAL, None, None, CREATED) == CREATED
    assert next_due(N, 10, CAL, None, D("2025-01-01"), CREATED) == D("2025-01-11")
    assert next_due(N, 10, CAL, None, D("2025-01-10"), CREATED) == D("2025-01-11")
    assert next_due(N, 10, CAL, None, D("2025-01-11"), CREATED) == D("2025-01-21")
    assert next_due(N, 10, CAL, None, D("2025-01-15"), CREATED) == D("2025-01-21")
    assert next_due(N, 10, CAL, None, D("2024-12-20"), CREATED) == CREATED
    assert next_due(N, 1, CAL, None, D("2025-03-03"), CREATED) == D("2025-03-04")


# --- completion anchor ------------------------------------------------------


def test_completion_never_done_is_due_at_once() -> None:
    for interval, every in ((W, None), (BW, None), (M, None), (Q, None), (N, 5)):
        assert next_due(interval, every, DONE, None, None, CREATED) == CREATED


def test_completion_fixed_lengths() -> None:
    last = D("2025-01-08")
    assert next_due(W, None, DONE, 0, last, CREATED) == D("2025-01-15")
    assert next_due(BW, None, DONE, 0, last, CREATED) == D("2025-01-22")
    assert next_due(N, 10, DONE, None, last, CREATED) == D("2025-01-18")


def test_completion_months_keep_the_day_clamped() -> None:
    assert next_due(M, None, DONE, None, D("2025-01-15"), CREATED) == D("2025-02-15")
    assert next_due(M, None, DONE, None, D("2025-01-31"), CREATED) == D("2025-02-28")
    assert next_due(M, None, DONE, None, D("2028-01-31"), CREATED) == D("2028-02-29")
    assert next_due(M, None, DONE, None, D("2025-12-31"), CREATED) == D("2026-01-31")
    assert next_due(Q, None, DONE, None, D("2025-11-30"), CREATED) == D("2026-02-28")
    assert next_due(Q, None, DONE, None, D("2027-11-30"), CREATED) == D("2028-02-29")
    assert next_due(Q, None, DONE, None, D("2025-05-31"), CREATED) == D("2025-08-31")


# --- inputs -----------------------------------------------------------------


def test_datetimes_are_accepted() -> None:
    created = datetime(2025, 1, 1, 9, 30)
    assert next_due(W, None, CAL, 0, None, created) == D("2025-01-06")
    assert next_due(W, None, CAL, 0, datetime(2025, 1, 6, 17, 0), created) == D("2025-01-13")


def test_bad_inputs_raise_value_error() -> None:
    with pytest.raises(ValueError):
        next_due(N, None, CAL, None, None, CREATED)
    with pytest.raises(ValueError):
        next_due(N, 0, DONE, None, D("2025-01-02"), CREATED)
    with pytest.raises(ValueError):
        next_due(W, None, CAL, 7, None, CREATED)
    with pytest.raises(ValueError):
        next_due(M, None, CAL, 0, None, CREATED)
    with pytest.raises(ValueError):
        next_due(Q, None, CAL, 32, None, CREATED)


# --- due_state and labels ---------------------------------------------------


def test_due_state() -> None:
    today = D("2025-03-10")
    assert due_state(D("2025-03-09"), today) == "overdue"
    assert due_state(D("2024-12-31"), today) == "overdue"
    assert due_state(today, today) == "today"
    assert due_state(D("2025-03-11"), today) == "soon"
    assert due_state(D("2025-03-13"), today) == "soon"
    assert due_state(D("2025-03-14"), today) == "later"


def test_interval_labels() -> None:
    assert interval_label(W, None, CAL, 0) == "weekly on Mon"
    assert interval_label(W, None, CAL, None) == "weekly on Mon"
    assert interval_label(BW, None, CAL, 4) == "biweekly on Fri"
    assert interval_label(M, None, CAL, 1) == "monthly on day 1"
    assert interval_label(M, None, CAL, None) == "monthly on day 1"
    assert interval_label(M, None, CAL, 31) == "monthly on day 31 (or the last day)"
    assert interval_label(Q, None, CAL, 15) == "quarterly on day 15"
    assert interval_label(N, 10, CAL, None) == "every 10 days"
    assert interval_label(N, 1, CAL, None) == "every day"
    assert interval_label(N, 10, DONE, None) == "every 10 days from completion"
    assert interval_label(W, None, DONE, 3) == "weekly from completion"
    assert interval_label(M, None, DONE, None) == "monthly from completion"


def test_interval_label_refuses_to_name_a_weekday_out_of_range() -> None:
    """Index 7 must not raise and -1 must not read as Sunday: the bad row stays visible."""
    assert interval_label(W, None, CAL, 7) == "weekly on day 7?"
    assert interval_label(W, None, CAL, -1) == "weekly on day -1?"
    assert interval_label(BW, None, CAL, 6) == "biweekly on Sun"


def test_interval_label_marks_only_days_past_28() -> None:
    assert interval_label(M, None, CAL, 28) == "monthly on day 28"
    assert interval_label(Q, None, CAL, 29) == "quarterly on day 29 (or the last day)"
    assert interval_label(N, None, CAL, None) == "every ? days"


def test_due_words() -> None:
    assert [due_words(d) for d in (-3, -2, -1, 0, 1, 2, 8)] == [
        "3 days late",
        "2 days late",
        "1 day late",
        "today",
        "tomorrow",
        "in 2 days",
        "in 8 days",
    ]


def test_add_months_keeps_a_chosen_day_clamped_to_the_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 31), 1, day=15) == date(2026, 2, 15)
    assert add_months(date(2026, 1, 10), 1, day=31) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 5), 3) == date(2027, 2, 5)
    assert add_months(date(2026, 3, 5), -3) == date(2025, 12, 5)


def test_recurrence_rules_for_a_calendar() -> None:
    monday = date(2026, 11, 23)
    assert recurrence_rule(W, None, 0, monday) == "FREQ=WEEKLY;BYDAY=MO"
    assert recurrence_rule(BW, None, 4, datetime(2026, 11, 27, 9)) == (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"
    )
    assert recurrence_rule(M, None, 15, date(2026, 12, 15)) == "FREQ=MONTHLY;BYMONTHDAY=15"
    assert recurrence_rule(M, None, 28, date(2026, 12, 28)) == "FREQ=MONTHLY;BYMONTHDAY=28"
    assert recurrence_rule(M, None, None, date(2026, 12, 31)) == (
        "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"
    )
    assert recurrence_rule(Q, None, 29, date(2027, 1, 29)) == (
        "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=28,29;BYSETPOS=-1"
    )
    assert recurrence_rule(N, 10, None, monday) == "FREQ=DAILY;INTERVAL=10"
    with pytest.raises(ValueError, match="day-of-month anchor must be 1 to 31"):
        recurrence_rule(M, None, 32, monday)
