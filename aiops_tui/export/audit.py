"""The quarterly audit: does each workflow still earn its keep, safely, at what cost?

The document the "Quarterly audit" ritual walks through: each active workflow's
success metric against its baseline and target and its counted outcomes; the
risk and sign-off set-up with the items waiting; tools that overlap (several
in one category) and tools that cost money with no active workflow using them;
and the workflows that look ready to retire (domain.audit). Deterministic like
the playbook: the same database and day give the same bytes.
"""

from __future__ import annotations

from datetime import date

from aiops_tui.domain import audit as rules
from aiops_tui.domain.drift import detect_drift, trend_label
from aiops_tui.domain.models import ACTIVE_STATUSES, Status, Workflow
from aiops_tui.domain.outcomes import outcomes
from aiops_tui.domain.policy import policy_gap, requires_review
from aiops_tui.domain.words import plural
from aiops_tui.export import markdown as md
from aiops_tui.export.document import Document
from aiops_tui.export.workflow_doc import RECENT_METRICS, person, review_short
from aiops_tui.storage.audit_reads import AuditReads, read_audit
from aiops_tui.storage.playbook_reads import PlaybookReads, read_playbook
from aiops_tui.storage.store import Store
from aiops_tui.storage.tools import ToolRow

TITLE = "Quarterly audit"
OUTCOME_KEYS = ("first_time", "rework", "time_to_decision", "throughput", "cost")


def default_filename(on: date) -> str:
    return f"aiops-audit-{on.isoformat()}.md"


def _standing(wf: Workflow, reads: PlaybookReads) -> list[str]:
    m = wf.metric
    if not m.defined:
        return [md.cell(wf.name), md.cell(wf.status), "none defined", *[md.EMPTY] * 4]
    entry = reads.main_latest.get(wf.id or 0)
    values = [e.value for e in reads.recent.get(wf.id or 0, [])]
    drift = detect_drift(values, m.baseline, m.target, m.direction)
    trend = f"drift: {drift}" if drift else trend_label(values, m.direction)
    return [
        md.cell(wf.name),
        md.cell(wf.status),
        md.cell(f"{m.name} ({m.unit})" if m.unit.strip() else m.name),
        f"{md.number(m.baseline)} → {md.number(m.target)}",
        f"{md.number(entry.value)} on {entry.date.isoformat()}" if entry else md.EMPTY,
        md.cell(
            rules.against_target(entry.value if entry else None, m.baseline, m.target, m.direction)
        ),
        md.cell(trend if values else "no values"),
    ]


def performance(doc: Document, active: list[Workflow], reads: PlaybookReads) -> None:
    doc.heading(2, "Performance against baseline and target")
    if not active:
        doc.para("No active workflows: nothing to measure yet.")
        return
    doc.para("Each workflow's own success metric: its latest value against where it started.")
    doc.table(
        [
            "Workflow",
            "Status",
            "Success metric",
            "Baseline → target",
            "Latest",
            "Standing",
            "Trend",
        ],
        [_standing(wf, reads) for wf in active],
    )
    doc.para(
        "Outcomes counted from the review queue and the tools (last 4 weeks; a dash: not"
        " measured, see the workflow's SOP for what to do):"
    )
    rows = []
    for wf in active:
        found = {o.key: o for o in outcomes(reads.outcomes[wf.id or 0])}
        rows.append(
            [md.cell(wf.name)]
            + [
                md.cell(f"{found[k].value} (drift)" if found[k].drift else found[k].value or "")
                for k in OUTCOME_KEYS
            ]
        )
    doc.table(
        ["Workflow", "First-time approval", "Rework", "Time to decision", "Throughput", "Cost"],
        rows,
    )


def _policy(wf: Workflow) -> str:
    gap = policy_gap(wf.customer_facing, str(wf.risk), wf.review_rule, wf.signoff_id)
    if gap:
        return f"gap: {gap}"
    return "mandatory, in place" if requires_review(wf.customer_facing, str(wf.risk)) else "by rule"


