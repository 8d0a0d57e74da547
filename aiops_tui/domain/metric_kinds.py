"""Which way is better for each kind of metric entry.

A workflow's success metric carries its own direction, but the entries it
records come in fixed kinds; the trend of a kind is judged by the kind's
natural direction so "time saved" rising never reads as worsening.
"""

from __future__ import annotations

from aiops_tui.domain.models import Direction, MetricKind

LOWER_IS_BETTER = {MetricKind.REWORK_COUNT, MetricKind.COST}


def kind_direction(kind: str) -> Direction:
    return Direction.LOWER if MetricKind(kind) in LOWER_IS_BETTER else Direction.HIGHER
