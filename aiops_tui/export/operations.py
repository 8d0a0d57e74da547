"""The playbook's running sections: cadence, metrics, tools and cost, open
reviews and recent changes. "Recent" is always relative to the export date.

Every list is ordered by something stored (name, date, id), so the same
database and date give the same bytes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from aiops_tui.domain.cadence import due_state, interval_label
from aiops_tui.domain.models import Workflow
from aiops_tui.domain.outcomes import with_unit
from aiops_tui.domain.words import plural
from aiops_tui.export import markdown as md
from aiops_tui.export.document import Document
from aiops_tui.export.sections import yes_no
from aiops_tui.storage.playbook_reads import PlaybookReads
from aiops_tui.storage.store import Store

RECENT_DAYS = 30
MAX_REVIEW_ROWS = 100
MAX_CHANGE_ROWS = 200


def cadence(doc: Document, store: Store, on: date) -> None:
    doc.heading(2, "Operating cadence")
    rituals = sorted(store.rituals.all_rows(), key=lambda r: (r.ritual.name.lower(), r.ritual.id))
    doc.table(
        ["Ritual", "Interval", "Owner", "Last done", "Next due", "State"],
        [
            [
                md.cell(r.ritual.name),
                md.cell(
                    interval_label(
                        r.ritual.interval, r.ritual.every_days, r.ritual.anchor, r.ritual.anchor_day
                    )
                ),
                md.cell(r.owner or ""),
                r.last_done.isoformat() if r.last_done else "never",
                r.next_due.isoformat(),
                due_state(r.next_due, on),
            ]
            for r in rituals
        ],
        empty="No rituals.",
    )
    for r in rituals:
        doc.heading(3, r.ritual.name)
        doc.bullets([f"[ ] {md.text(line)}" for line in r.ritual.checklist], empty="No checklist.")


def metrics(doc: Document, reads: PlaybookReads, active: list[Workflow]) -> None:
    """One line per active workflow; `reads` was read with `since` = RECENT_DAYS back."""
    doc.heading(2, "Metrics")
    rows = []
    for wf in active:
        entry = reads.main_latest.get(wf.id or 0)
        latest = [entry] if entry is not None else []
        m = wf.metric
        rows.append(
            [
                md.cell(wf.name),
                md.cell(f"{m.name} ({m.unit})" if m.unit.strip() else m.name),
                md.number(m.baseline),
                md.number(m.target),
                md.cell(m.direction) if m.defined else md.EMPTY,
                md.cell(with_unit(latest[-1].value, m.unit)) if latest else md.EMPTY,
                latest[-1].date.isoformat() if latest else md.EMPTY,
                str(reads.entries_between.get(wf.id or 0, 0)),
            ]
        )
    doc.table(
        [
            "Workflow",
            "Success metric",
            "Baseline",
            "Target",
            "Better",
            "Latest",
            "On",
            f"Entries in {RECENT_DAYS} days",
        ],
        rows,
        empty="No active workflows.",
    )


def tools(doc: Document, store: Store) -> None:
    doc.heading(2, "Tools and cost")
    listed = store.tools.all_rows()
    doc.table(
        ["Tool", "Vendor", "Category", "Monthly cost", "Active workflows", "All workflows"],
        [
            [
                md.cell(t.tool.name),
                md.cell(t.tool.vendor),
                md.cell(t.tool.category),
                md.money(t.tool.monthly_cost),
                str(t.active_workflows),
                str(t.workflows),
            ]
            for t in listed
        ],
        empty="No tools recorded.",
    )
    audit = store.tools.audit()
    doc.para(
        f"Total **{md.money(audit.total_monthly_cost)} per month** for"
        f" {plural(audit.active_workflows, 'active workflow')}"
        f" ({md.money(audit.cost_per_active_workflow)} per active workflow)."
    )
    doc.heading(3, "Overlap audit")
    findings = [
        f"Several tools for {md.text(category)}: {md.text(', '.join(names))}."
        for category, names in audit.shared_categories
    ] + [
        f"{md.text(t.name)} costs {md.money(t.monthly_cost)}/month and no active workflow uses it."
        for t in audit.unused
    ]
    doc.bullets(findings, empty="No overlap: one tool per category, each one in use.")
    doc.table(
        ["Workflow", "Share of tool cost per month"],
        [[md.cell(name), md.money(cost)] for name, cost in audit.cost_by_workflow],
        empty="No tool cost is linked to an active workflow.",
    )


def open_reviews(doc: Document, store: Store, on: date, workflow_id: int | None = None) -> None:
    from aiops_tui.storage.reviews import ReviewFilter

    doc.heading(2, "Open review items")
    total = store.reviews.count(ReviewFilter(status="pending", workflow_id=workflow_id))
    items = store.reviews.pending_listing(MAX_REVIEW_ROWS, workflow_id)
    if not items:
        doc.para("Nothing is waiting for review.")
        return
    rows = []
    for item in items:
        days = (on - datetime.fromisoformat(item.submitted_at).date()).days
        late = " (late)" if days > item.max_age_days else ""
        rows.append(
            [
                md.cell(item.workflow),
                md.cell(item.title),
                item.submitted_at[:10],
                f"{days}{late}",
                yes_no(item.needs_signoff),
                md.cell(", ".join(item.data_flags), ""),
            ]
        )
    doc.para(
        f"{plural(total, 'item')} {'waits' if total == 1 else 'wait'} for a person, by workflow, oldest first."
    )
    doc.table(["Workflow", "Item", "Submitted", "Days open", "Needs sign-off", "Data flags"], rows)
    if total > len(items):
        doc.para(f"{total - len(items)} more are in the review queue in aiops.")


def changes(
    doc: Document, store: Store, on: date, entities: list[tuple[str, int]] | None = None
) -> None:
    doc.heading(2, f"Changes in the last {RECENT_DAYS} days")
    start = (on - timedelta(days=RECENT_DAYS)).isoformat()
    end = (on + timedelta(days=1)).isoformat()
    if entities is not None and not entities:
        doc.para("No changes recorded.")
        return
    scope = entities or ()
    total = store.changes.count_between(start, end, scope)
    events = store.changes.between(start, end, MAX_CHANGE_ROWS, scope)
    doc.table(
        ["When", "Who", "What", "Summary"],
        [
            [
                e.at.isoformat(sep=" ", timespec="minutes"),
                md.cell(e.who),
                md.cell(f"{e.entity} {e.action}"),
                md.cell(e.summary),
            ]
            for e in events
        ],
        empty=f"No changes between {start} and {on.isoformat()}.",
    )
    if total > len(events):
        doc.para(
            f"{plural(total - len(events), 'earlier change')} in this period"
            f" {'is' if total - len(events) == 1 else 'are'} in aiops."
        )
