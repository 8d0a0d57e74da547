"""The weekly summary: what the weekly review looked at and decided, as Markdown.

Pure rendering from a `WeeklySummary` the caller fills in, so the same data
always gives the same bytes (it can be committed next to the playbook).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from aiops_tui.export import markdown


@dataclass(frozen=True)
class WeeklySummary:
    day: date
    who: str
    scorecard: list[tuple[str, str, str]] = field(default_factory=list)
    """(question, percent text, "satisfied/total")"""
    overdue: list[tuple[str, str]] = field(default_factory=list)
    """(ritual, "due 2026-11-16, 7 days late")"""
    pending_reviews: int = 0
    decisions: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(item title, decision, who decided, note)"""
    prompt_changes: list[tuple[str, str, str]] = field(default_factory=list)
    """(when, who, summary)"""
    alerts: list[tuple[str, str, str]] = field(default_factory=list)
    """(kind, workflow, detail)"""
    stale_docs: list[tuple[str, str, str]] = field(default_factory=list)
    """(workflow, state updated, prompt changed)"""
    metrics: list[tuple[str, str, float, str]] = field(default_factory=list)
    """(workflow, metric or series name, value, note)"""
    notes: str = ""


def cell(value: object) -> str:
    """A table cell, escaped like the playbook's (one line, pipes and markup escaped)."""
    return markdown.cell(value, empty="-")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    return [markdown.table(header, [[cell(v) for v in row] for row in rows]), ""]


def _section(title: str, header: list[str], rows: list[list[object]], empty: str) -> list[str]:
    lines = [f"## {title}", ""]
    if not rows:
        return lines + [empty, ""]
    return lines + _table(header, rows)


def render_weekly(summary: WeeklySummary) -> str:
    lines = [
        f"# Weekly review, {summary.day.isoformat()}",
        "",
        f"Run by {cell(summary.who)}.",
        "",
    ]
    lines += _section(
        "Scorecard",
        ["Question", "Share", "Workflows"],
        [list(q) for q in summary.scorecard],
        "No active workflows.",
    )
    lines += _section(
        "Overdue rituals", ["Ritual", "Due"], [list(r) for r in summary.overdue], "None overdue."
    )
    lines += _section(
        "Review decisions",
        ["Item", "Decision", "By", "Note"],
        [[t, d.replace("_", " "), by, n] for t, d, by, n in summary.decisions],
        "No decisions in this review.",
    )
    lines.append(f"Still pending after the review: {summary.pending_reviews}.")
    lines.append("")
    lines += _section(
        "Prompt changes and label moves",
        ["When", "Who", "Change"],
        [list(c) for c in summary.prompt_changes],
        "No prompt changes since the last review.",
    )
    lines += _section(
        "Workflows with alerts",
        ["Alert", "Workflow", "Detail"],
        [[k.replace("_", " "), s, d] for k, s, d in summary.alerts],
        "No alerts.",
    )
    lines += _section(
        "Documentation older than the biweekly update",
        ["Workflow", "State updated", "Prompt changed"],
        [list(s) for s in summary.stale_docs],
        "All documentation is current.",
    )
    lines += _section(
        "Metrics entered",
        ["Workflow", "Metric", "Value", "Note"],
        [[w, k, f"{v:g}", n] for w, k, v, n in summary.metrics],
        "No metrics entered.",
    )
    # the notes are the founder's Markdown: prose, its headings under this section's
    notes = markdown.prose(summary.notes, 2) if summary.notes.strip() else "No notes."
    lines += ["## Notes", "", notes, ""]
    return "\n".join(lines)


def default_filename(day: date) -> str:
    return f"aiops-weekly-{day.isoformat()}.md"
