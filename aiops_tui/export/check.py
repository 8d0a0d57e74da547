"""`aiops check`: the scorecard and alerts as plain text, and an exit code."""

from __future__ import annotations

from aiops_tui.domain.words import plural
from aiops_tui.storage.health_figures import Health

EXIT_OK = 0
EXIT_CRITICAL = 1
USE_CASES_SHOWN = 20


def render_check(health: Health) -> tuple[str, int]:
    """Text for a terminal or a cron mail; exit 1 when a critical gap exists."""
    lines = [f"aiops check: {plural(health.active_workflows, 'active workflow')}", ""]
    for q in health.questions:
        lines.append(
            f"{q.number}. {q.question:<38} {q.percent_text:>5}  ({q.satisfied}/{q.total} {q.measure})"
        )
    if health.use_cases:
        shown = health.use_cases[:USE_CASES_SHOWN]
        more = len(health.use_cases) - len(shown)
        lines.append("")
        lines.append(
            "approved use cases: " + ", ".join(shown) + (f" and {more} more" if more > 0 else "")
        )
    lines.append("")
    if health.alerts:
        lines.append(f"alerts ({len(health.alerts)}, {len(health.critical)} critical):")
        for alert in health.alerts:
            mark = "!!" if alert.critical else "- "
            lines.append(f"{mark} {alert.kind:<12} {alert.subject}: {alert.detail}")
    else:
        lines.append("no alerts")
    code = EXIT_CRITICAL if health.critical else EXIT_OK
    lines.append("")
    lines.append("critical gaps found" if code else "no critical gaps")
    return "\n".join(lines) + "\n", code
