"""The playbook and the SOP: structure, golden bytes, determinism and safety."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mdstructure import parse, table_after

from aiops_tui.clock import fixed_clock
from aiops_tui.domain.models import (
    ACTIVE_STATUSES,
    STORED,
    Completion,
    MetricEntry,
    Person,
    Prompt,
    SuccessMetric,
    Tool,
    Workflow,
)
from aiops_tui.export import markdown as md
from aiops_tui.export.playbook import render_playbook, render_sop
from aiops_tui.storage.store import Store

ON = date(2026, 11, 23)
GOLDEN = Path(__file__).parents[1] / "golden" / "playbook_sample.md"
TOP = [
    "Contents",
    "Roles and people",
    "Scorecard",
    "Workflows",
    "Governance",
    "Glossary",
    "Operating cadence",
    "Metrics",
    "Tools and cost",
    "Open review items",
    "Changes in the last 30 days",
]


def test_golden_sample_playbook(sample_store: Store) -> None:
    """After a deliberate change, regenerate with AIOPS_UPDATE_GOLDEN=1 and read the diff."""
    produced = render_playbook(sample_store, ON).encode()
    if os.environ.get("AIOPS_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(produced)
    assert produced == GOLDEN.read_bytes()


def test_repeated_export_is_byte_identical(sample_store: Store) -> None:
    first = render_playbook(sample_store, ON)
    assert render_playbook(sample_store, ON) == first
    wf = sample_store.workflows.by_name("Sales follow-up and pipeline summaries")
    assert wf is not None
    assert render_sop(sample_store, wf, ON) == render_sop(sample_store, wf, ON)


def test_structure_one_section_per_active_workflow(sample_store: Store) -> None:
    structure = parse(render_playbook(sample_store, ON))
    assert structure.headings[0] == (1, "AI operations playbook")
    assert [text for level, text in structure.headings if level == 2] == TOP
    active = [wf.name for wf in sample_store.workflows.with_status(ACTIVE_STATUSES)]
    assert len(active) == 5
    start = structure.headings.index((2, "Workflows"))
    end = structure.headings.index((2, "Governance"))
    in_workflows = [text for level, text in structure.headings[start:end] if level == 3]
    assert in_workflows == sorted(active, key=str.lower)
    # each workflow has the same seven subsections
    subsections = [text for level, text in structure.headings[start:end] if level == 4]
    per = [
        "Success metric",
        "Outcomes",
        "Current state",
        "Target state",
        "Production prompt",
        "Tools",
    ]
    assert subsections == per * len(active)
    assert structure.html == 0


def test_tables_have_their_columns(sample_store: Store) -> None:
    structure = parse(render_playbook(sample_store, ON))
    scorecard = table_after(structure, "#")
    assert scorecard.shape == (5, 5)
    assert [row[2] for row in scorecard.rows] == ["100%", "100%", "80%", "100%", "60%"]
    people = table_after(structure, "Person")
    assert people.shape == (7, 4)
    roles = table_after(structure, "Workflow")
    assert roles.header == ["Workflow", "Owner", "Builder", "Reviewer", "Doc owner", "Sign-off"]
    assert len(roles.rows) == 5
    cadence = table_after(structure, "Ritual")
    assert cadence.shape == (6, 5)
    assert {row[0]: row[5] for row in cadence.rows}["Weekly review"] == "today"
    assert {row[0]: row[5] for row in cadence.rows}["Quarterly audit"] == "overdue"
    for table in structure.tables:
        assert all(len(row) == len(table.header) for row in table.rows)


def test_production_prompt_is_fenced_verbatim(sample_store: Store) -> None:
    structure = parse(render_playbook(sample_store, ON))
    prompt = sample_store.prompts.by_name("sales-followup")
    assert prompt is not None
    version = sample_store.prompts.production(prompt.id or 0)
    assert version is not None and version.number == 2
    assert ("text", version.body + "\n") in structure.fences


def test_recent_sections_follow_the_date(sample_store: Store) -> None:
    later = render_playbook(sample_store, date(2027, 3, 1))
    structure = parse(later)
    assert "No changes between 2027-01-30 and 2027-03-01." in later
    assert not any(t.header and t.header[0] == "When" for t in structure.tables)
    earlier = render_playbook(sample_store, date(2026, 10, 20))
    sales = earlier.split("### Sales follow-up")[1].split("### SOP creation")[0]
    assert "2026-11-22" not in sales  # no metric entries after the export date


def test_sop_of_one_workflow(sample_store: Store) -> None:
    wf = sample_store.workflows.by_name("Customer support drafting and triage")
    assert wf is not None
    text = render_sop(sample_store, wf, ON)
    structure = parse(text)
    assert structure.headings[0] == (1, "SOP: Customer support drafting and triage")
    assert [t for level, t in structure.headings if level == 2] == [
        "Procedure",
        "Facts",
        "Success metric",
        "Outcomes",
        "Current state",
        "Target state",
        "Production prompt",
        "Tools",
        "Open review items",
        "Changes in the last 30 days",
    ]
    reviews = table_after(structure, "Workflow")
    assert [row[1] for row in reviews.rows] == ["Ticket 4820: login loop"]
    changes = table_after(structure, "When")
    assert all("Sales" not in row[3] for row in changes.rows)
    assert any("support-triage" in row[3] for row in changes.rows)


def test_markup_in_names_and_fields_stays_in_its_place(sample_store: Store) -> None:
    """Names cannot hold line breaks (the models refuse them) but may hold any markup;
    free-text fields may hold line breaks too."""
    sample_store.db.conn.execute(
        "UPDATE workflows SET name = ?, summary = ?, metric_name = ? WHERE name = ?",
        (
            "# Sales | follow-up ## `x` <b>",
            "# not a heading\n- not a list\n| a | b |\n| - | - |",
            "Reply | rate\n===",
            "Sales follow-up and pipeline summaries",
        ),
    )
    structure = parse(render_playbook(sample_store, ON))
    name = "# Sales | follow-up ## `x` <b>"
    roles = table_after(structure, "Workflow")
    assert name in [row[0] for row in roles.rows]
    assert (3, name) in structure.headings
    assert [text for level, text in structure.headings if level == 2] == TOP
    metrics = table_after(structure, "Workflow", 4)
    assert metrics.header[1] == "Success metric"
    assert "Reply | rate === (%)" in [row[1] for row in metrics.rows]
    assert structure.html == 0


# -- arbitrary text ------------------------------------------------------------

ALPHABET = st.sampled_from(
    list("#|`~*_-+=>.)[]()!<>&\\:' ") + ["a", "b", "1", "é", "漢", "\u00a0", "\u2028", "\u0085"]
)
NAME = st.text(alphabet=ALPHABET, min_size=1, max_size=24).filter(
    lambda s: s.strip() and "\u0085" not in s  # names refuse C1 controls such as NEL
)
CHUNK = st.one_of(ALPHABET, st.sampled_from(["\n", "\r\n", "```", "~~~", "\n# ", "\n| a |"]))
FIELD = st.lists(CHUNK, max_size=30).map("".join)


def _company(path: Path, names: list[str], fields: list[str], safe: bool) -> Store:
    """A small company; with `safe`, every string is replaced by a harmless one."""
    store = Store.open(path, clock=fixed_clock(ON), actor="Ana Ruiz")

    def n(i: int) -> str:
        return f"name{i}" if safe else f"{names[i]} {i}"

    def f(i: int) -> str:
        """Blank stays blank in both, so "not written yet" appears in the same places."""
        if not fields[i].strip():
            return ""
        return f"field{i}" if safe else fields[i]

    person = store.people.add(Person(name=n(0))).id
    # one-line fields refuse control characters now; a file from before holds them
    tool = (
        store.tools.add(
            Tool.model_validate(
                {"name": n(1), "vendor": f(0), "category": f(1) or "x"}, context=STORED
            )
        ).id
        or 0
    )
    for i in (2, 3):
        wf = store.workflows.add(
            Workflow(
                name=n(i),
                summary=f(2),
                status="live",
                owner_id=person,
                review_rule="sample:10",
                # states are the founder's Markdown, rendered as prose: their own headings
                # and tables are meant to show (test_states_are_prose_kept_in_their_section)
                current_state="field3",
                target_state="field4",
                metric=SuccessMetric.model_validate(
                    {"name": f(5) or "m", "unit": f(6)}, context=STORED
                ),
            )
        )
        store.tools.set_links(wf.id or 0, [tool])
        store.prompts.create(
            Prompt(name=n(i + 2), workflow_id=wf.id), f(7) or "body", f(8) or "note"
        )
        prompt = store.prompts.by_name(n(i + 2))
        assert prompt is not None
        store.prompts.move_label(prompt.id or 0, "production", 1, f(9))
        store.metrics.add(
            MetricEntry(workflow_id=wf.id or 0, date=ON, kind="cost", value=1, note=f(10))
        )
    ritual = store.rituals.by_name("Weekly review")
    assert ritual is not None
    store.rituals.update(ritual.model_copy(update={"checklist": [f(11), f(0)]}))
    store.rituals.complete(
        Completion(ritual_id=ritual.id or 0, completed_at=fixed_clock(ON)(), notes=f(1))
    )
    return store


def _shape(text: str) -> tuple[list[int], list[tuple[int, int]], int]:
    structure = parse(text)
    return (
        [level for level, _ in structure.headings],
        [t.shape for t in structure.tables],
        len(structure.fences),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(NAME, min_size=6, max_size=6), fields=st.lists(FIELD, min_size=12, max_size=12)
)
def test_arbitrary_names_and_fields_never_change_the_shape(
    names: list[str], fields: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        weird = _company(Path(tmp) / "weird.db", names, fields, safe=False)
        plain = _company(Path(tmp) / "plain.db", names, fields, safe=True)
        try:
            weird_text = render_playbook(weird, ON)
            assert _shape(weird_text) == _shape(render_playbook(plain, ON))
            structure = parse(weird_text)
            expected = sorted([f"{names[i]} {i}" for i in (2, 3)], key=lambda s: s.lower())
            start = structure.headings.index((2, "Workflows"))
            got = [t for level, t in structure.headings[start:] if level == 3][:2]
            assert sorted(got, key=str.lower) == sorted(
                (md.one_line(e) for e in expected), key=str.lower
            )
            assert structure.html == 0
            wf = weird.workflows.by_name(f"{names[2]} 2")
            assert wf is not None
            plain_wf = plain.workflows.by_name("name2")
            assert plain_wf is not None
            assert _shape(render_sop(weird, wf, ON)) == _shape(render_sop(plain, plain_wf, ON))
        finally:
            weird.close()
            plain.close()


def test_states_are_prose_kept_in_their_section(sample_store: Store) -> None:
    wf = sample_store.workflows.by_name("Sales follow-up and pipeline summaries")
    assert wf is not None
    sample_store.workflows.update(
        wf.model_copy(
            update={
                "current_state": "# Today\n\n<script>alert(1)</script> **bold**\n\n```\nopen",
                "target_state": "Goal\n===\n\n| a | b |\n| - | - |\n| 1 | 2 |",
            }
        )
    )
    text = render_playbook(sample_store, ON)
    structure = parse(text)
    assert "```markdown" not in text  # prose, not a code fence
    assert (5, "Today") in structure.headings and (5, "Goal") in structure.headings
    assert "&lt;script>alert(1)&lt;/script> **bold**" in text
    assert structure.html == 0
    # the open fence was closed: the next section is still a heading
    assert (4, "Target state") in structure.headings
    assert table_after(structure, "a").rows == [["1", "2"]]
