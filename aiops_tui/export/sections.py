"""The playbook's company-wide sections: roles and people, the scorecard and
governance.

Each function appends its section to a `Document`. Every list is ordered by
something stored (name, date, id), never by chance, so the same database and
date always give the same bytes.
"""

from __future__ import annotations

from aiops_tui.domain.models import Status, Workflow
from aiops_tui.domain.policy import requires_review
from aiops_tui.domain.words import plural
from aiops_tui.export import markdown as md
from aiops_tui.export.document import Document
from aiops_tui.export.workflow_doc import person, review_step, signoff_text
from aiops_tui.storage.store import Store

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
    doc.para(f"The five questions, answered for the {plural(total, 'active workflow')}.")
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
    _use_cases(doc, store, active)
    _data_rules(doc, store)
    _review_and_signoff(doc, active, names)
    _prompt_versioning(doc)


def _use_cases(doc: Document, store: Store, active: list[Workflow]) -> None:
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


def _data_rules(doc: Document, store: Store) -> None:
    doc.heading(3, "Data rules")
    doc.table(
        ["Data class", "AI use", "What it covers"],
        [
            [md.cell(c.name), md.cell(str(c.policy).replace("_", " ")), md.cell(c.description)]
            for c in store.data_classes.all_rows()
        ],
    )
    doc.para(
        "Data marked *needs approval* goes into an AI tool only for a workflow that lists it"
        " as allowed data. Forbidden data never does."
    )


def _review_and_signoff(doc: Document, active: list[Workflow], names: dict[int, str]) -> None:
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


def _prompt_versioning(doc: Document) -> None:
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


GLOSSARY = [
    "**Statuses**: *idea* (noted), *proposed* (asked for), *approved* (AI may be used),"
    " *pilot* (tried on real work with review), *live* (part of the daily work), *paused*,"
    " *retired*, and *shadow*: AI use found that nobody approved.",
    "**Review rules**: *always* (a person checks every output before it is used),"
    " *sample:N* (a person checks N% of outputs), *none* (outputs are used as they are).",
    "**Sign-off**: the named person who approves customer-facing or high-risk output.",
    "**Labels**: *production* marks the prompt version the workflow uses, *staging* the one"
    " being tried; moving production back to an older version is a rollback.",
    "**First-time approval**: share of drafts approved as the AI wrote them;"
    " **rework**: share corrected or sent back, and how much of the draft changed.",
]


def glossary(doc: Document) -> None:
    doc.heading(2, "Glossary")
    doc.bullets(GLOSSARY)
