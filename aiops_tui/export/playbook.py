"""The Markdown playbook and the per-workflow SOP: what the founder hands the team.

`render_playbook(store, on)` and `render_sop(store, workflow, on)` read only
through the Store's repositories and return text. They are deterministic:
the same database and the same `on` give the same bytes (no wall-clock time,
every list in a stored order), so the playbook can live in git and be diffed.
"Recent" always means the 30 days up to `on`; the scorecard follows the
store's clock, which the CLI fixes to `on`.
"""

from __future__ import annotations

from datetime import date, timedelta

from aiops_tui.domain.models import ACTIVE_STATUSES, Workflow
from aiops_tui.domain.words import plural
from aiops_tui.export import markdown as md
from aiops_tui.export import operations, sections
from aiops_tui.export.document import Document
from aiops_tui.export.workflow_doc import (
    RECENT_METRICS,
    person,
    procedure,
    review_short,
    workflow_body,
)
from aiops_tui.storage.playbook_reads import PlaybookReads, read_playbook
from aiops_tui.storage.store import Store
from aiops_tui.storage.writer import ExportError

TITLE = "AI operations playbook"


def _intro(on: date, what: str) -> str:
    return (
        f"As of **{on.isoformat()}**. {what} Exported from aiops: change the data in aiops"
        " and export again rather than editing this file."
    )


def read_for(store: Store, workflows: list[Workflow], on: date) -> PlaybookReads:
    """Every per-workflow fact of the document in a fixed number of queries."""
    ids = [wf.id for wf in workflows if wf.id is not None]
    since = on - timedelta(days=operations.RECENT_DAYS)
    return read_playbook(store.db, ids, on, RECENT_METRICS, since)


def _workflow_links(
    doc: Document, active: list[Workflow], names: dict[int, str], sop_files: dict[int, str]
) -> None:
    """The folder's index: one row per workflow, linking its SOP file (which holds the rest)."""
    doc.table(
        ["Workflow", "Status", "Owner", "Review step", "Success metric"],
        [
            [
                f"[{md.cell(wf.name)}]({sop_files[wf.id or 0]})",
                md.cell(wf.status),
                person(names, wf.owner_id),
                md.cell(review_short(wf.review_rule)),
                md.cell(wf.metric.name, "none yet"),
            ]
            for wf in active
        ],
    )


def render_playbook(
    store: Store,
    on: date,
    sop_files: dict[int, str] | None = None,
    reads: PlaybookReads | None = None,
) -> str:
    """The whole playbook; with `sop_files` (workflow id -> relative path), the index of
    an exported folder: the workflows as links to their SOP files instead of in full.
    `reads` must cover the active workflows when given (read_for)."""
    active = store.workflows.with_status(ACTIVE_STATUSES)
    names = store.people.names()
    reads = read_for(store, active, on) if reads is None else reads
    doc = Document()
    doc.heading(1, TITLE)
    doc.para(
        _intro(
            on,
            "How this company uses AI: who owns each workflow, how quality is measured,"
            " where a person reviews, and how changes are documented.",
        )
    )
    contents_heading = len(doc.blocks)
    doc.heading(2, "Contents")
    contents_at = len(doc.blocks)
    doc.block("")
    sections.roles(doc, store, active, names)
    sections.scorecard(doc, store)
    doc.heading(2, "Workflows")
    doc.para(
        f"{plural(len(active), 'active workflow')} (approved, pilot or live), by name."
        if active
        else "No active workflows yet: approve a use case in aiops first."
    )
    if sop_files is not None and active:
        _workflow_links(doc, active, names, sop_files)
    for wf in active if sop_files is None else []:
        doc.heading(3, wf.name)
        workflow_body(doc, reads, wf, on, names, level=4)
    sections.governance(doc, store, active, names)
    sections.glossary(doc)
    operations.cadence(doc, store, on)
    operations.metrics(doc, reads, active)
    operations.tools(doc, store)
    operations.open_reviews(doc, store, on)
    operations.changes(doc, store, on)
    doc.blocks[contents_at] = doc.contents(skip=contents_heading)
    return doc.render()


def render_sop(
    store: Store,
    workflow: Workflow,
    on: date,
    index: str | None = None,
    reads: PlaybookReads | None = None,
) -> str:
    """The standard operating procedure of one workflow, whatever its status; `index` is
    the relative link back to the playbook when the SOP is a file of an exported folder.
    `reads` may hold the facts of many workflows, read once for a whole folder."""
    names = store.people.names()
    reads = read_for(store, [workflow], on) if reads is None else reads
    doc = Document()
    doc.heading(1, f"SOP: {workflow.name}")
    doc.para(_intro(on, f"How to run this {md.text(workflow.status)} workflow."))
    if index is not None:
        doc.para(f"Part of the [{TITLE}]({index}).")
    doc.heading(2, "Procedure")
    doc.block("\n".join(procedure(reads, workflow, names)))
    doc.heading(2, "Facts")
    workflow_body(doc, reads, workflow, on, names, level=2)
    operations.open_reviews(doc, store, on, workflow_id=workflow.id)
    entities = [("workflow", workflow.id or 0), ("metric", workflow.id or 0)]
    entities += [("prompt", p.id or 0) for p in store.prompts.of_workflow(workflow.id or 0)]
    operations.changes(doc, store, on, entities)
    return doc.render()


def render_export(store: Store, on: date, workflow_name: str | None = None) -> str:
    """The playbook, or one workflow's SOP by name; an unknown name is refused."""
    if workflow_name is None:
        return render_playbook(store, on)
    workflow = store.workflows.by_name(workflow_name)
    if workflow is None:
        raise ExportError(f"no workflow named {workflow_name!r} (see the Workflows screen)")
    return render_sop(store, workflow, on)
