"""One workflow written down: the section of the playbook and the body of its SOP.

Everything a person needs to run the workflow without asking the founder:
who holds which role, how outputs are reviewed and signed off, how success
is measured (with the latest values), what the process is and should become,
the exact production prompt and the tools.
"""

from __future__ import annotations

from datetime import date

from aiops_tui.domain.models import Workflow, parse_review_rule
from aiops_tui.domain.outcomes import outcomes, with_unit
from aiops_tui.domain.policy import requires_review, review_reasons
from aiops_tui.domain.words import plural
from aiops_tui.export import markdown as md
from aiops_tui.export.document import Document
from aiops_tui.storage.playbook_reads import PlaybookReads

RECENT_METRICS = 6


def review_step(rule: str) -> str:
    kind, percent = parse_review_rule(rule)
    if kind == "always":
        return "always: a person reviews every output before it is used"
    if kind == "sample":
        return f"sample: a person reviews {percent}% of outputs"
    return "none: outputs are used without a review step"


def review_short(rule: str) -> str:
    """The review rule in a table cell: "always", "50% sampled", "none"."""
    kind, percent = parse_review_rule(rule)
    return f"{percent}% sampled" if kind == "sample" else kind


def person(names: dict[int, str], person_id: int | None) -> str:
    return md.cell(names.get(person_id, "")) if person_id is not None else md.EMPTY


def risk_text(wf: Workflow) -> str:
    return f"{wf.risk}, customer-facing" if wf.customer_facing else f"{wf.risk}, internal"


def signoff_text(wf: Workflow, names: dict[int, str]) -> str:
    name = person(names, wf.signoff_id)
    if requires_review(wf.customer_facing, wf.risk):
        why = review_reasons(wf.customer_facing, wf.risk)[0]
        return f"{name} (required: {why})"
    return name if wf.signoff_id is not None else "not required"


def facts_table(wf: Workflow, names: dict[int, str]) -> str:
    rows = [
        ["Area", md.cell(wf.area)],
        ["Status", md.cell(wf.status)],
        [
            "Priority",
            f"{wf.priority} ({wf.frequency_per_month}/month × structure {wf.structure}"
            f" × value {wf.value})",
        ],
        ["Risk", md.cell(risk_text(wf))],
        ["Owner", person(names, wf.owner_id)],
        ["Builder", person(names, wf.builder_id)],
        ["Reviewer", person(names, wf.reviewer_id)],
        ["Doc owner", person(names, wf.doc_owner_id)],
        ["Review step", md.cell(review_step(wf.review_rule))],
        ["Sign-off", signoff_text(wf, names)],
        ["Pending review at most", plural(wf.max_review_age_days, "day")],
        ["Allowed data", md.cell(", ".join(str(d) for d in wf.allowed_data), "none listed")],
        ["Last reviewed", md.cell(wf.last_reviewed_at or "", "never")],
    ]
    return md.table(["Field", "Value"], rows)


def metric_block(doc: Document, reads: PlaybookReads, wf: Workflow, on: date, level: int) -> None:
    doc.heading(level, "Success metric")
    m = wf.metric
    if not m.defined:
        doc.para("No success metric defined yet: the workflow cannot show it earns its keep.")
    else:
        unit = f" ({md.text(m.unit)})" if m.unit.strip() else ""
        doc.para(
            f"**{md.text(m.name)}**{unit}: baseline {md.number(m.baseline)},"
            f" target {md.number(m.target)}, {m.direction} is better."
        )
    entries = reads.recent.get(wf.id or 0, [])
    doc.table(
        ["Date", "Value", "Note"],
        [
            [e.date.isoformat(), md.cell(with_unit(e.value, m.unit)), md.cell(e.note, "")]
            for e in reversed(entries)
        ],
        empty=f"No values recorded on or before {on.isoformat()}.",
    )


def outcome_block(doc: Document, reads: PlaybookReads, wf: Workflow, level: int) -> None:
    """The six outcomes counted from the data, and the review figures by prompt version."""
    doc.heading(level, "Outcomes")
    counts = reads.outcomes.get(wf.id or 0)
    if counts is None:
        return
    rows = []
    for o in outcomes(counts):
        trend = f"drift: {o.drift}" if o.drift else o.trend
        rows.append(
            [
                md.cell(o.label),
                md.cell(o.value or "not measured"),
                md.cell(trend),
                md.cell(o.detail),
            ]
        )
    doc.para("Counted from the review queue, the tools and the series; nobody types them.")
    doc.table(["Outcome", "Value", "Trend", "How it is counted, or what to do"], rows)
    versions = reads.versions.get(wf.id or 0, [])
    if versions:
        vrows = []
        for v in versions:
            cells = {o.key: o.value or md.EMPTY for o in outcomes(v.counts, per_version=True)}
            vrows.append(
                [
                    md.cell(f"{v.prompt} v{v.number}"),
                    md.cell(cells["first_time"]),
                    md.cell(cells["rework"]),
                    md.cell(cells["time_to_decision"]),
                    str(v.counts.weeks[0].decided if v.counts.weeks else 0),
                ]
            )
        doc.table(
            ["Prompt version", "First-time approval", "Rework", "Time to decision", "Items"],
            vrows,
        )


