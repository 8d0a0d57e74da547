"""A living example company, so a new user sees a believable system at once.

Everything is written through the repositories (with its ChangeEvents) and
dated relative to the store's clock, so the sample always looks current and
is identical for a fixed clock (snapshots rely on that).
"""

from __future__ import annotations

from datetime import timedelta

from aiops_tui.domain.models import (
    Completion,
    DataClassName,
    Decision,
    MetricEntry,
    Person,
    Prompt,
    ReviewDecision,
    ReviewItem,
    SuccessMetric,
    Tool,
    Workflow,
)
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store

D = DataClassName

PEOPLE = [
    ("Ana Ruiz", "ana@example.com"),
    ("Ben Okafor", "ben@example.com"),
    ("Cara Lind", "cara@example.com"),
    ("Dev Patel", None),
]

TOOLS = [
    ("ChatGPT Team", "OpenAI", "assistant", 60.0),
    ("Claude Pro", "Anthropic", "assistant", 40.0),
    ("HubSpot AI", "HubSpot", "crm", 90.0),
    ("Notion AI", "Notion", "docs", 20.0),
    ("Otter.ai", "Otter", "transcription", 17.0),
]


def _workflows(p: dict[str, int]) -> list[tuple[Workflow, list[str]]]:
    return [
        (
            Workflow(
                name="Sales follow-up and pipeline summaries",
                summary="Draft follow-up emails after calls and a weekly pipeline summary.",
                area="sales",
                status="live",
                owner_id=p["Ana Ruiz"],
                builder_id=p["Dev Patel"],
                reviewer_id=p["Ben Okafor"],
                doc_owner_id=p["Cara Lind"],
                frequency_per_month=80,
                structure=4,
                value=4,
                risk="medium",
                customer_facing=True,
                review_rule="always",
                signoff_id=p["Ana Ruiz"],
                allowed_data=[D.INTERNAL, D.CUSTOMER_PERSONAL],
                current_state="- Call notes go into HubSpot\n- AI drafts the follow-up\n"
                "- Ana approves every email before it is sent",
                target_state="Follow-ups drafted within **1 hour** of the call; "
                "pipeline summary every Monday.",
                metric=SuccessMetric(
                    name="Follow-ups drafted by AI",
                    unit="%",
                    baseline=20,
                    target=80,
                    direction="higher",
                ),
            ),
            ["ChatGPT Team", "HubSpot AI"],
        ),
        (
            Workflow(
                name="Content production and repurposing",
                summary="Turn one long article into posts, a newsletter and social snippets.",
                area="content",
                status="live",
                owner_id=p["Ben Okafor"],
                builder_id=p["Ben Okafor"],
                reviewer_id=p["Cara Lind"],
                doc_owner_id=p["Ben Okafor"],
                frequency_per_month=12,
                structure=3,
                value=4,
                risk="medium",
                customer_facing=True,
                review_rule="always",
                signoff_id=p["Ben Okafor"],
                allowed_data=[D.PUBLIC, D.INTERNAL],
                current_state="Ben writes the long piece; AI proposes five derivatives.",
                target_state="Every article yields a newsletter and three posts the same week.",
                metric=SuccessMetric(
                    name="Quality score", unit="1-5", baseline=3.5, target=4.5, direction="higher"
                ),
            ),
            ["Claude Pro", "Notion AI"],
        ),
        (
            Workflow(
                name="Customer support drafting and triage",
                summary="Classify incoming tickets and draft first replies.",
                area="support",
                status="pilot",
                owner_id=p["Cara Lind"],
                builder_id=p["Dev Patel"],
                reviewer_id=p["Cara Lind"],
                doc_owner_id=p["Cara Lind"],
                frequency_per_month=300,
                structure=4,
                value=5,
                risk="high",
                customer_facing=True,
                review_rule="always",
                signoff_id=p["Cara Lind"],
                allowed_data=[D.INTERNAL, D.CUSTOMER_PERSONAL],
                current_state="Tickets are tagged by hand; replies written from scratch.",
                target_state="AI tags every ticket and drafts a reply; Cara signs off.",
                metric=SuccessMetric(
                    name="Agent time saved",
                    unit="minutes/week",
                    baseline=0,
                    target=300,
                    direction="higher",
                ),
            ),
            ["ChatGPT Team"],
        ),
        (
            Workflow(
                name="Internal reporting and meeting summaries",
                summary="Summaries of internal meetings and the monthly numbers memo.",
                area="reporting",
                status="live",
                owner_id=p["Dev Patel"],
                builder_id=p["Dev Patel"],
                reviewer_id=p["Ana Ruiz"],
                doc_owner_id=None,
                frequency_per_month=30,
                structure=5,
                value=2,
                risk="low",
                customer_facing=False,
                review_rule="sample:20",
                allowed_data=[D.INTERNAL, D.FINANCIAL],
                current_state="Meetings are recorded; AI writes the summary.",
                target_state="Summaries in the shared folder within the hour.",
                metric=SuccessMetric(
                    name="Time saved",
                    unit="minutes/week",
                    baseline=0,
                    target=240,
                    direction="higher",
                ),
            ),
            ["ChatGPT Team"],
        ),
        (
            Workflow(
                name="SOP creation and process QA",
                summary="Draft SOPs from screen recordings and check them against practice.",
                area="operations",
                status="approved",
                owner_id=p["Cara Lind"],
                builder_id=None,
                reviewer_id=p["Ana Ruiz"],
                doc_owner_id=p["Cara Lind"],
                frequency_per_month=6,
                structure=3,
                value=3,
                risk="low",
                review_rule="sample:50",
                allowed_data=[D.INTERNAL],
                current_state="SOPs live in people's heads.",
                target_state="Every recurring process has a current SOP.",
            ),
            ["Notion AI"],
        ),
        (
            Workflow(
                name="Vendor research and decision memos",
                summary="Compare vendors and draft a one-page decision memo.",
                area="research",
                status="proposed",
                owner_id=p["Ana Ruiz"],
                frequency_per_month=3,
                structure=2,
                value=4,
                risk="low",
                allowed_data=[D.PUBLIC],
            ),
            [],
        ),
        (
            Workflow(
                name="Invoice reconciliation",
                summary="Match invoices to payments and flag mismatches.",
                area="operations",
                status="idea",
                frequency_per_month=60,
                structure=5,
                value=3,
                risk="medium",
                allowed_data=[D.FINANCIAL],
            ),
            [],
        ),
        (
            Workflow(
                name="Contract review with a personal chatbot",
                summary="Found in the weekly review: contracts pasted into a personal account.",
                area="other",
                status="shadow",
                risk="high",
                frequency_per_month=4,
                structure=2,
                value=3,
            ),
            [],
        ),
    ]


