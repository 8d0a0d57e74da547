"""Drift: recent metric values moving the wrong way, or worse than baseline."""

from __future__ import annotations

import math

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
