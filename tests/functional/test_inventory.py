"""Pilot tests for the Workflows and Team & tools screens (issue #3).

Every test asserts on the database and on the ChangeEvent the action wrote.
"""

from __future__ import annotations

from pilot_helpers import open_form
from rich.console import Console
from textual.widgets import Checkbox, DataTable, Input, Select, SelectionList, Static

from aiops_tui.domain.models import Workflow
from aiops_tui.screens.confirm import ConfirmScreen
from aiops_tui.screens.metric_form import MetricForm
from aiops_tui.screens.shadow_form import ShadowForm
from aiops_tui.screens.status_form import StatusForm
from aiops_tui.screens.team import TeamScreen
from aiops_tui.screens.tool_form import ToolForm, ToolLinksForm
from aiops_tui.screens.workflow_detail import WorkflowDetailScreen
from aiops_tui.screens.workflow_form import WorkflowForm
from aiops_tui.screens.workflows import WorkflowsScreen
from aiops_tui.storage.store import Store

SIZE = (120, 40)


def last_change(store: Store) -> tuple[str, str, str]:
    event = store.changes.recent(1)[0]
    return event.entity, event.action, event.summary


def text_of(widget: Static) -> str:
    """What a Static shows, as plain text (works for Rich tables and groups too)."""
    console = Console(width=200, color_system=None)
    with console.capture() as capture:
        console.print(widget.content)
    return capture.get()


def rows(table: DataTable) -> list[str]:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def open_workflows(pilot) -> WorkflowsScreen:
    screen = await open_form(pilot, "2", WorkflowsScreen)
    return screen


async def select_row(pilot, table: DataTable, name: str) -> None:
    table.move_cursor(row=next(i for i, n in enumerate(rows(table)) if n.startswith(name)))
    await pilot.pause()


# -- Workflows ---------------------------------------------------------------


async def test_add_workflow_through_the_form(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_workflows(pilot)
        form = await open_form(pilot, "a", WorkflowForm)
        form.query_one("#field-name", Input).value = "Lead scoring"
        form.query_one("#field-area", Select).value = "sales"
        form.query_one("#field-frequency_per_month", Input).value = "40"
        (await form.field_widget("metric.name")).value = "Qualified leads"
        (await form.field_widget("metric.target")).value = "30"
        (await form.field_widget("tools")).select(sample_store.tools.by_name("HubSpot AI").id)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WorkflowsScreen)
        table = app.screen.query_one("#workflow-table", DataTable)
        assert "Lead scoring" in rows(table)
    wf = sample_store.workflows.by_name("Lead scoring")
    assert wf is not None and wf.area == "sales" and wf.priority == 40 * 3 * 3
    assert wf.metric.target == 30
    assert [t.name for t in sample_store.tools.for_workflow(wf.id)] == ["HubSpot AI"]
    events = [(e.entity, e.action) for e in sample_store.changes.recent(2)]
    assert events == [("workflow", "tools"), ("workflow", "create")]


async def test_edit_with_an_invalid_value_shows_the_error_beside_the_field(
    sample_store: Store, make_app
) -> None:
    before = sample_store.changes.count()
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workflows(pilot)
        await select_row(pilot, screen.query_one("#workflow-table", DataTable), "Invoice")
        form = await open_form(pilot, "e", WorkflowForm)
        form.query_one("#field-frequency_per_month", Input).value = "-5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = str(form.query_one("#error-frequency_per_month", Static).render())
        assert "greater than or equal to 0" in error
        form.query_one("#field-frequency_per_month", Input).value = "70"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WorkflowsScreen)
    assert sample_store.workflows.by_name("Invoice reconciliation").frequency_per_month == 70
    assert sample_store.changes.count() == before + 1
    entity, action, summary = last_change(sample_store)
    assert (entity, action) == ("workflow", "update")
    assert "frequency_per_month 60 -> 70" in summary