PROMPTS = [
    (
        "sales-followup",
        "Sales follow-up and pipeline summaries",
        [
            (
                "Write a follow-up email to {{contact_name}} at {{company}} after our call.\n"
                "Summarise: {{call_notes}}",
                "first version",
            ),
            (
                "Write a short, friendly follow-up email to {{contact_name}} at {{company}}.\n"
                "Use these call notes: {{call_notes}}\nEnd with one clear next step.",
                "shorter emails and one next step: replies were too long",
            ),
            (
                "Write a short, friendly follow-up email to {{contact_name}} at {{company}}.\n"
                "Use these call notes: {{call_notes}}\nEnd with one clear next step and"
                " propose two meeting times from {{calendar_slots}}.",
                "offer meeting times to raise the reply rate",
            ),
        ],
        2,
    ),
    (
        "support-triage",
        "Customer support drafting and triage",
        [
            (
                "Classify this ticket as billing, bug, how-to or other, then draft a reply.\n"
                "Ticket: {{ticket}}",
                "first version",
            ),
            (
                "Classify this ticket as billing, bug, how-to or other.\nDraft a reply in our"
                " tone guide ({{tone_guide}}). Never promise refunds.\nTicket: {{ticket}}",
                "add tone guide; forbid refund promises after a bad draft",
            ),
        ],
        2,
    ),
    (
        "meeting-summary",
        "Internal reporting and meeting summaries",
        [
            ("Summarise this meeting transcript in five bullets: {{transcript}}", "first version"),
            (
                "Summarise this meeting transcript: decisions, owners, deadlines.\n{{transcript}}",
                "structure by decisions and owners",
            ),
        ],
        2,
    ),
    (
        "content-repurpose",
        "Content production and repurposing",
        [
            (
                "Turn this article into three LinkedIn posts and a newsletter intro:\n{{article}}",
                "first version",
            ),
            (
                "Turn this article into three LinkedIn posts (under 120 words each) and a"
                " newsletter intro. Keep our voice: {{voice_notes}}\n{{article}}",
                "length limits and voice notes",
            ),
        ],
        2,
    ),
]


