"""Outcome metrics: what the review queue, the tools and the series already tell.

A founder should not type numbers the app can count. From the review queue:
first-time approval rate, rework (share corrected and how much was changed),
time to decision and items past their limit, throughput per week; from the
tools: cost per workflow per month; from the series: adoption, where a series
is named for it. Each outcome has a direction (which way is better), a value,
a weekly history for its trend and drift, or "not measured" with what to do.

Pure: storage counts, this module names, judges and words the figures.
"""

from __future__ import annotations

import re

_MINUTES = re.compile(r"^\s*min")
_ADOPTION = re.compile(r"adoption", re.IGNORECASE)

MINUTES_SQL = "(lower(trim({unit})) LIKE 'min%')"
"""is_minutes in SQL: `{unit}` is the column holding the series' unit."""
ADOPTION_SQL = "({label} LIKE '%adoption%')"
"""is_adoption in SQL (LIKE ignores the case of ASCII letters, as the regex does)."""


def is_minutes(unit: str) -> bool:
    """A series measured in minutes ("minutes", "min/week") counts as time saved."""
    return bool(_MINUTES.match(unit.lower()))


def is_adoption(name: str) -> bool:
    """A series named for adoption ("Adoption", "Team adoption") is the adoption figure."""
    return bool(_ADOPTION.search(name))


def with_unit(value: float, unit: str) -> str:
    """A value as a person reads it: "72%", "190 minutes/week", "4.5"."""
    unit = unit.strip()
    number = f"{value:g}"
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"
