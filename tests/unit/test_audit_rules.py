"""The quarterly audit's rules: standing against target, candidates to retire."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from aiops_tui.domain.audit import (
    QUIET_DAYS,
    Candidate,
    Usage,
    against_target,
    offers_audit,
    retire_candidates,
    retire_reason,
)
from aiops_tui.domain.models import Direction

HIGHER, LOWER = Direction.HIGHER, Direction.LOWER
ON = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("latest", "baseline", "target", "direction", "words"),
    [
        (None, 20, 80, HIGHER, "no value recorded"),
        (float("nan"), 20, 80, HIGHER, "no value recorded"),
        (80, 20, 80, HIGHER, "target met"),
        (95, 20, 80, HIGHER, "target met"),
        (72, 20, 80, HIGHER, "86% of the way from baseline to target"),
        (20, 20, 80, HIGHER, "not better than baseline (20)"),
        (10, 20, 80, HIGHER, "not better than baseline (20)"),
        (30, 40, 20, LOWER, "50% of the way from baseline to target"),
        (20, 40, 20, LOWER, "target met"),
        (45, 40, 20, LOWER, "not better than baseline (40)"),
        (3.4, 3.5, None, HIGHER, "not better than baseline (3.5)"),
        (3.6, 3.5, None, HIGHER, "better than baseline"),
        (5, None, 80, HIGHER, "no baseline to compare with"),
        (5, None, None, HIGHER, "no baseline or target"),
        (50, 50, 50, HIGHER, "target met"),
    ],
)
def test_against_target(
    latest: float | None,
    baseline: float | None,
    target: float | None,
    direction: Direction,
    words: str,
) -> None:
    assert against_target(latest, baseline, target, direction) == words


def test_progress_is_rounded_down_so_99_9_percent_is_not_shown_as_done() -> None:
    assert against_target(79.95, 20, 80, HIGHER) == "99% of the way from baseline to target"


QUIET = ON - timedelta(days=QUIET_DAYS + 1)
RECENT = ON - timedelta(days=QUIET_DAYS)


@pytest.mark.parametrize("status", ["live", "pilot"])
def test_a_running_workflow_with_no_sign_of_use_in_a_quarter_is_a_candidate(status: str) -> None:
    reason = retire_reason(Usage("W", status, last_item=QUIET, last_entry=None), ON)
    assert reason == (
        f"{status}, but no review item and no metric entry since {QUIET.isoformat()}"
        " (none in 90 days)"
    )
    never = retire_reason(Usage("W", status), ON)
    assert never == f"{status}, but no review item and no metric entry ever (none in 90 days)"


def test_either_sign_of_use_within_the_quarter_keeps_a_running_workflow() -> None:
    assert retire_reason(Usage("W", "live", last_item=RECENT), ON) is None
    assert retire_reason(Usage("W", "live", last_item=QUIET, last_entry=RECENT), ON) is None
    assert retire_reason(Usage("W", "live", last_entry=ON), ON) is None


def test_a_workflow_paused_and_untouched_for_a_quarter_is_a_candidate() -> None:
    assert retire_reason(Usage("W", "paused", changed=QUIET), ON) == (
        f"paused and not changed since {QUIET.isoformat()} (over 90 days)"
    )
    assert retire_reason(Usage("W", "paused"), ON) == "paused and not changed ever (over 90 days)"
    assert retire_reason(Usage("W", "paused", changed=RECENT), ON) is None


@pytest.mark.parametrize("status", ["idea", "proposed", "approved", "shadow", "retired"])
def test_other_statuses_are_never_candidates(status: str) -> None:
    assert retire_reason(Usage("W", status, changed=QUIET), ON) is None


def test_the_quiet_period_can_be_changed() -> None:
    usage = Usage("W", "live", last_item=ON - timedelta(days=31))
    assert retire_reason(usage, ON, quiet_days=30) is not None
    assert retire_reason(usage, ON, quiet_days=31) is None


def test_candidates_keep_the_order_given() -> None:
    usages = [
        Usage("B", "paused", changed=QUIET),
        Usage("A", "live", last_item=ON),
        Usage("C", "live"),
    ]
    found = retire_candidates(usages, ON)
    assert [c.name for c in found] == ["B", "C"]
    assert isinstance(found[0], Candidate) and found[0].status == "paused"


@pytest.mark.parametrize(
    ("name", "offers"),
    [("Quarterly audit", True), ("Annual AI AUDIT", True), ("Weekly review", False)],
)
def test_which_rituals_offer_the_audit(name: str, offers: bool) -> None:
    assert offers_audit(name) is offers
