"""When is a ritual next due?

A small team keeps its AI operations healthy only if the boring rituals
(weekly review, documentation update, cost review, quarterly audit) actually
happen. The app derives every ritual's next due date from its interval, its
anchor and its last completion, so nothing is stored that could go stale.

Two anchors exist because teams think about recurring work in two ways:

* calendar: "every Monday", "on the 1st of each month". A late completion
  does not shift the schedule; the next slot is the first calendar slot after
  the completion.
* completion: "ten days after we last did it". The schedule follows the work.

Everything here is pure date arithmetic: no clock, no database.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Literal

from aiops_tui.domain.vocabulary import Anchor, IntervalKind

DueState = Literal["overdue", "today", "soon", "later"]

SOON_DAYS = 3
"""A ritual due within this many days counts as "soon"."""

WEEKDAY_NAMES: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_QUARTER_MONTHS = (1, 4, 7, 10)


def _as_date(value: date) -> date:
    """Accept a datetime where a date is expected: comparing the two raises."""
    if isinstance(value, datetime):
        return value.date()
    return value


def _weekday(anchor_day: int | None) -> int:
    """Weekly anchors name a weekday, 0=Mon..6=Sun; None means Monday."""
    if anchor_day is None:
        return 0
    if not 0 <= anchor_day <= 6:
        raise ValueError(f"weekday anchor must be 0 (Mon) to 6 (Sun), not {anchor_day}")
    return anchor_day


def _month_day(anchor_day: int | None) -> int:
    """Monthly anchors name a day of month, 1..31; None means the 1st."""
    if anchor_day is None:
        return 1
    if not 1 <= anchor_day <= 31:
        raise ValueError(f"day-of-month anchor must be 1 to 31, not {anchor_day}")
    return anchor_day


def _clamped(year: int, month: int, day: int) -> date:
    """Day `day` of the month, or the month's last day if it is shorter (31 -> Feb 28/29)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def add_months(start: date, months: int, day: int | None = None) -> date:
    """`start` moved by whole months, keeping `day` (default: start's day), clamped."""
    year, month = _shift_month(start.year, start.month, months)
    return _clamped(year, month, start.day if day is None else day)


