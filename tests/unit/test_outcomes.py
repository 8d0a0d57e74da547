"""Outcome figures' small rules: which series count as minutes or adoption, how values read."""

from __future__ import annotations

import pytest

from aiops_tui.domain.outcomes import is_adoption, is_minutes, with_unit


@pytest.mark.parametrize(
    ("unit", "minutes"),
    [("minutes", True), ("  Min/week", True), ("min", True), ("hours", False), ("admin", False)],
)
def test_minutes_are_a_unit_starting_with_min(unit: str, minutes: bool) -> None:
    assert is_minutes(unit) is minutes


@pytest.mark.parametrize(
    ("name", "adoption"),
    [("Adoption", True), ("Team ADOPTION rate", True), ("Adopted", False), ("", False)],
)
def test_adoption_is_a_series_named_for_it(name: str, adoption: bool) -> None:
    assert is_adoption(name) is adoption


def test_values_read_with_their_unit() -> None:
    assert with_unit(72, "%") == "72%"
    assert with_unit(190, " minutes/week ") == "190 minutes/week"
    assert with_unit(4.5, "  ") == "4.5"
    assert with_unit(0.25, "") == "0.25"


def test_time_to_decision_has_a_weekly_history_of_mean_waits() -> None:
    from aiops_tui.domain.outcomes import Counts, Week, outcomes

    weeks = (
        Week(),  # nothing decided: no point in the history
        Week(decided=2, first_time=2, hours=20.0),
        Week(decided=4, first_time=4, hours=16.0),
        Week(decided=1, first_time=1, hours=2.0),
    )
    wait = next(
        o for o in outcomes(Counts(weeks=weeks, median_hours=4.0)) if o.key == "time_to_decision"
    )
    assert wait.value == "4 h median"
    assert wait.weekly == (10.0, 4.0, 2.0)
    assert wait.trend == "improving"  # waits getting shorter: lower is better


def test_time_to_decision_without_decisions_says_what_to_do() -> None:
    from aiops_tui.domain.outcomes import Counts, outcomes

    wait = next(o for o in outcomes(Counts(waiting_late=2)) if o.key == "time_to_decision")
    assert wait.value is None and wait.weekly == ()
    assert "2 waiting past the limit" in wait.detail


def test_cost_says_it_has_no_history_rather_than_not_yet() -> None:
    from aiops_tui.domain.outcomes import Counts, outcomes

    cost = next(o for o in outcomes(Counts(cost=42.5)) if o.key == "cost")
    assert cost.value == "42.50 a month"
    assert cost.trend == "as of today"
    unlinked = next(o for o in outcomes(Counts()) if o.key == "cost")
    assert unlinked.trend == "not measured"
