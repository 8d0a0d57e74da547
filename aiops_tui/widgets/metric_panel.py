"""One workflow's metric at a glance: a sparkline and recent values against baseline and target.

Reusable: the weekly review shows it for the workflow being entered, and the
workflow detail can show it too. It only renders what it is given (entries
oldest first, the workflow's SuccessMetric); it never reads the database.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from aiops_tui.domain.drift import detect_drift, trend_label
from aiops_tui.domain.models import Direction, MetricEntry, SuccessMetric
from aiops_tui.widgets.safe_text import display_safe, safe_cell

BLOCKS = "▁▂▃▄▅▆▇█"
TREND_STYLE = {"improving": "green", "worsening": "bold red", "flat": "", "no data": "dim"}


def sparkline(values: Sequence[float]) -> str:
    """One block character a value, scaled between the smallest and the largest."""
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return ""
    low, high = min(finite), max(finite)
    span = high - low
    out = []
    for v in values:
        if not math.isfinite(v):
            out.append(" ")
        elif span == 0:
            out.append(BLOCKS[3])
        else:
            out.append(BLOCKS[round((v - low) / span * (len(BLOCKS) - 1))])
    return "".join(out)


MIN_POINTS = 2
"""A sparkline needs two values: one value has no shape, and drawn alone it reads as a
full-height bar."""


def goal_sparkline(
    values: Sequence[float], baseline: float | None, target: float | None
) -> Text | None:
    """The values as blocks on one scale with the baseline and target, which stand at
    either end (`20 ▁ ▂▄▅▆ █ 80`), so the height of a value says how far along it is.
    None below MIN_POINTS finite values."""
    finite = [v for v in values if math.isfinite(v)]
    if len(finite) < MIN_POINTS:
        return None
    goals = [g for g in (baseline, target) if g is not None and math.isfinite(g)]
    blocks = sparkline([*goals, *values])
    marks, line = blocks[: len(goals)], blocks[len(goals) :]
    out = Text()
    if baseline is not None and math.isfinite(baseline):
        out.append(f"baseline {baseline:g} ", style="dim")
        out.append(marks[0], style="dim")
        out.append(" ")
    out.append(line, style="bold")
    if target is not None and math.isfinite(target):
        out.append(" ")
        out.append(marks[-1], style="dim")
        out.append(f" target {target:g}", style="dim")
    return out


def _delta(value: float, reference: float | None, direction: Direction) -> Text:
    """Signed difference from a reference, green when on the good side."""
    if reference is None:
        return Text("-", style="dim")
    diff = value - reference
    good = diff >= 0 if direction == Direction.HIGHER else diff <= 0
    return Text(f"{diff:+.4g}", style="green" if good else "red")


class MetricPanel(Static):
    DEFAULT_CSS = """
    MetricPanel { height: auto; border: round $primary-darken-1; padding: 0 1; }
    """

    def show(self, metric: SuccessMetric, entries: Sequence[MetricEntry], rows: int = 6) -> None:
        values = [e.value for e in entries]
        direction = metric.direction
        head = Text()
        head.append(display_safe(metric.name or "no success metric defined"), style="bold")
        if metric.unit:
            head.append(f" ({display_safe(metric.unit)})")
        head.append(f" · {direction.value} is better")
        if metric.baseline is not None:
            head.append(f" · baseline {metric.baseline:g}")
        if metric.target is not None:
            head.append(f" · target {metric.target:g}")
        trend = trend_label(values, direction)
        spark = goal_sparkline(values, metric.baseline, metric.target) or Text(
            "no entries yet" if not values else "one value so far: a trend needs two",
            style="dim",
        )
        spark.append("  ")
        spark.append(trend, style=TREND_STYLE[trend])
        parts: list[object] = [head, spark]
        drift = detect_drift(values, metric.baseline, metric.target, direction)
        if drift:
            parts.append(Text(f"drift: {drift}", style="bold red"))
        if entries:
            table = Table(box=None, padding=(0, 1), show_edge=False, header_style="dim")
            for name, justify in [
                ("Date", "left"),
                ("Value", "right"),
                ("vs baseline", "right"),
                ("vs target", "right"),
                ("Note", "left"),
            ]:
                table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
            for e in list(entries)[-rows:][::-1]:
                table.add_row(
                    e.date.isoformat(),
                    f"{e.value:g}",
                    _delta(e.value, metric.baseline, direction),
                    _delta(e.value, metric.target, direction),
                    safe_cell(e.note),  # a plain str cell would be read as markup
                )
            parts.append(table)
        self.update(Group(*parts))  # type: ignore[arg-type]
