"""The six outcome metrics from counted weeks (domain/outcomes.py), figure by figure.

Storage counts the weeks; these tests give the counts by hand, so each rule (which
weeks are pooled, how a share rounds, what "not measured" tells the founder to do,
which outcomes raise a drift alert) is pinned without a database.
"""

from __future__ import annotations

from aiops_tui.domain.outcomes import NO_REVIEWS, Counts, Outcome, Week, counted_drifts, outcomes
from aiops_tui.domain.vocabulary import Direction

KEYS = ["first_time", "rework", "time_to_decision", "throughput", "cost", "adoption"]

# Four old weeks (outside the pooled four) that would change every figure if counted.
OLD = Week(decided=10, first_time=0, reworked=10, edit_sum=9.0, edits=10, late=9, hours=900.0)
RECENT = (
    Week(decided=4, first_time=3, reworked=1, edit_sum=0.5, edits=2, late=1, hours=8.0),
    Week(),  # nothing decided that week
    Week(decided=3, first_time=1, reworked=2, edit_sum=0.25, edits=2, late=0, hours=30.0),
    Week(decided=1, first_time=1, hours=1.0),
)
FULL = Counts(
    weeks=(OLD,) * 4 + RECENT,
    median_hours=5.5,
    waiting_late=2,
    limit_days=3,
    cost=1234.5,
    adoption=(40.0, 55.0, 72.0),
    adoption_name="Team adoption",
    adoption_unit="%",
)


def _by_key(counts: Counts, per_version: bool = False) -> dict[str, Outcome]:
    return {o.key: o for o in outcomes(counts, per_version=per_version)}


def test_a_workflow_has_six_outcomes_in_a_fixed_order() -> None:
    found = outcomes(FULL)
    assert [o.key for o in found] == KEYS
    assert [o.label for o in found] == [
        "First-time approval",
        "Rework",
        "Time to decision",
        "Throughput",
        "Cost",
        "Adoption",
    ]
    assert [o.direction for o in found] == [
        Direction.HIGHER,
        Direction.LOWER,
        Direction.LOWER,
        Direction.HIGHER,
        Direction.LOWER,
        Direction.HIGHER,
    ]


def test_shares_pool_the_last_four_weeks_only() -> None:
    got = _by_key(FULL)
    first, rework = got["first_time"], got["rework"]
    assert first.value == "62%"  # 5 of 8
    assert first.detail == "5 of 8 items approved as drafted in 4 weeks"
    assert rework.value == "38%"  # 3 of 8
    # (0.5 + 0.25) / 4 edits: the mean share of the draft the reviewers changed
    assert rework.detail == (
        "3 of 8 items corrected or sent back, 19% of the draft changed on average"
    )


def test_weekly_shares_skip_weeks_without_decisions_and_keep_one_decimal() -> None:
    got = _by_key(FULL)
    assert got["first_time"].weekly == (0.0, 0.0, 0.0, 0.0, 75.0, 33.3, 100.0)
    assert got["rework"].weekly == (100.0, 100.0, 100.0, 100.0, 25.0, 66.7, 0.0)


def test_rework_without_corrections_names_no_average_change() -> None:
    counts = Counts(weeks=(Week(decided=2, first_time=1, reworked=1),))
    rework = _by_key(counts)["rework"]
    assert rework.value == "50%"
    assert rework.detail == "1 of 2 items corrected or sent back"


def test_the_average_change_is_a_rounded_percent() -> None:
    counts = Counts(weeks=(Week(decided=2, reworked=2, edit_sum=1.2, edits=2),))
    assert _by_key(counts)["rework"].detail == (
        "2 of 2 items corrected or sent back, 60% of the draft changed on average"
    )


def test_time_to_decision_is_the_median_and_counts_the_late() -> None:
    wait = _by_key(FULL)["time_to_decision"]
    assert wait.value == "6 h median"
    assert wait.detail == "2 waiting past the 3-day limit; 1 decided late in 4 weeks"
    # the mean wait of each week that decided anything, all eight weeks
    assert wait.weekly == (90.0, 90.0, 90.0, 90.0, 2.0, 10.0, 1.0)


def test_time_to_decision_not_measured_says_what_to_do() -> None:
    assert _by_key(Counts())["time_to_decision"].detail == NO_REVIEWS
    waiting = _by_key(Counts(waiting_late=1))["time_to_decision"]
    assert waiting.detail == NO_REVIEWS + " (1 waiting past the limit)"
    assert waiting.value is None and waiting.direction == Direction.LOWER


def test_throughput_is_the_mean_of_the_last_four_weeks() -> None:
    got = _by_key(FULL)["throughput"]
    assert got.value == "2.0 items a week"  # (4 + 0 + 3 + 1) / 4
    assert got.detail == "reviewed, mean of the last 4 weeks"
    assert got.weekly == (10.0, 10.0, 10.0, 10.0, 4.0, 0.0, 3.0, 1.0)


