"""The text sparkline behind the metric panel."""

from __future__ import annotations

import math

from aiops_tui.widgets.metric_panel import sparkline


def test_sparkline_scales_between_min_and_max() -> None:
    assert sparkline([1, 2, 3, 4, 8]) == "▁▂▃▄█"
    assert sparkline([4.4, 4.1, 3.8, 3.4]) == "█▆▄▁"


def test_sparkline_edge_cases() -> None:
    assert sparkline([]) == ""
    assert sparkline([5, 5, 5]) == "▄▄▄"  # flat: mid height, not empty
    assert sparkline([1, math.nan, 3]) == "▁ █"  # a bad value leaves a gap


def test_scorecard_keeps_two_lines_a_question_with_large_counts() -> None:
    """At 10,000 workflows "3948/3959" is wider than the count column was: it wrapped
    every question onto a third line and pushed question 5 out of the panel."""
    from aiops_tui.storage.health_figures import Question
    from aiops_tui.widgets.scorecard import Scorecard

    card = Scorecard()
    card.show(
        [Question(n, f"Question {n}?", f"measure {n}", 3948 - n, 3959) for n in range(1, 6)],
        use_cases=None,
    )
    lines = card._lines(78)
    assert len(lines) == 10
    assert all(line.cell_len <= 78 for line in lines)
    assert lines[0].plain.endswith(" 3947/3959")


def test_a_sparkline_needs_two_values_and_stands_between_baseline_and_target() -> None:
    from aiops_tui.widgets.metric_panel import goal_sparkline

    assert goal_sparkline([45], 20, 80) is None  # one value has no shape
    assert goal_sparkline([45, math.nan], 20, 80) is None
    line = goal_sparkline([40, 60], 20, 80)
    assert line is not None
    # one scale for all four: the baseline lowest, the target highest
    assert line.plain == "baseline 20 ▁ ▃▆ █ target 80"
    assert goal_sparkline([1, 2], None, None).plain == "▁█"  # type: ignore[union-attr]
