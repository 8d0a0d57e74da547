"""The playbook's company-wide sections: roles, scorecard, governance, cadence,
metrics, tools, open reviews and recent changes.

Each function appends its section to a `Document`. Every list is ordered by
something stored (name, date, id), never by chance, so the same database and
date always give the same bytes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from aiops_tui.domain.cadence import due_state, interval_label
from aiops_tui.domain.policy import requires_review
from aiops_tui.export import markdown as md
from aiops_tui.export.document import Document
from aiops_tui.export.workflow_doc import person, review_step, signoff_text
from aiops_tui.models import Status, Workflow
from aiops_tui.storage.store import Store

RECENT_DAYS = 30
MAX_REVIEW_ROWS = 100
MAX_CHANGE_ROWS = 200
ROLE_NAMES = ("owner", "builder", "reviewer", "doc_owner", "signoff")
NOT_ACTIVE = (Status.IDEA, Status.PROPOSED, Status.PAUSED, Status.SHADOW)


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def roles(doc: Document, store: Store, active: list[Workflow], names: dict[int, str]) -> None:
    doc.heading(2, "Roles and people")
    doc.bullets(
        [
            "**Owner**: the systems owner; answers for the workflow working at all.",
            "**Builder**: writes and changes the prompts and the set-up.",
            "**Reviewer**: the subject-matter expert who checks outputs.",
            "**Doc owner**: keeps the SOP and the prompt notes current.",
            "**Sign-off**: approves customer-facing or high-risk output before it goes out.",
        ]
    )
    people = store.people.load()
    doc.table(
        ["Person", "Email", "Owner", "Builder", "Reviewer", "Doc owner", "Sign-off"],
        [
            [md.cell(p.name), md.cell(p.email or ""), *[str(counts[r]) for r in ROLE_NAMES]]
            for p, counts in people
        ],
        empty="No people recorded yet.",
    )
    doc.para("Roles on the active workflows:")
    doc.table(
        ["Workflow", "Owner", "Builder", "Reviewer", "Doc owner", "Sign-off"],
        [
            [md.cell(wf.name)] + [person(names, getattr(wf, f"{r}_id")) for r in ROLE_NAMES]
            for wf in active
        ],
        empty="No active workflows.",
    )


def scorecard(doc: Document, store: Store) -> None:
    doc.heading(2, "Scorecard")
    questions = store.health.scorecard()
    total = questions[0].total if questions else 0
    doc.para(f"The five questions, answered for the {total} active workflows.")
    doc.table(
        ["#", "Question", "Share", "Workflows", "Measured as"],
        [
            [
                str(q.number),
                md.cell(q.question),
                q.percent_text,
                f"{q.satisfied}/{q.total}",
                md.cell(q.measure),
            ]
            for q in questions
        ],
    )


def governance(doc: Document, store: Store, active: list[Workflow], names: dict[int, str]) -> None:
    doc.heading(2, "Governance")
    doc.heading(3, "Approved use cases")
    doc.para("AI may be used for these workflows (approved, pilot or live), and only these.")
    doc.table(
        ["Workflow", "Area", "Status", "Risk", "Customer-facing", "Allowed data"],
        [
            [
                md.cell(wf.name),
                md.cell(wf.area),
                md.cell(wf.status),
                md.cell(wf.risk),
                yes_no(wf.customer_facing),
                md.cell(", ".join(str(d) for d in wf.allowed_data), "none listed"),
            ]
            for wf in active
        ],
        empty="No approved use cases yet.",
    )
    others = store.workflows.with_status(NOT_ACTIVE)
    if others:
        doc.para("Not approved for AI use (yet); shadow use must stop or be proposed:")
        doc.table(
            ["Workflow", "Status", "Priority"],
            [[md.cell(wf.name), md.cell(wf.status), str(wf.priority)] for wf in others],
        )
    doc.heading(3, "Data rules")
    doc.table(
        ["Data class", "AI use", "What it covers"],
        [
            [md.cell(c.name), md.cell(str(c.policy).replace("_", " ")), md.cell(c.description)]
            for c in store.data_classes.list()
        ],
    )
    doc.para(
        "Data marked *needs approval* goes into an AI tool only for a workflow that lists it"
        " as allowed data. Forbidden data never does."
    )
    doc.heading(3, "Review and sign-off")
    doc.para(
        "Review is mandatory for customer-facing or high-risk work: its review rule is"
        " *always* and a named person signs off every output. Other work is reviewed as its"
        " rule says (*sample:N* means N% of outputs)."
    )
    doc.table(
        ["Workflow", "Review step", "Sign-off", "Policy"],
        [
            [
                md.cell(wf.name),
                md.cell(review_step(wf.review_rule)),
                signoff_text(wf, names),
                "mandatory" if requires_review(wf.customer_facing, wf.risk) else "by rule",
            ]
            for wf in active
        ],
        empty="No active workflows.",
    )
    doc.heading(3, "Prompt versioning")
    doc.bullets(
        [
            "Every change to a prompt is a new numbered version; versions are never edited"
            " or deleted.",
            "Each version carries a change note saying what changed and why.",
            "The *production* label marks what the workflow uses. It moves only after the"
            " promotion checklist: change note written, tried on real inputs, reviewer agrees.",
            "A rollback moves *production* back to an older version; every label move is"
            " kept with who, when and why.",
        ]
    )


def cadence(doc: Document, store: Store, on: date) -> None:
    doc.heading(2, "Operating cadence")
    rituals = sorted(store.rituals.list(), key=lambda r: (r.ritual.name.lower(), r.ritual.id))
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


def metrics(doc: Document, store: Store, active: list[Workflow], on: date) -> None:
    doc.heading(2, "Metrics")
    since = on - timedelta(days=RECENT_DAYS)
    rows = []
    for wf in active:
        kind = store.metrics.primary_kind(wf.id or 0)
        latest = store.metrics.recent_until(wf.id or 0, on, kind=kind, limit=1) if kind else []
        m = wf.metric
        rows.append(
            [
                md.cell(wf.name),
                md.cell(f"{m.name} ({m.unit})" if m.unit.strip() else m.name),
                md.number(m.baseline),
                md.number(m.target),
                md.cell(m.direction) if m.defined else md.EMPTY,
                f"{md.number(latest[-1].value)} {md.cell(kind)}" if latest else md.EMPTY,
                latest[-1].date.isoformat() if latest else md.EMPTY,
                str(store.metrics.count_between(wf.id or 0, since, on)),
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
    listed = store.tools.list()
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
        f" {audit.active_workflows} active workflows"
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
    doc.para(f"{total} items wait for a person, by workflow, oldest first.")
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
        doc.para(f"{total - len(events)} earlier changes in this period are in aiops.")