def risk_and_signoff(
    doc: Document,
    active: list[Workflow],
    names: dict[int, str],
    reads: PlaybookReads,
    extra: AuditReads,
) -> None:
    doc.heading(2, "Risk and sign-off")
    gaps = sum(1 for wf in active if _policy(wf).startswith("gap"))
    waiting = sum(extra.waiting.values())
    doc.para(
        f"{plural(gaps, 'policy gap')}; {plural(waiting, 'review item')} waiting, of which"
        f" {sum(extra.waiting_signoff.values())} for a sign-off."
    )
    doc.table(
        [
            "Workflow",
            "Risk",
            "Review step",
            "Signs off",
            "Policy",
            "Waiting",
            "For sign-off",
            "Past limit",
        ],
        [
            [
                md.cell(wf.name),
                md.cell(f"{wf.risk}, customer-facing" if wf.customer_facing else str(wf.risk)),
                md.cell(review_short(wf.review_rule)),
                person(names, wf.signoff_id),
                md.cell(_policy(wf)),
                str(extra.waiting.get(wf.id or 0, 0)),
                str(extra.waiting_signoff.get(wf.id or 0, 0)),
                str(reads.outcomes[wf.id or 0].waiting_late),
            ]
            for wf in active
        ],
        empty="No active workflows.",
    )


def tools(doc: Document, listed: list[ToolRow], extra: AuditReads) -> None:
    doc.heading(2, "Tools")
    total = sum(t.tool.monthly_cost for t in listed)
    doc.para(f"{plural(len(listed), 'tool')}, {md.money(total)} a month in all.")
    doc.heading(3, "Overlap")
    by_category: dict[str, list[ToolRow]] = {}
    for row in listed:
        by_category.setdefault(row.tool.category, []).append(row)
    shared = [(c, rows) for c, rows in sorted(by_category.items()) if len(rows) > 1]
    doc.table(
        ["Category", "Tool", "Monthly cost", "Used by"],
        [
            [
                md.cell(category),
                md.cell(row.tool.name),
                md.money(row.tool.monthly_cost),
                md.cell(
                    ", ".join(extra.tool_users.get(row.tool.id or 0, [])), "no active workflow"
                ),
            ]
            for category, rows in shared
            for row in rows
        ],
        empty="No overlap: one tool per category.",
    )
    doc.heading(3, "Cost without use")
    idle = [row for row in listed if row.active_workflows == 0 and row.tool.monthly_cost > 0]
    doc.table(
        ["Tool", "Category", "Monthly cost", "Linked workflows"],
        [
            [
                md.cell(row.tool.name),
                md.cell(row.tool.category),
                md.money(row.tool.monthly_cost),
                f"{row.workflows}, none active" if row.workflows else "none",
            ]
            for row in idle
        ],
        empty="Every tool that costs money is used by an active workflow.",
    )
    if idle:
        saving = sum(row.tool.monthly_cost for row in idle)
        them = "it" if len(idle) == 1 else "them"
        doc.para(f"Cancelling {them} saves {md.money(saving)} a month.")


def retire(doc: Document, workflows: list[Workflow], extra: AuditReads, on: date) -> None:
    doc.heading(2, "Candidates to retire")
    usages = [
        rules.Usage(
            name=wf.name,
            status=str(wf.status),
            last_item=extra.last_item.get(wf.id or 0),
            last_entry=extra.last_entry.get(wf.id or 0),
            changed=wf.updated_at.date() if wf.updated_at else None,
        )
        for wf in workflows
    ]
    found = rules.retire_candidates(usages, on)
    doc.para(
        f"Pilot or live workflows with no review item and no metric entry in"
        f" {rules.QUIET_DAYS} days, and workflows paused and unchanged that long."
    )
    doc.table(
        ["Workflow", "Status", "Why"],
        [[md.cell(c.name), md.cell(c.status), md.cell(c.reason)] for c in found],
        empty="None: every running workflow shows use, and nothing has been paused long.",
    )


def render_audit(store: Store, on: date) -> str:
    """The quarterly audit on `on`: active workflows, plus paused ones for retirement."""
    active = store.workflows.with_status(ACTIVE_STATUSES)
    audited = store.workflows.with_status((*ACTIVE_STATUSES, Status.PAUSED))
    ids = [wf.id for wf in audited if wf.id is not None]
    reads = read_playbook(store.db, ids, on, RECENT_METRICS, on)
    extra = read_audit(store.db, ids, on)
    names = store.people.names()
    doc = Document()
    doc.heading(1, f"{TITLE}, {on.isoformat()}")
    doc.para(
        f"As of **{on.isoformat()}**: the quarter's look at whether each workflow still earns"
        " its keep, safely and at a fair cost. Exported from aiops: record the decisions in"
        " aiops (retire, pause, cancel a tool) and export again."
    )
    performance(doc, active, reads)
    risk_and_signoff(doc, active, names, reads, extra)
    tools(doc, store.tools.all_rows(), extra)
    retire(doc, audited, extra, on)
    return doc.render()