def test_throughput_of_fewer_weeks_divides_by_the_weeks_there_are() -> None:
    assert _by_key(Counts(weeks=(Week(decided=3),)))["throughput"].value == "3.0 items a week"
    pair = Counts(weeks=(Week(decided=3), Week(decided=2)))
    assert _by_key(pair)["throughput"].value == "2.5 items a week"


def test_throughput_counts_a_quiet_month_after_older_reviews() -> None:
    counts = Counts(weeks=(Week(decided=6),) + (Week(),) * 4)
    got = _by_key(counts)["throughput"]
    assert got.value == "0.0 items a week"
    assert got.weekly == (6.0, 0.0, 0.0, 0.0, 0.0)


def test_nothing_counted_is_not_measured_with_what_to_do() -> None:
    got = _by_key(Counts())
    assert all(o.value is None for o in got.values())
    assert got["first_time"].detail == NO_REVIEWS
    assert got["rework"].detail == NO_REVIEWS
    assert got["throughput"].detail == "not measured: no item was reviewed in 8 weeks"
    assert got["cost"].detail == "not measured: link the tools it uses (e on the workflow)"
    assert got["adoption"].detail == "not measured: record a series named Adoption (%) with m"
    assert all(o.weekly == () for k, o in got.items() if k != "throughput")
    assert all(o.trend == "not measured" and o.drift is None for o in got.values())
    assert [o.direction for o in got.values()] == [o.direction for o in outcomes(FULL)]


def test_cost_and_adoption_read_as_a_person_writes_them() -> None:
    got = _by_key(FULL)
    assert got["cost"].value == "1,234.50 a month"
    assert got["cost"].detail == "its share of its tools' monthly cost"
    assert got["cost"].weekly == ()
    assert got["adoption"].value == "72%"
    assert got["adoption"].detail == "latest of Team adoption"
    assert got["adoption"].weekly == (40.0, 55.0, 72.0)
    plain = Counts(adoption=(3.0,), adoption_name="Adoption", adoption_unit="")
    assert _by_key(plain)["adoption"].value == "3"


def test_a_prompt_version_has_the_three_queue_outcomes_over_its_one_week() -> None:
    """Storage counts a version's eight weeks as one Week: it is used whole, not pooled."""
    one = Counts(
        weeks=(Week(decided=5, first_time=2, reworked=3, edit_sum=1.0, edits=4, late=2),),
        median_hours=30.0,
        waiting_late=1,
        limit_days=5,
    )
    got = _by_key(one, per_version=True)
    assert list(got) == ["first_time", "rework", "time_to_decision"]
    assert got["first_time"].detail == "2 of 5 items approved as drafted in 8 weeks"
    assert got["rework"].detail == (
        "3 of 5 items corrected or sent back, 25% of the draft changed on average"
    )
    assert got["time_to_decision"].detail == (
        "1 waiting past the 5-day limit; 2 decided late in 8 weeks"
    )
    none = _by_key(Counts(), per_version=True)
    assert list(none) == ["first_time", "rework", "time_to_decision"]
    assert all(o.value is None for o in none.values())


def test_trend_needs_two_weekly_values() -> None:
    one = Outcome("x", "X", "1", "", (5.0,), Direction.HIGHER)
    assert one.trend == "no history yet"
    assert Outcome("x", "X", "1", "", (), Direction.HIGHER).trend == "no history yet"
    assert Outcome("x", "X", "1", "", (1.0, 9.0), Direction.HIGHER).trend == "improving"
    assert Outcome("x", "X", "1", "", (1.0, 9.0), Direction.LOWER).trend == "worsening"


def test_drift_reads_the_weekly_values_in_the_outcomes_direction() -> None:
    falling = (9.0, 7.0, 5.0, 3.0)
    assert Outcome("x", "X", "1", "", falling, Direction.HIGHER).drift == (
        "last 3 values falling (7 → 5 → 3)"
    )
    assert Outcome("x", "X", "1", "", falling, Direction.LOWER).drift is None
    assert Outcome("x", "X", None, "", falling, Direction.HIGHER).drift is None


def test_counted_drifts_name_the_queue_outcomes_that_worsen() -> None:
    shares = tuple(Week(decided=5, first_time=f, reworked=5 - f) for f in (5, 5, 5, 5, 5, 4, 3, 2))
    assert counted_drifts(Counts(weeks=shares)) == [
        ("first_time", "last 3 values falling (80 → 60 → 40)"),
        ("rework", "last 3 values rising (20 → 40 → 60)"),
    ]
    slower = tuple(Week(decided=d, first_time=d) for d in (9, 9, 9, 9, 8, 6, 4, 2))
    assert counted_drifts(Counts(weeks=slower)) == [
        ("throughput", "last 3 values falling (6 → 4 → 2)")
    ]


def test_counted_drifts_leave_out_waits_and_steady_queues() -> None:
    waits = tuple(Week(decided=1, first_time=1, hours=h) for h in (1, 2, 3, 4, 5, 6, 7, 8))
    assert counted_drifts(Counts(weeks=waits, median_hours=4.0)) == []
    assert counted_drifts(FULL) == []
    assert counted_drifts(Counts()) == []
