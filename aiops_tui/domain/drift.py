"""Is a live workflow's metric drifting the wrong way?

An AI workflow rarely breaks loudly: a prompt change, a model update or a
shift in inputs makes the output a little worse each week, and nobody notices
until a customer does. The weekly review therefore flags a metric whose recent
values keep getting worse, or whose latest value is already worse than the
baseline the workflow was meant to beat.

Pure functions over plain numbers; the caller picks the values (oldest first).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from itertools import pairwise

from aiops_tui.domain.vocabulary import Direction

WORSENING_RUN = 2
"""Drift when each of the last three values (two steps) is worse than the one before."""

TREND_WINDOW = 5
"""trend_label looks at this many most recent values."""


def _fmt(value: float) -> str:
    """Compact number for a reason line: 12, 12.5, 0.333, 1.2e+06."""
    return f"{value:.4g}"


def _worse(new: float, old: float, direction: Direction) -> bool:
    """True when `new` is strictly worse than `old` given which way is better."""
    return new < old if direction == Direction.HIGHER else new > old


def _finite(values: Sequence[float]) -> list[float]:
    """Drop NaN and infinities: one bad entry must not hide or fake a drift."""
    return [float(v) for v in values if v is not None and math.isfinite(v)]


def detect_drift(
    values: Sequence[float],
    baseline: float | None,
    target: float | None,
    direction: Direction,
) -> str | None:
    """A short reason if the metric drifts the wrong way, else None.

    Drift is either of:
      * the last three values each moved the wrong way, i.e. each is strictly
        worse than the value before it (four values are needed);
      * the latest value is strictly worse than the baseline.
    The target, when known, is quoted in the reason so the reader sees how far
    off the workflow is.

    The dashboard asks only about the series that storage.health.MAY_DRIFT lets
    through in SQL; a change here must keep that filter a superset of what this
    flags (tests/test_health_equivalence.py checks the two against each other).
    """
    vals = _finite(values)
    if not vals:
        return None
    reasons: list[str] = []
    latest = vals[-1]
    worse_word = "below" if direction == Direction.HIGHER else "above"

    if baseline is not None and math.isfinite(baseline) and _worse(latest, baseline, direction):
        reasons.append(f"latest {_fmt(latest)} is {worse_word} baseline {_fmt(baseline)}")

    if len(vals) > WORSENING_RUN:
        run = vals[-(WORSENING_RUN + 1) :]
        if all(_worse(b, a, direction) for a, b in pairwise(run)):
            verb = "falling" if direction == Direction.HIGHER else "rising"
            path = " → ".join(_fmt(v) for v in run)
            reasons.append(f"last {WORSENING_RUN + 1} values {verb} ({path})")

    if not reasons:
        return None
    if target is not None and math.isfinite(target):
        reasons.append(f"target {_fmt(target)}")
    return "; ".join(reasons)


def trend_label(values: Sequence[float], direction: Direction) -> str:
    """'improving', 'worsening', 'flat' or 'no data' for the recent values.

    Uses the least-squares line through the last few values rather than the
    last step alone, so one noisy entry does not flip the label. The line's
    change across the window counts as flat when it is no larger than the
    values' scatter about the line (their root mean square distance from it):
    a move that noise alone could make. Both sides grow with the values'
    scale and neither sees their zero, so scaling a series or shifting it by
    a constant never changes its label: accuracy 0.80 -> 0.85 reads like
    80 -> 85, and a metric near 100 like one near 0. The sums are exact
    fractions, so that holds to the last digit. Fewer than two values give
    'no data': one point has no trend.
    """
    vals = [Fraction(v) for v in _finite(values)[-TREND_WINDOW:]]
    n = len(vals)
    if n < 2:
        return "no data"
    centre = Fraction(n - 1, 2)  # the mean position
    mean_y = sum(vals) / n
    spread = sum((i - centre) ** 2 for i in range(n))
    slope = sum((i - centre) * (v - mean_y) for i, v in enumerate(vals)) / spread
    change = slope * (n - 1)  # fitted change across the window
    scatter = sum((v - mean_y - slope * (i - centre)) ** 2 for i, v in enumerate(vals)) / n
    if change * change <= scatter:
        return "flat"
    improving = change > 0 if direction == Direction.HIGHER else change < 0
    return "improving" if improving else "worsening"
