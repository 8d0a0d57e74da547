"""An injectable clock, so tests and snapshots can fix "today"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Wall-clock time in UTC, without microseconds (stored as ISO text)."""
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None)


def fixed_clock(moment: datetime | date | str) -> Clock:
    """A clock that always answers the same moment."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    elif not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day, 9, 0)
    frozen = moment

    def clock() -> datetime:
        return frozen

    return clock