def load_sample(store: Store) -> None:
    """Add the example company. Refused on a database that already has workflows.

    One transaction: a lock or a refusal halfway leaves no half a company behind.
    """
    with store.db.transaction():
        _load_sample(store)


def _load_sample(store: Store) -> None:
    if store.workflows.any():
        raise StoreError("the database already has workflows; the sample goes into an empty one")
    now = store.clock()
    today = now.date()
    people = {
        name: store.people.add(Person(name=name, email=email)).id or 0 for name, email in PEOPLE
    }
    tools = {
        t[0]: store.tools.add(Tool(name=t[0], vendor=t[1], category=t[2], monthly_cost=t[3])).id
        or 0
        for t in TOOLS
    }
    workflows: dict[str, int] = {}
    for wf, tool_names in _workflows(people):
        stored = store.workflows.add(wf)
        workflows[wf.name] = stored.id or 0
        if tool_names:
            store.tools.set_links(stored.id or 0, [tools[n] for n in tool_names])
    for name, days_ago in [
        ("Sales follow-up and pipeline summaries", 6),
        ("Content production and repurposing", 12),
        ("Customer support drafting and triage", 3),
        ("Internal reporting and meeting summaries", 45),
    ]:
        store.workflows.mark_reviewed(workflows[name], on=today - timedelta(days=days_ago))

    versions: dict[str, list[int]] = {}
    for prompt_name, wf_name, bodies, production in PROMPTS:
        prompt, first = store.prompts.create(
            Prompt(name=prompt_name, workflow_id=workflows[wf_name]),
            bodies[0][0],
            bodies[0][1],
            author="Dev Patel",
        )
        ids = [first.id or 0]
        for body, note in bodies[1:]:
            ids.append(store.prompts.add_version(prompt.id or 0, body, note, "Dev Patel").id or 0)
        versions[prompt_name] = ids
        store.prompts.move_label(prompt.id or 0, "production", 1, "initial release", "Ana Ruiz")
        if production > 1:
            store.prompts.move_label(
                prompt.id or 0, "production", production, "better review results", "Ana Ruiz"
            )
        if len(bodies) > production:
            store.prompts.move_label(
                prompt.id or 0, "staging", len(bodies), "trying on real inputs", "Dev Patel"
            )

    _sample_reviews(store, workflows, versions, people)
    _sample_metrics(store, workflows)
    _sample_completions(store)


