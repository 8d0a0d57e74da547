"""The quarterly audit's judgements: how a workflow stands against its target, and
which workflows look ready to retire.

The audit asks, once a quarter, whether each workflow still earns its keep.
These rules decide the words it prints; storage reads the dates and values and
export lays them out. Pure: plain numbers and dates in, words out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from aiops_tui.domain.models import Direction

QUIET_DAYS = 90
"""A quarter: a running workflow with no sign of use this long, or one paused and
untouched this long, is a candidate to retire."""

RUNNING = ("pilot", "live")
"""Statuses in which a workflow is meant to be used every week."""


def offers_audit(ritual_name: str) -> bool:
    """Completing this ritual offers to write the audit: the default "Quarterly audit",
    or any ritual the founder named for an audit."""
    return "audit" in ritual_name.casefold()


def _better(a: float, b: float, direction: Direction) -> bool:
    """`a` is strictly better than `b` given which way is better."""
    return a > b if direction == Direction.HIGHER else a < b


def _number(value: float) -> str:
    return f"{value:g}"


def against_target(
    latest: float | None, baseline: float | None, target: float | None, direction: Direction
) -> str:
    """Where the latest value stands between baseline and target, in words.

    "target met", "60% of the way from baseline to target", "better than
    baseline", "not better than baseline (20)", or what is missing to judge.
    """
    if latest is None or not math.isfinite(latest):
        return "no value recorded"
    if target is not None and not _better(target, latest, direction):
        return "target met"
    if baseline is None:
        return "no baseline to compare with" if target is not None else "no baseline or target"
    if not _better(latest, baseline, direction):
        return f"not better than baseline ({_number(baseline)})"
    if target is None or target == baseline:
        return "better than baseline"
    share = (latest - baseline) / (target - baseline)
    return f"{math.floor(100 * share)}% of the way from baseline to target"


@dataclass(frozen=True)
class Usage:
    """What the audit knows of one workflow's recent life (dates on or before the day)."""

    name: str
    status: str
    last_item: date | None = None
    """The latest review item submitted for it."""
    last_entry: date | None = None
    """The latest value recorded in any of its series."""
    changed: date | None = None
    """The last time the workflow itself was saved (any field, status included)."""


@dataclass(frozen=True)
class Candidate:
    name: str
    status: str
    reason: str


def _since(day: date | None) -> str:
    return f"since {day.isoformat()}" if day is not None else "ever"


def retire_reason(usage: Usage, on: date, quiet_days: int = QUIET_DAYS) -> str | None:
    """Why this workflow is a candidate to retire on `on`, or None.

    * pilot or live, with neither a review item nor a metric entry in the last
      `quiet_days`: nobody seems to use it, or nobody measures it;
    * paused, and not changed in the last `quiet_days`: paused for good.
    Other statuses are never candidates (an idea is not running; retired is done).
    """
    cutoff = on - timedelta(days=quiet_days)
    if usage.status in RUNNING:
        seen = [d for d in (usage.last_item, usage.last_entry) if d is not None]
        last = max(seen) if seen else None
        if last is None or last < cutoff:
            return (
                f"{usage.status}, but no review item and no metric entry {_since(last)}"
                f" (none in {quiet_days} days)"
            )
        return None
    if usage.status == "paused" and (usage.changed is None or usage.changed < cutoff):
        return f"paused and not changed {_since(usage.changed)} (over {quiet_days} days)"
    return None


def retire_candidates(
    usages: list[Usage], on: date, quiet_days: int = QUIET_DAYS
) -> list[Candidate]:
    """The workflows `retire_reason` names, in the order given."""
    found = []
    for usage in usages:
        reason = retire_reason(usage, on, quiet_days)
        if reason is not None:
            found.append(Candidate(usage.name, usage.status, reason))
    return found
