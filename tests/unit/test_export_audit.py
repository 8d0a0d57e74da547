"""The quarterly audit document: its sections, its judgements and its determinism."""

from __future__ import annotations

from datetime import date, timedelta

from mdstructure import parse, table_after

from aiops_tui.domain.models import Tool, Workflow
from aiops_tui.export.audit import render_audit
from aiops_tui.export.structure import problems
from aiops_tui.storage.store import Store

ON = date(2026, 11, 23)
HEADINGS = [
    (1, "Quarterly audit, 2026-11-23"),
    (2, "Performance against baseline and target"),
    (2, "Risk and sign-off"),
    (2, "Tools"),
    (3, "Overlap"),
    (3, "Cost without use"),
    (2, "Candidates to retire"),
]


def test_the_sample_audit_has_every_section_and_is_sound(sample_store: Store) -> None:
    text = render_audit(sample_store, ON)
    assert parse(text).headings == HEADINGS
    assert problems(text) == []
    assert render_audit(sample_store, ON) == text


def test_performance_judges_each_success_metric_against_baseline_and_target(
    sample_store: Store,
) -> None:
    structure = parse(render_audit(sample_store, ON))
    rows = {row[0]: row for row in table_after(structure, "Workflow").rows}
    sales = rows["Sales follow-up and pipeline summaries"]
    assert sales[3:6] == ["20 → 80", "72 on 2026-11-16", "86% of the way from baseline to target"]
    content = rows["Content production and repurposing"]
    assert content[5] == "not better than baseline (3.5)"
    assert content[6].startswith("drift: ")
    assert rows["SOP creation and process QA"][2] == "none defined"
    outcomes = {row[0]: row for row in table_after(structure, "Workflow", 1).rows}
    assert outcomes["Sales follow-up and pipeline summaries"][1:3] == ["75%", "25%"]


def test_risk_lists_who_signs_off_and_what_waits(sample_store: Store) -> None:
    structure = parse(render_audit(sample_store, ON))
    table = table_after(structure, "Workflow", 2)
    assert table.header[-3:] == ["Waiting", "For sign-off", "Past limit"]
    sales = next(r for r in table.rows if r[0].startswith("Sales"))
    assert sales[3] == "Ana Ruiz" and sales[4] == "mandatory, in place"


def test_overlap_and_cost_without_use(sample_store: Store) -> None:
    sample_store.tools.add(Tool(name="Free helper", category="misc", monthly_cost=0))
    structure = parse(render_audit(sample_store, ON))
    overlap = table_after(structure, "Category")
    assert [r[:2] for r in overlap.rows] == [
        ["assistant", "ChatGPT Team"],
        ["assistant", "Claude Pro"],
    ]
    idle = table_after(structure, "Tool")
    assert idle.rows == [["Otter.ai", "transcription", "17.00", "none"]]  # no cost: not listed


def test_candidates_to_retire_after_a_quiet_quarter(sample_store: Store) -> None:
    wf = sample_store.workflows.by_name("Content production and repurposing")
    assert wf is not None
    sample_store.workflows.set_status(wf.id or 0, "paused")
    later = ON + timedelta(days=100)
    structure = parse(render_audit(sample_store, later))
    rows = {r[0]: r[1:] for r in table_after(structure, "Workflow", 3).rows}
    assert rows["Content production and repurposing"] == [
        "paused",
        "paused and not changed since 2026-11-23 (over 90 days)",
    ]
    assert rows["Internal reporting and meeting summaries"][1].startswith(
        "live, but no review item and no metric entry since 2026-11-"
    )
    # the paused workflow leaves the other sections (they cover active workflows)
    performance = [r[0] for r in table_after(structure, "Workflow").rows]
    assert "Content production and repurposing" not in performance


def test_nothing_to_audit_still_gives_a_sound_document(store: Store) -> None:
    text = render_audit(store, ON)
    assert problems(text) == []
    assert "No active workflows: nothing to measure yet." in text


def test_hostile_names_keep_the_shape(store: Store) -> None:
    name = "# Q3 | `draft` <b>x</b> ## not a heading"
    store.workflows.add(
        Workflow(name=name, status="live", metric={"name": "| m |", "baseline": 1, "target": 2})
    )
    store.tools.add(Tool(name="| t", category="# c", monthly_cost=5))
    store.tools.add(Tool(name="u |", category="# c", monthly_cost=5))
    text = render_audit(store, ON)
    assert problems(text) == []
    structure = parse(text)
    assert structure.html == 0
    assert [h for h in structure.headings if h[0] == 1] == [(1, "Quarterly audit, 2026-11-23")]
    assert all(len(row) == 7 for row in table_after(structure, "Workflow").rows)