def _sample_reviews(
    store: Store, wf: dict[str, int], versions: dict[str, list[int]], people: dict[str, int]
) -> None:
    now = store.clock()
    items = [
        (
            "Follow-up: Acme Corp discovery call",
            "Sales follow-up and pipeline summaries",
            "sales-followup",
            1,
            5,
            "approved",
            "Ana Ruiz",
        ),
        (
            "Follow-up: Globex renewal",
            "Sales follow-up and pipeline summaries",
            "sales-followup",
            1,
            1,
            "pending",
            None,
        ),
        (
            "Pipeline summary week 47",
            "Sales follow-up and pipeline summaries",
            "sales-followup",
            1,
            4,
            "pending",
            None,
        ),
        (
            "Ticket 4812: refund request",
            "Customer support drafting and triage",
            "support-triage",
            1,
            2,
            "changes_requested",
            "Cara Lind",
        ),
        (
            "Ticket 4820: login loop",
            "Customer support drafting and triage",
            "support-triage",
            1,
            0,
            "pending",
            None,
        ),
        (
            "Ticket 4799: invoice copy",
            "Customer support drafting and triage",
            "support-triage",
            0,
            9,
            "rejected",
            "Cara Lind",
        ),
        (
            "Newsletter: five lessons from pricing",
            "Content production and repurposing",
            "content-repurpose",
            1,
            3,
            "approved",
            "Ben Okafor",
        ),
        (
            "Board meeting summary",
            "Internal reporting and meeting summaries",
            "meeting-summary",
            1,
            6,
            "approved",
            "Ana Ruiz",
        ),
    ]
    for title, wf_name, prompt, version_index, days_ago, status, reviewer in items:
        item = store.reviews.add(
            ReviewItem(
                workflow_id=wf[wf_name],
                prompt_version_id=versions[prompt][version_index],
                title=title,
                input=f"Context for {title.lower()}.",
                output=f"## Draft\n\nHello,\n\nThis is the AI draft for *{title}*.\n\n"
                "- point one\n- point two\n\nBest regards",
                source="sample",
                submitted_at=now - timedelta(days=days_ago, hours=2),
            )
        )
        if status == "pending" or reviewer is None:
            continue
        note = {
            "approved": "",
            "changes_requested": "Do not promise a refund; point to the policy.",
            "rejected": "Wrong customer: the draft used another account's data.",
        }[status]
        store.reviews.decide(
            ReviewDecision(
                item_id=item.id or 0,
                reviewer=reviewer,
                decision=Decision(status),
                note=note,
                accuracy=4 if status == "approved" else 2,
                fit=5 if status == "approved" else 3,
                corrected_output="Hello,\n\nThanks for reaching out. Our refund policy is"
                " linked below.\n\nBest regards"
                if status == "changes_requested"
                else None,
                edit_ratio=0.42 if status == "changes_requested" else None,
                decided_at=now - timedelta(days=max(days_ago - 1, 0)),
            )
        )


def _sample_metrics(store: Store, wf: dict[str, int]) -> None:
    today = store.clock().date()
    series: dict[str, tuple[str, list[float]]] = {
        "Sales follow-up and pipeline summaries": ("adoption_pct", [40, 48, 55, 61, 66, 72]),
        "Content production and repurposing": ("quality_score", [4.0, 4.3, 4.4, 4.1, 3.8, 3.4]),
        "Customer support drafting and triage": (
            "time_saved_minutes",
            [60, 90, 120, 150, 160, 190],
        ),
        "Internal reporting and meeting summaries": (
            "time_saved_minutes",
            [120, 150, 180, 200, 210, 230],
        ),
    }
    for name, (kind, values) in series.items():
        for weeks_ago, value in zip(range(len(values) - 1, -1, -1), values, strict=True):
            store.metrics.add(
                MetricEntry(
                    workflow_id=wf[name],
                    date=today - timedelta(days=7 * weeks_ago + 1),
                    kind=kind,
                    value=value,
                )
            )
    store.metrics.add(
        MetricEntry(
            workflow_id=wf["Sales follow-up and pipeline summaries"],
            date=today - timedelta(days=2),
            kind="cost",
            value=150.0,
            note="ChatGPT + HubSpot share",
        )
    )


def _sample_completions(store: Store) -> None:
    """Owners for the cadence and a few past completions, some of them late."""
    now = store.clock()
    owners = {
        "Weekly review": "Ana Ruiz",
        "Documentation update": "Cara Lind",
        "Cost and usage review": "Ana Ruiz",
        "Prioritize next workflows": "Ana Ruiz",
        "Quarterly audit": "Ben Okafor",
    }
    for name, owner in owners.items():
        ritual = store.rituals.by_name(name)
        person = store.people.by_name(owner)
        if ritual is not None and person is not None:
            store.rituals.update(ritual.model_copy(update={"owner_id": person.id}))
    for name, days_ago in [
        ("Weekly review", 8),
        ("Documentation update", 10),
        ("Cost and usage review", 20),
        ("Quarterly audit", 70),
    ]:
        ritual = store.rituals.by_name(name)
        if ritual is None:
            continue
        store.rituals.complete(
            Completion(
                ritual_id=ritual.id or 0,
                who="Ana Ruiz",
                completed_at=now - timedelta(days=days_ago),
                notes="All lines done.",
                ticked=list(range(len(ritual.checklist))),
            )
        )
