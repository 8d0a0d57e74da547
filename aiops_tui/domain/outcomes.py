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
from dataclasses import dataclass

from aiops_tui.domain.drift import detect_drift, trend_label
from aiops_tui.domain.vocabulary import Direction

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


WEEKS = 8
"""Outcomes are counted over the last eight weeks, week by week (trend and drift)."""
RECENT_WEEKS = 4
"""An outcome's value is the last four weeks' figure; the older weeks give its trend."""


@dataclass(frozen=True)
class Week:
    """One week of a workflow's review queue, counted in SQL (the first decision of each
    item decided that week)."""

    decided: int = 0
    first_time: int = 0
    """Approved at the first decision, as drafted (no correction)."""
    reworked: int = 0
    """Changes requested, or corrected by the reviewer, at the first decision."""
    edit_sum: float = 0.0
    edits: int = 0
    late: int = 0
    """Decided after the workflow's review limit."""
    hours: float = 0.0
    """Hours from submission to first decision, summed over the week's items."""


@dataclass(frozen=True)
class Counts:
    """What storage counted for one workflow (or one prompt version)."""

    weeks: tuple[Week, ...] = ()
    """Oldest first, WEEKS of them for a workflow (one, all weeks, for a version)."""
    median_hours: float | None = None
    waiting_late: int = 0
    limit_days: int = 3
    cost: float | None = None
    """Its share of its tools' monthly cost; None when it uses no tool."""
    adoption: tuple[float, ...] = ()
    adoption_name: str = ""
    adoption_unit: str = ""


@dataclass(frozen=True)
class Outcome:
    key: str
    label: str
    value: str | None
    """None: not measured, and `detail` says what to do."""
    detail: str
    weekly: tuple[float, ...]
    direction: Direction
    kept_over_time: bool = True
    """False for a figure worked out from today's data only (cost: tools keep no price
    history), so its trend says so instead of promising history later."""

    @property
    def trend(self) -> str:
        if self.value is None:
            return "not measured"
        if not self.kept_over_time:
            return "as of today"
        if len(self.weekly) < 2:
            return "no history yet"
        return trend_label(self.weekly, self.direction)

    @property
    def drift(self) -> str | None:
        if self.value is None:
            return None
        return detect_drift(self.weekly, None, None, self.direction)


def _pooled(weeks: tuple[Week, ...]) -> Week:
    recent = weeks[-RECENT_WEEKS:]
    return Week(
        decided=sum(w.decided for w in recent),
        first_time=sum(w.first_time for w in recent),
        reworked=sum(w.reworked for w in recent),
        edit_sum=sum(w.edit_sum for w in recent),
        edits=sum(w.edits for w in recent),
        late=sum(w.late for w in recent),
        hours=sum(w.hours for w in recent),
    )


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%"


def _shares(weeks: tuple[Week, ...], part: str) -> tuple[float, ...]:
    """The weekly share in percent of `part`, for the weeks that decided anything."""
    return tuple(round(100 * getattr(w, part) / w.decided, 1) for w in weeks if w.decided)


NO_REVIEWS = "not measured: queue its drafts for review (aiops review add) and decide them"


def _review_outcomes(weeks: tuple[Week, ...], pooled: Week, span: str) -> list[Outcome]:
    """First-time approval and rework: shares of the items decided in `span`."""
    if not pooled.decided:
        return [
            Outcome("first_time", "First-time approval", None, NO_REVIEWS, (), Direction.HIGHER),
            Outcome("rework", "Rework", None, NO_REVIEWS, (), Direction.LOWER),
        ]
    mean = (
        f", {round(100 * pooled.edit_sum / pooled.edits)}% of the draft changed on average"
        if pooled.edits
        else ""
    )
    return [
        Outcome(
            "first_time",
            "First-time approval",
            _pct(pooled.first_time, pooled.decided),
            f"{pooled.first_time} of {pooled.decided} items approved as drafted {span}",
            _shares(weeks, "first_time"),
            Direction.HIGHER,
        ),
        Outcome(
            "rework",
            "Rework",
            _pct(pooled.reworked, pooled.decided),
            f"{pooled.reworked} of {pooled.decided} items corrected or sent back" + mean,
            _shares(weeks, "reworked"),
            Direction.LOWER,
        ),
    ]


def _time_to_decision(counts: Counts, pooled: Week, span: str) -> Outcome:
    """The median wait is the value; the weekly mean waits give it a trend and drift."""
    if counts.median_hours is None:
        waiting = f" ({counts.waiting_late} waiting past the limit)" if counts.waiting_late else ""
        return Outcome(
            "time_to_decision", "Time to decision", None, NO_REVIEWS + waiting, (), Direction.LOWER
        )
    late = f"{counts.waiting_late} waiting past the {counts.limit_days}-day limit"
    return Outcome(
        "time_to_decision",
        "Time to decision",
        f"{counts.median_hours:.0f} h median",
        f"{late}; {pooled.late} decided late {span}",
        tuple(round(w.hours / w.decided, 1) for w in counts.weeks if w.decided),
        Direction.LOWER,
    )


def _throughput(weeks: tuple[Week, ...]) -> Outcome:
    recent = weeks[-RECENT_WEEKS:]
    per_week = sum(w.decided for w in recent) / max(len(recent), 1)
    reviewed = any(w.decided for w in weeks)
    return Outcome(
        "throughput",
        "Throughput",
        f"{per_week:.1f} items a week" if reviewed else None,
        "reviewed, mean of the last 4 weeks"
        if reviewed
        else "not measured: no item was reviewed in 8 weeks",
        tuple(float(w.decided) for w in weeks),
        Direction.HIGHER,
    )


def _cost(counts: Counts) -> Outcome:
    return Outcome(
        "cost",
        "Cost",
        f"{counts.cost:,.2f} a month" if counts.cost is not None else None,
        "its share of its tools' monthly cost"
        if counts.cost is not None
        else "not measured: link the tools it uses (e on the workflow)",
        (),
        Direction.LOWER,
        kept_over_time=False,
    )


def _adoption(counts: Counts) -> Outcome:
    if not counts.adoption:
        return Outcome(
            "adoption",
            "Adoption",
            None,
            "not measured: record a series named Adoption (%) with m",
            (),
            Direction.HIGHER,
        )
    return Outcome(
        "adoption",
        "Adoption",
        with_unit(counts.adoption[-1], counts.adoption_unit),
        f"latest of {counts.adoption_name}",
        counts.adoption,
        Direction.HIGHER,
    )


def outcomes(counts: Counts, per_version: bool = False) -> list[Outcome]:
    """The six outcome metrics of one workflow, each a value and trend or what to do.

    Per prompt version only the three the review queue measures by version.
    """
    weeks = counts.weeks
    pooled = _pooled(weeks) if not per_version else (weeks[0] if weeks else Week())
    span = "in 4 weeks" if not per_version else "in 8 weeks"
    result = _review_outcomes(weeks, pooled, span)
    result.append(_time_to_decision(counts, pooled, span))
    if per_version:
        return result
    return [*result, _throughput(weeks), _cost(counts), _adoption(counts)]


def counted_drifts(counts: Counts) -> list[tuple[str, str]]:
    """(key, why) of each counted weekly outcome that drifted: the dashboard's alerts.

    Only first-time approval, rework and throughput have weekly values counted from
    the queue; building just those keeps the alerts cheap over thousands of workflows.
    """
    weeks = counts.weeks
    candidates = [*_review_outcomes(weeks, _pooled(weeks), ""), _throughput(weeks)]
    return [(o.key, o.drift) for o in candidates if o.drift]
