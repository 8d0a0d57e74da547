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