async def test_policy_refusal_explains_why(sample_store: Store, make_app) -> None:
    before = sample_store.changes.count()
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workflows(pilot)
        await select_row(pilot, screen.query_one("#workflow-table", DataTable), "Invoice")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-customer_facing", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        rule = str(form.query_one("#error-review_rule", Static).render())
        signoff = str(form.query_one("#error-signoff_id", Static).render())
        assert "must be 'always' because the workflow is customer-facing" in rule
        assert "sign-off person is required" in signoff
        assert sample_store.changes.count() == before
        (await form.field_widget("allowed_data")).select("credentials")
        (await form.field_widget("review_rule")).value = "always"
        ana = sample_store.people.by_name("Ana Ruiz")
        (await form.field_widget("signoff_id")).value = ana.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        data = str(form.query_one("#error-allowed_data", Static).render())
        assert "forbids AI use of credentials" in data
        (await form.field_widget("allowed_data")).deselect("credentials")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WorkflowsScreen)
    wf = sample_store.workflows.by_name("Invoice reconciliation")
    assert wf.customer_facing and wf.review_rule == "always" and wf.signoff_id == ana.id
    assert last_change(sample_store)[:2] == ("workflow", "update")


async def test_filter_by_text_and_terms(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workflows(pilot)
        table = screen.query_one("#workflow-table", DataTable)
        await pilot.press("slash", *"status:live")
        await pilot.pause()
        assert table.row_count == 3
        summary = str(screen.query_one("#summary", Static).render())
        assert summary.startswith("3 workflows") and "filter: status:live" in summary
        await pilot.press("escape")
        await pilot.press("slash", *"owner:cara risk:high")
        await pilot.pause()
        assert rows(table) == ["Customer support drafting and triage"]
        await pilot.press("escape")
        await pilot.press("slash", *"area:sales")
        await pilot.pause()
        assert rows(table) == ["Sales follow-up and pipeline summaries"]


async def test_sort_by_header_and_keys(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workflows(pilot)
        table = screen.query_one("#workflow-table", DataTable)
        assert rows(table)[0].startswith("Customer support")
        await pilot.press("s")  # priority -> risk, high first
        await pilot.pause()
        assert screen.sort == "risk"
        risks = [str(table.get_row_at(i)[5]) for i in range(table.row_count)]
        assert risks[:2] == ["high", "high"] and risks[-1] == "low"
        await pilot.click("#workflow-table", offset=(3, 0))  # the Name header
        await pilot.pause()
        assert screen.sort == "name" and not screen.descending
        assert rows(table) == sorted(rows(table), key=str.lower)
        await pilot.press("S")
        await pilot.pause()
        assert rows(table) == sorted(rows(table), key=str.lower, reverse=True)
        assert "sorted by name ↑" not in str(screen.query_one("#summary", Static).render())


async def test_retire_keeps_history(sample_store: Store, make_app) -> None:
    wf = sample_store.workflows.by_name("Content production and repurposing")
    metrics_before = sample_store.metrics.recent(wf.id, limit=100)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workflows(pilot)
        await select_row(pilot, screen.query_one("#workflow-table", DataTable), wf.name)
        form = await open_form(pilot, "t", StatusForm)
        select = form.query_one("#field-status", Select)
        assert [v for _, v in select._options if v is not Select.NULL] == [
            "paused",
            "pilot",
            "retired",
        ]
        select.value = "retired"
        form.query_one("#field-why", Input).value = "replaced by the agency"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WorkflowsScreen)
    assert sample_store.workflows.get(wf.id).status == "retired"
    assert sample_store.metrics.recent(wf.id, limit=100) == metrics_before
    assert sample_store.prompts.for_workflow(wf.id)
    assert last_change(sample_store) == (
        "workflow",
        "status",
        f"{wf.name}: live -> retired: replaced by the agency",
    )


async def test_shadow_record_then_propose(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_workflows(pilot)
        form = await open_form(pilot, "n", ShadowForm)
        form.query_one("#field-name", Input).value = "Proposals in a personal ChatGPT"
        form.query_one("#field-customer_facing", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WorkflowsScreen)
        wf = sample_store.workflows.by_name("Proposals in a personal ChatGPT")
        assert wf.status == "shadow" and wf.customer_facing
        assert last_change(sample_store) == (
            "workflow",
            "create",
            "added Proposals in a personal ChatGPT (shadow)",
        )
        # proposing customer-facing work without sign-off is refused, with the reason
        form = await open_form(pilot, "t", StatusForm)
        form.query_one("#field-status", Select).value = "proposed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "sign-off person is required" in str(form.query_one("#form-error").render())
        form.query_one("#field-status", Select).value = "retired"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert sample_store.workflows.get(wf.id).status == "retired"
    assert last_change(sample_store)[2].endswith("shadow -> retired")


async def test_mark_reviewed_today(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workflows(pilot)
        table = screen.query_one("#workflow-table", DataTable)
        await select_row(pilot, table, "Internal reporting")
        await pilot.press("x")
        await pilot.pause()
    wf = sample_store.workflows.by_name("Internal reporting and meeting summaries")
    assert wf.last_reviewed_at == sample_store.clock().date()
    assert last_change(sample_store) == ("workflow", "review", f"reviewed {wf.name}")


async def test_start_here_ranks_by_frequency_structure_value(sample_store: Store, make_app) -> None:
    sample_store.workflows.add(
        Workflow(
            name="Quote drafting", status="proposed", frequency_per_month=50, structure=4, value=5
        )
    )
    sample_store.workflows.add(Workflow(name="Rare idea", frequency_per_month=1))
    sample_store.workflows.add(
        Workflow(name="Already live", status="live", frequency_per_month=999)
    )
    assert last_change(sample_store)[:2] == ("workflow", "create")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workflows(pilot)
        text = str(screen.query_one("#start-here", Static).render())
    lines = text.splitlines()
    assert len(lines) == 3
    assert (
        lines[0].startswith("1. Quote drafting")
        and "50/mo x structure 4 x value 5 = 1000" in lines[0]
    )
    assert lines[1].startswith("2. Invoice reconciliation") and "= 900" in lines[1]
    assert lines[2].startswith("3. ")
    assert "Already live" not in text and "Rare idea" not in text


async def test_detail_shows_everything_and_records_a_metric(sample_store: Store, make_app) -> None:
    wf = sample_store.workflows.by_name("Sales follow-up and pipeline summaries")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workflows(pilot)
        await select_row(pilot, screen.query_one("#workflow-table", DataTable), wf.name)
        detail = await open_form(pilot, "enter", WorkflowDetailScreen)
        facts = text_of(detail.query_one("#facts", Static))
        for expected in ("Ana Ruiz", "Dev Patel", "Ben Okafor", "Cara Lind", "HubSpot AI"):
            assert expected in facts
        assert "80/mo x structure 4 x value 4 = 1280" in facts
        assert "Follow-ups drafted by AI" in str(detail.query_one("#metric-title", Static).render())
        assert detail.query_one("#prompt-table", DataTable).row_count == 1
        assert detail.query_one("#history-table", DataTable).row_count >= 2
        assert "baseline 20" in text_of(detail.query_one("#metric-spark", Static))
        form = await open_form(pilot, "m", MetricForm)
        assert form.query_one("#field-series", Select).value == ""  # its success metric
        form.query_one("#field-value", Input).value = "abc"
        form.query_one("#field-date", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        value_error = str(form.query_one("#error-value", Static).render())
        assert "'a', 'b', 'c' are not allowed here" in value_error  # said, not dropped
        form.query_one("#field-value", Input).value = "75"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert str(form.query_one("#error-date", Static).render()).startswith("↑")
        form.query_one("#field-date", Input).value = "2026-11-23"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is detail
        assert "latest 75% on 2026-11-23" in text_of(detail.query_one("#metric-spark", Static))
        history = detail.query_one("#history-table", DataTable)
        assert "Follow-ups drafted by AI = 75%" in str(history.get_row_at(0)[2])
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkflowsScreen)
    assert last_change(sample_store) == (
        "metric",
        "create",
        f"{wf.name}: Follow-ups drafted by AI = 75% on 2026-11-23",
    )


# -- Team & tools ---------------------------------------------------------------


async def open_team(pilot) -> TeamScreen:
    await pilot.press("6")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TeamScreen)
    return pilot.app.screen


async def test_people_add_rename_remove_and_refusal(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        people = screen.query_one("#people-table", DataTable)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "Eve Stone"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Eve Stone" in rows(people)
        assert last_change(sample_store) == ("person", "create", "added Eve Stone")
        await select_row(pilot, people, "Eve Stone")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "Eve Stein"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert last_change(sample_store) == ("person", "update", "renamed Eve Stone to Eve Stein")
        # Ana holds roles: removal is refused with the reason
        await select_row(pilot, people, "Ana Ruiz")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert sample_store.people.by_name("Ana Ruiz") is not None
        assert any("still holds roles" in n.message for n in app._notifications)
        await select_row(pilot, people, "Eve Stein")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Eve Stein" not in rows(people)
    assert sample_store.people.by_name("Eve Stein") is None
    assert last_change(sample_store) == ("person", "delete", "removed Eve Stein")


async def test_role_matrix_flags_empty_roles(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        matrix = screen.query_one("#matrix-table", DataTable)
        title = str(screen.query_one("#matrix-title", Static).render())
        assert "5 with an empty role" in title
        first = matrix.get_row_at(0)
        assert "empty" in [str(c) for c in first]
        complete = [
            i for i in range(matrix.row_count) if "empty" not in map(str, matrix.get_row_at(i))
        ]
        assert complete and min(complete) == 5  # gaps are listed first
        matrix.focus()
        matrix.move_cursor(row=2)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkflowDetailScreen)
        assert app.screen.workflow_id == int(matrix.coordinate_to_cell_key((2, 0)).row_key.value)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)


async def test_tools_crud_links_and_overlap_audit(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        tools = screen.query_one("#tools-table", DataTable)
        assert tools.has_focus
        form = await open_form(pilot, "a", ToolForm)
        form.query_one("#field-name", Input).value = "Fireflies"
        form.query_one("#field-category", Input).value = "Transcription"
        form.query_one("#field-monthly_cost", Input).value = "-3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "greater than or equal to 0" in str(form.query_one("#error-monthly_cost").render())
        form.query_one("#field-monthly_cost", Input).value = "10"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert last_change(sample_store) == (
            "tool",
            "create",
            "added tool Fireflies (transcription, 10.00/month)",
        )
        audit = str(screen.query_one("#audit", Static).render())
        assert "Overlap: transcription has 2 tools (Fireflies, Otter.ai)" in audit
        assert "Unused: Fireflies costs 10.00/month" in audit
        assert "Total 237.00/month" in audit
        # link it from the tool side
        await select_row(pilot, tools, "Fireflies")
        links = await open_form(pilot, "enter", ToolLinksForm)
        sales = sample_store.workflows.by_name("Sales follow-up and pipeline summaries")
        links.query_one("#field-workflows", SelectionList).select(sales.id)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert last_change(sample_store) == (
            "tool",
            "links",
            "added workflows Sales follow-up and pipeline summaries",
        )
        audit = str(screen.query_one("#audit", Static).render())
        assert "Unused: Fireflies" not in audit
        # edit, then remove
        await select_row(pilot, tools, "Fireflies")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-monthly_cost", Input).value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert sample_store.tools.by_name("Fireflies").monthly_cost == 12
        assert last_change(sample_store) == ("tool", "update", "edited tool Fireflies")
        await select_row(pilot, tools, "Fireflies")
        await pilot.press("d", "y")
        await pilot.pause()
    assert sample_store.tools.by_name("Fireflies") is None
    assert "Fireflies" not in [t.name for t in sample_store.tools.for_workflow(sales.id)]
    assert last_change(sample_store) == ("tool", "delete", "removed tool Fireflies")


async def test_data_class_policy_cycles_and_refuses(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        data = screen.query_one("#data-table", DataTable)
        assert data.has_focus
        await select_row(pilot, data, "confidential")
        await pilot.press("enter")  # needs approval -> forbidden (nobody lists it)
        await pilot.pause()
        assert sample_store.data_classes.policies()["confidential"] == "forbidden"
        assert last_change(sample_store) == (
            "data_class",
            "update",
            "data class confidential: needs_approval -> forbidden",
        )
        before = sample_store.changes.count()
        await select_row(pilot, data, "financial")
        await pilot.press("e")  # needs approval -> forbidden, but a workflow lists it
        await pilot.pause()
        assert sample_store.data_classes.policies()["financial"] == "needs_approval"
        assert sample_store.changes.count() == before
        assert any("cannot forbid financial" in n.message for n in app._notifications)
