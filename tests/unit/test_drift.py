"""Drift: recent metric values moving the wrong way, or worse than baseline."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from aiops_tui.domain.drift import detect_drift, trend_label
from aiops_tui.domain.models import Direction

HIGHER = Direction.HIGHER
LOWER = Direction.LOWER


def test_no_values_no_drift() -> None:
    assert detect_drift([], 10.0, 20.0, HIGHER) is None
    assert detect_drift([], None, None, LOWER) is None


def test_three_falls_in_a_row_is_drift_when_higher_is_better() -> None:
    reason = detect_drift([10, 9, 8, 7], None, None, HIGHER)
    assert reason is not None
    assert "last 3 values falling (9 → 8 → 7)" in reason


def test_three_rises_in_a_row_is_drift_when_lower_is_better() -> None:
    reason = detect_drift([5, 6, 7, 8], None, None, LOWER)
    assert reason is not None
    assert "rising" in reason


def test_one_move_is_not_enough() -> None:
    assert detect_drift([10, 9], None, None, HIGHER) is None
    assert detect_drift([10, 9, 8], None, None, HIGHER) is not None
    assert detect_drift([12, 10, 9, 8], None, None, HIGHER) is not None


def test_a_flat_step_breaks_the_run() -> None:
    assert detect_drift([10, 9, 9, 8], None, None, HIGHER) is None
    assert detect_drift([10, 9, 8, 8], None, None, HIGHER) is None


def test_only_the_last_three_moves_count() -> None:
    assert detect_drift([10, 9, 8, 7, 8], None, None, HIGHER) is None
    assert detect_drift([1, 2, 3, 10, 9, 8, 7], None, None, HIGHER) is not None


def test_improving_values_are_not_drift() -> None:
    assert detect_drift([1, 2, 3, 4], 0.5, 10, HIGHER) is None
    assert detect_drift([9, 8, 7, 6], 10, 2, LOWER) is None


def test_latest_worse_than_baseline() -> None:
    reason = detect_drift([12, 9], 10, None, HIGHER)
    assert reason == "latest 9 is below baseline 10"
    reason = detect_drift([8, 12], 10, None, LOWER)
    assert reason == "latest 12 is above baseline 10"
    assert detect_drift([9], 10, None, HIGHER) is not None


def test_equal_to_baseline_is_not_drift() -> None:
    assert detect_drift([10], 10, None, HIGHER) is None
    assert detect_drift([10], 10, None, LOWER) is None


def test_target_is_quoted_only_when_there_is_drift() -> None:
    reason = detect_drift([12, 9], 10, 15, HIGHER)
    assert reason is not None and reason.endswith("target 15")
    assert detect_drift([12, 13], 10, 15, HIGHER) is None


def test_both_reasons_are_joined() -> None:
    reason = detect_drift([12, 11, 10, 9], 10, None, HIGHER)
    assert reason is not None
    assert "below baseline 10" in reason and "falling" in reason
    assert "; " in reason


def test_non_finite_values_are_ignored() -> None:
    assert detect_drift([10, math.nan, 9, 8, 7], None, None, HIGHER) is not None
    assert detect_drift([math.nan, math.inf], 10, None, HIGHER) is None
    assert detect_drift([9.5], math.nan, None, HIGHER) is None


def test_fractional_values_are_formatted_compactly() -> None:
    reason = detect_drift([0.95, 0.9, 0.85], None, None, HIGHER)
    assert reason is not None and "0.95 → 0.9 → 0.85" in reason


def test_trend_no_data() -> None:
    assert trend_label([], HIGHER) == "no data"
    assert trend_label([5], HIGHER) == "no data"
    assert trend_label([math.nan, 5], HIGHER) == "no data"


def test_trend_direction_matters() -> None:
    assert trend_label([1, 2, 3], HIGHER) == "improving"
    assert trend_label([1, 2, 3], LOWER) == "worsening"
    assert trend_label([3, 2, 1], HIGHER) == "worsening"
    assert trend_label([3, 2, 1], LOWER) == "improving"


def test_trend_flat() -> None:
    assert trend_label([10, 10, 10], HIGHER) == "flat"
    assert trend_label([100, 100.5, 100], HIGHER) == "flat"
    assert trend_label([0, 0], LOWER) == "flat"


def test_trend_uses_recent_values_and_resists_one_noisy_point() -> None:
    assert trend_label([50, 40, 30, 1, 2, 3, 4, 5], HIGHER) == "improving"
    assert trend_label([1, 2, 3, 2.9, 4, 5], HIGHER) == "improving"


def test_a_two_point_series_has_the_direction_of_its_step() -> None:
    assert trend_label([1, 2], HIGHER) == "improving"
    assert trend_label([2, 1], HIGHER) == "worsening"
    assert trend_label([2, 1], LOWER) == "improving"
    assert trend_label([1, 2], LOWER) == "worsening"
    assert trend_label([7, 7], HIGHER) == "flat"


def test_a_change_within_the_scatter_reads_flat() -> None:
    # The line rises 0.08 across the window; the values scatter ~0.5 about it.
    assert trend_label([1, 2, 1, 2, 1.1], HIGHER) == "flat"
    assert trend_label([10, 12, 9, 11, 10], LOWER) == "flat"
    # The same rise with no scatter is a trend.
    assert trend_label([1, 1.02, 1.04, 1.06, 1.08], HIGHER) == "improving"


def test_a_trend_larger_than_its_scatter_is_not_flat() -> None:
    assert trend_label([10, 10, 10, 10, 11], HIGHER) == "improving"
    assert trend_label([4.0, 4.3, 4.4, 4.1, 3.8, 3.4], HIGHER) == "worsening"


def test_accuracy_between_zero_and_one_reads_like_percentages() -> None:
    assert trend_label([0.80, 0.82, 0.85], HIGHER) == "improving"
    assert trend_label([0.91, 0.9, 0.88, 0.85], HIGHER) == "worsening"
    assert trend_label([0.05, 0.04, 0.02], LOWER) == "improving"
    assert trend_label([0.5, 0.6, 0.5, 0.6, 0.51], HIGHER) == "flat"


def test_negative_values_trend_like_positive_ones() -> None:
    assert trend_label([-3, -2, -1], HIGHER) == "improving"
    assert trend_label([-1, -2, -3], LOWER) == "improving"


def test_only_the_last_five_values_count() -> None:
    assert trend_label([100, 1, 2, 3, 4, 5], HIGHER) == "improving"
    assert trend_label([1, 2, 3, 4, 5, 0, 0, 0, 0, 0], HIGHER) == "flat"
    assert trend_label([math.inf, 1, 2], HIGHER) == "improving"


series = st.lists(st.integers(-1_000, 1_000), min_size=2, max_size=8)
directions = st.sampled_from([HIGHER, LOWER])


@given(values=series, factor=st.integers(1, 1_000), direction=directions)
def test_scaling_a_series_keeps_its_trend(
    values: list[int], factor: int, direction: Direction
) -> None:
    assert trend_label([v * factor for v in values], direction) == trend_label(values, direction)


@given(values=series, factor=st.sampled_from([0.5, 0.25, 2**-10]), direction=directions)
def test_scaling_into_fractions_keeps_its_trend(
    values: list[int], factor: float, direction: Direction
) -> None:
    """Powers of two, so the scaled floats are exact: 0.80 -> 0.85 reads like 80 -> 85."""
    assert trend_label([v * factor for v in values], direction) == trend_label(values, direction)


@given(values=series, shift=st.integers(-(10**6), 10**6), direction=directions)
def test_shifting_a_series_keeps_its_trend(
    values: list[int], shift: int, direction: Direction
) -> None:
    assert trend_label([v + shift for v in values], direction) == trend_label(values, direction)


@given(values=series, direction=directions)
def test_reversing_direction_swaps_improving_and_worsening(
    values: list[int], direction: Direction
) -> None:
    other = LOWER if direction == HIGHER else HIGHER
    swap = {"improving": "worsening", "worsening": "improving", "flat": "flat"}
    assert trend_label(values, other) == swap[trend_label(values, direction)]


def test_a_change_just_past_the_scatter_is_a_trend_and_just_within_is_flat() -> None:
    # change² / mean squared scatter: 1.125, 1.2, 1.14 (a trend); 0.96, 0.94 (flat)
    assert trend_label([0, 5, 2], HIGHER) == "improving"
    assert trend_label([0, 2, 4, 1], HIGHER) == "improving"
    assert trend_label([0, 0, 0, 1, 0], HIGHER) == "improving"
    assert trend_label([0, 5, 0, 4], HIGHER) == "flat"
    assert trend_label([0, 0, 3, 4, 0], HIGHER) == "flat"


def test_a_small_rise_is_worsening_when_lower_is_better() -> None:
    assert trend_label([0.80, 0.82, 0.85], LOWER) == "worsening"


def test_drift_reasons_read_in_full() -> None:
    assert detect_drift([5, 6, 7, 8], None, None, LOWER) == "last 3 values rising (6 → 7 → 8)"
    assert detect_drift([12, 11, 10, 9], 10, 20, HIGHER) == (
        "latest 9 is below baseline 10; last 3 values falling (11 → 10 → 9); target 20"
    )