def _weekday_on_or_after(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def _month_slot(start: date, day: int, step: int, strict: bool) -> date:
    """First slot on day `day` (clamped) of a month in the cycle, after `start`.

    `step` is 1 for monthly (every month) and 3 for quarterly (Jan, Apr, Jul,
    Oct). With `strict` the slot must fall after `start`, otherwise on or after.
    """
    first_month = ((start.month - 1) // step) * step + 1
    year, month = start.year, first_month
    while True:
        slot = _clamped(year, month, day)
        if slot > start or (not strict and slot == start):
            return slot
        year, month = _shift_month(year, month, step)


def _interval_days(interval: IntervalKind, every_days: int | None) -> int | None:
    """Fixed interval length in days, or None for month-based intervals."""
    if interval == IntervalKind.WEEKLY:
        return 7
    if interval == IntervalKind.BIWEEKLY:
        return 14
    if interval == IntervalKind.EVERY_N_DAYS:
        if not every_days or every_days < 1:
            raise ValueError("every_n_days needs a number of days of at least 1")
        return every_days
    return None


def next_due(
    interval: IntervalKind,
    every_days: int | None,
    anchor: Anchor,
    anchor_day: int | None,
    last_done: date | None,
    created: date,
) -> date:
    """The date a ritual is next due.

    Calendar anchor:
      * weekly: the first anchor weekday strictly after `last_done`;
      * biweekly: the first anchor weekday strictly after `last_done` + 7 days
        (a fourteen-day cycle that snaps back to the anchor weekday);
      * monthly / quarterly (Jan, Apr, Jul, Oct): the first anchor day
        (clamped to the month's last day) strictly after `last_done`;
      * every N days: `created` + k*N, the first one strictly after `last_done`.
      Never done: the first slot on or after `created`.

    Completion anchor: `last_done` + the interval (months keep the day of
    month, clamped); never done: `created`, i.e. due at once.

    Raises ValueError for an anchor day that does not fit the interval or an
    every-N-days ritual without N, so a bad row is reported, not guessed at.
    """
    created = _as_date(created)
    last_done = _as_date(last_done) if last_done is not None else None
    days = _interval_days(interval, every_days)

    if anchor == Anchor.COMPLETION:
        if last_done is None:
            return created
        if days is not None:
            return last_done + timedelta(days=days)
        return add_months(last_done, 1 if interval == IntervalKind.MONTHLY else 3)

    if interval in (IntervalKind.WEEKLY, IntervalKind.BIWEEKLY):
        weekday = _weekday(anchor_day)
        if last_done is None:
            return _weekday_on_or_after(created, weekday)
        gap = 1 if interval == IntervalKind.WEEKLY else 8
        return _weekday_on_or_after(last_done + timedelta(days=gap), weekday)

    if interval in (IntervalKind.MONTHLY, IntervalKind.QUARTERLY):
        day = _month_day(anchor_day)
        step = 1 if interval == IntervalKind.MONTHLY else 3
        if last_done is None:
            return _month_slot(created, day, step, strict=False)
        return _month_slot(last_done, day, step, strict=True)

    # every N days on the calendar: slots are created + k*N, k >= 0
    assert days is not None
    if last_done is None or last_done < created:
        return created
    k = (last_done - created).days // days + 1
    return created + timedelta(days=k * days)


def next_open_line(lines: int, ticked: Collection[int]) -> int | None:
    """The first checklist line not ticked yet (what `space` on a ritual ticks), or None."""
    return next((i for i in range(lines) if i not in ticked), None)


def due_state(next_due: date, today: date) -> DueState:
    """Bucket a due date for display: overdue, today, soon (within 3 days) or later."""
    delta = (_as_date(next_due) - _as_date(today)).days
    if delta < 0:
        return "overdue"
    if delta == 0:
        return "today"
    if delta <= SOON_DAYS:
        return "soon"
    return "later"


def interval_label(
    interval: IntervalKind,
    every_days: int | None,
    anchor: Anchor,
    anchor_day: int | None,
) -> str:
    """A short human description: "weekly on Mon", "every 10 days from completion"."""
    if interval == IntervalKind.EVERY_N_DAYS:
        base = "every day" if every_days == 1 else f"every {every_days or '?'} days"
    else:
        base = str(interval.value)
    if anchor == Anchor.COMPLETION:
        return f"{base} from completion"
    if interval in (IntervalKind.WEEKLY, IntervalKind.BIWEEKLY):
        day = anchor_day if anchor_day is not None else 0
        name = WEEKDAY_NAMES[day] if 0 <= day <= 6 else f"day {day}?"
        return f"{base} on {name}"
    if interval in (IntervalKind.MONTHLY, IntervalKind.QUARTERLY):
        day = anchor_day if anchor_day is not None else 1
        suffix = " (or the last day)" if day > 28 else ""
        return f"{base} on day {day}{suffix}"
    return base


def due_words(days: int) -> str:
    """'3 days late', 'today', 'tomorrow', 'in 8 days'."""
    if days < 0:
        return f"{-days} day{'s' if days < -1 else ''} late"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def recurrence_rule(
    interval: IntervalKind, every_days: int | None, anchor_day: int | None, first: date
) -> str:
    """The iCalendar RRULE (RFC 5545) of a ritual whose next occurrence is `first`.

    Weekly and biweekly rituals repeat on their weekday (a calendar anchor's, else
    `first`'s); monthly and quarterly ones on their day of the month, or the month's
    last day where it is shorter, as next_due clamps; every N days from `first`.
    """
    if interval in (IntervalKind.WEEKLY, IntervalKind.BIWEEKLY):
        weekday = _ICAL_DAYS[_as_date(first).weekday()]
        step = ";INTERVAL=2" if interval == IntervalKind.BIWEEKLY else ""
        return f"FREQ=WEEKLY{step};BYDAY={weekday}"
    if interval in (IntervalKind.MONTHLY, IntervalKind.QUARTERLY):
        day = _month_day(anchor_day) if anchor_day is not None else _as_date(first).day
        step = ";INTERVAL=3" if interval == IntervalKind.QUARTERLY else ""
        if day > 28:
            candidates = ",".join(str(d) for d in range(28, day + 1))
            return f"FREQ=MONTHLY{step};BYMONTHDAY={candidates};BYSETPOS=-1"
        return f"FREQ=MONTHLY{step};BYMONTHDAY={day}"
    days = _interval_days(interval, every_days) or 1
    return f"FREQ=DAILY;INTERVAL={days}"