def state_block(doc: Document, title: str, body: str, level: int) -> None:
    """Current and target state are the founder's Markdown: shown as prose, its headings
    under this section's and any raw HTML shown as text."""
    doc.heading(level, title)
    if body.strip():
        doc.block(md.prose(body, level))
    else:
        doc.para("Not written yet.")


def prompt_block(doc: Document, reads: PlaybookReads, wf: Workflow, level: int) -> None:
    doc.heading(level, "Production prompt")
    prompts = reads.prompts.get(wf.id or 0, [])
    if not prompts:
        doc.para("No prompt in the library for this workflow.")
        return
    for prompt in prompts:
        version = reads.production.get(prompt.id or 0)
        if version is None:
            latest = reads.latest_number.get(prompt.id or 0)
            have = f" (latest is v{latest})" if latest else ""
            doc.para(f"{md.code(prompt.name)}: no version is in production{have}.")
            continue
        labels = reads.labels.get(prompt.id or 0, {})
        others = [f"{label} v{n}" for label, n in labels.items() if label != "production"]
        also = f" Other labels: {md.text(', '.join(others))}." if others else ""
        doc.para(
            f"{md.code(prompt.name)} **v{version.number}**, written"
            f" {version.created_at.date().isoformat()} by {md.text(version.author)}."
            f" Change note: {md.text(version.change_note)}.{also}"
        )
        doc.block(md.fence(version.body, "text"))


def tools_block(doc: Document, reads: PlaybookReads, wf: Workflow, level: int) -> None:
    doc.heading(level, "Tools")
    tools = reads.tools.get(wf.id or 0, [])
    doc.table(
        ["Tool", "Vendor", "Category", "Monthly cost"],
        [
            [md.cell(t.name), md.cell(t.vendor), md.cell(t.category), md.money(t.monthly_cost)]
            for t in tools
        ],
        empty="No tools linked.",
    )


def workflow_body(
    doc: Document,
    reads: PlaybookReads,
    wf: Workflow,
    on: date,
    names: dict[int, str],
    level: int,
) -> None:
    """Everything under the workflow's heading; subsections at `level`. `reads` holds
    what is read from the database for every workflow of the document at once."""
    if wf.summary.strip():
        doc.para(md.text(wf.summary))
    doc.block(facts_table(wf, names))
    metric_block(doc, reads, wf, on, level)
    outcome_block(doc, reads, wf, level)
    state_block(doc, "Current state", wf.current_state, level)
    state_block(doc, "Target state", wf.target_state, level)
    prompt_block(doc, reads, wf, level)
    tools_block(doc, reads, wf, level)


def procedure(reads: PlaybookReads, wf: Workflow, names: dict[int, str]) -> list[str]:
    """The SOP's steps, derived from the workflow's own rules."""
    data = ", ".join(str(d) for d in wf.allowed_data)
    steps = [
        f"Inputs: use only these data classes: {md.text(data, 'none listed, so ask the owner')}."
        " Never paste data the data rules forbid.",
    ]
    prompts = reads.prompts.get(wf.id or 0, [])
    in_production = []
    for p in prompts:
        version = reads.production.get(p.id or 0)
        if version is not None:
            in_production.append(f"{md.code(p.name)} v{version.number}")
    if in_production:
        steps.append(f"Draft: use the production prompt {', '.join(in_production)}, as below.")
    else:
        steps.append("Draft: there is no production prompt yet; ask the builder.")
    steps.append(f"Review: {md.text(review_step(wf.review_rule))}.")
    if wf.signoff_id is not None or requires_review(wf.customer_facing, wf.risk):
        who = person(names, wf.signoff_id)
        steps.append(
            f"Sign-off: {who} approves each output before it goes out."
            if wf.signoff_id is not None
            else "Sign-off: required, but nobody is named; the owner must name a person."
        )
    if wf.metric.defined:
        steps.append(f"Measure: record {md.text(wf.metric.name)} in aiops at the weekly review.")
    steps.append(
        "Change: a prompt change is a new version with a change note; production moves only"
        f" after the promotion checklist. The doc owner ({person(names, wf.doc_owner_id)})"
        " exports this SOP again."
    )
    return [f"{i}. {step}" for i, step in enumerate(steps, 1)]
