"""Cadence screen: ticking lines (kept across restarts), completing a ritual, the ritual form."""

from __future__ import annotations

from datetime import date

from conftest import USER
from pilot_helpers import open_form
from textual.widgets import Input, OptionList, Select

from aiops_tui.screens.cadence import CadenceScreen
from aiops_tui.screens.completion_form import CompletionForm
from aiops_tui.screens.ritual_form import RitualForm
from aiops_tui.storage.ritual_ticks import ticks_key
from aiops_tui.storage.store import Store

SIZE = (120, 40)


def weekly(store: Store):
    ritual = store.rituals.by_name("Weekly review")
    assert ritual is not None
    return ritual


def move_to(app, name: str) -> None:
    table = app.screen.query_one("#ritual-table")
    for row in range(table.row_count):
        if str(table.get_row_at(row)[0]) == name:
            table.move_cursor(row=row)


async def open_ritual(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    """Cadence (5) with the cursor on the ritual called `name`."""
    await pilot.press("5")
    await pilot.pause()
    move_to(pilot.app, name)
    await pilot.pause()


async def test_space_ticks_lines_and_ticks_survive_a_restart(sample_store: Store, make_app) -> None:
    ritual = weekly(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_ritual(pilot, "Weekly review")
        await pilot.press("space", "space")  # on the list: the next open line each time
        await pilot.pause()
        assert sample_store.ticks.get(ritual) == {0: USER, 1: USER}
        await pilot.press("tab")  # into the checklist, on the line ticked last
        assert app.screen.query_one("#checklist", OptionList).highlighted == 1
        await pilot.press("down", "space", "up", "space")  # tick line 3, untick line 2
        await pilot.pause()
        assert sample_store.ticks.get(ritual) == {0: USER, 2: USER}
        checklist = app.screen.query_one("#checklist", OptionList)
        assert checklist.border_subtitle == "2/4 ticked"
        assert str(checklist.get_option_at_index(2).prompt).startswith("☑")
        assert str(checklist.get_option_at_index(2).prompt).endswith(f"  {USER}")
        assert str(checklist.get_option_at_index(1).prompt).startswith("☐")

    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_ritual(pilot, "Weekly review")
        checklist = app.screen.query_one("#checklist", OptionList)
        assert checklist.border_subtitle == "2/4 ticked"


async def test_complete_records_who_notes_and_ticks(sample_store: Store, make_app) -> None:
    ritual = weekly(sample_store)
    before = sample_store.rituals.completion_count(ritual.id or 0)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_ritual(pilot, "Weekly review")
        row = next(r for r in sample_store.rituals.all_rows() if r.ritual.id == ritual.id)
        assert row.next_due == date(2026, 11, 23)  # done last Monday: due today
        await pilot.press("space")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompletionForm)
        assert app.screen.query_one("#field-who", Select).value == USER
        app.screen.query_one("#field-notes").text = "Short week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CadenceScreen)
    done = sample_store.rituals.last_completion(ritual.id or 0)
    assert done is not None and done.who == USER and done.notes == "Short week"
    assert done.ticked == [0]
    assert sample_store.rituals.completion_count(ritual.id or 0) == before + 1
    assert sample_store.state.get(ticks_key(ritual.id or 0)) is None
    row = next(r for r in sample_store.rituals.all_rows() if r.ritual.id == ritual.id)
    assert row.last_done == date(2026, 11, 23) and row.next_due == date(2026, 11, 30)
    assert sample_store.changes.recent(1)[0].summary == "completed Weekly review (1/4 lines)"


async def test_escape_cancels_completion(sample_store: Store, make_app) -> None:
    ritual = weekly(sample_store)
    before = sample_store.rituals.completion_count(ritual.id or 0)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "c")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CadenceScreen)
    assert sample_store.rituals.completion_count(ritual.id or 0) == before


async def test_add_ritual_with_the_form(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RitualForm)
        await pilot.press(*"Prompt audit")
        form.query_one("#field-interval", Select).value = "every_n_days"
        form.query_one("#field-every_days", Input).value = "10"
        form.query_one("#field-anchor", Select).value = "completion"
        form.query_one("#field-checklist").text = "Read prompts\n\n  Check notes  \n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CadenceScreen)
        table = app.screen.query_one("#ritual-table")
        assert any(str(table.get_row_at(i)[0]) == "Prompt audit" for i in range(table.row_count))
    ritual = sample_store.rituals.by_name("Prompt audit")
    assert ritual is not None
    assert (ritual.interval, ritual.every_days, ritual.anchor) == ("every_n_days", 10, "completion")
    assert ritual.checklist == ["Read prompts", "Check notes"]


async def test_ritual_form_refuses_a_bad_day_of_the_month(sample_store: Store, make_app) -> None:
    ritual = weekly(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        move_to(app, "Weekly review")
        form = await open_form(pilot, "e", RitualForm)
        assert form.query_one("#field-anchor_weekday", Select).value == ritual.anchor_day
        form.query_one("#field-interval", Select).value = "monthly"
        form.query_one("#field-anchor_monthday", Input).value = "40"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "less than or equal to 31" in str(form.query_one("#error-anchor_monthday").render())
        assert form.focused is form.query_one("#field-anchor_monthday")
    assert weekly(sample_store).anchor_day == ritual.anchor_day


async def test_enter_on_a_dashboard_ritual_opens_it_on_cadence(
    sample_store: Store, make_app
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#rituals")
        assert app.focused is table  # the dashboard opens on its cadence list
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CadenceScreen)
        wanted = str(table.get_row_at(1)[0])
        ritual = app.screen.current_ritual()
        assert ritual is not None and ritual.name == wanted


async def test_enter_on_a_dashboard_alert_opens_its_workflow(sample_store: Store, make_app) -> None:
    from aiops_tui.screens.workflows import WorkflowsScreen

    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")  # from the cadence list to the alerts
        await pilot.pause()
        alerts = app.screen.query_one("#alerts", OptionList)
        assert app.focused is alerts
        first = sample_store.health.health().critical[0]  # critical alerts come first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkflowsScreen)
        table = app.screen.query_one("#workflow-table")
        assert table.row_count == 1
        assert str(table.get_row_at(0)[0]) == first.subject


async def test_each_alert_is_two_lines_however_long_its_detail(
    sample_store: Store, make_app
) -> None:
    """A wrapped detail started at the panel's left edge, under the kind column."""
    from aiops_tui.screens.dashboard import AlertList

    app = make_app(sample_store)
    async with app.run_test(size=(90, 40)) as pilot:
        await pilot.pause()
        alerts = app.screen.query_one(AlertList)
        lines = alerts._lines
        assert alerts.option_count >= 5
        assert len(lines) == 2 * alerts.option_count
        drift = [alerts.render_line(y).text for y in range(len(lines))]
        cut = [line for line in drift if line.rstrip().endswith("…")]
        assert cut, "the sample's drift detail is longer than a 90-column panel"


async def test_completing_the_quarterly_audit_offers_the_audit_file(
    sample_store: Store, make_app, tmp_path
) -> None:
    from mdstructure import parse

    from aiops_tui.screens.markdown_file_form import MarkdownFileForm

    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_ritual(pilot, "Quarterly audit")
        await open_form(pilot, "c", CompletionForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MarkdownFileForm)
        assert form.query_one("#field-path", Input).value == "./aiops-audit-2026-11-23.md"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CadenceScreen)
    written = tmp_path / "aiops-audit-2026-11-23.md"
    headings = parse(written.read_text(encoding="utf-8")).headings
    assert [h for h in headings if h[0] <= 2] == [
        (1, "Quarterly audit, 2026-11-23"),
        (2, "Performance against baseline and target"),
        (2, "Risk and sign-off"),
        (2, "Tools"),
        (2, "Candidates to retire"),
    ]


async def test_escape_skips_the_audit_file_and_other_rituals_do_not_offer_it(
    sample_store: Store, make_app, tmp_path
) -> None:
    from aiops_tui.screens.markdown_file_form import MarkdownFileForm

    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_ritual(pilot, "Quarterly audit")
        await open_form(pilot, "c", CompletionForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MarkdownFileForm)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CadenceScreen)
        move_to(app, "Documentation update")
        await pilot.pause()
        await open_form(pilot, "c", CompletionForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CadenceScreen)
    assert not list(tmp_path.glob("aiops-audit-*.md"))


async def test_a_broken_audit_is_refused_on_the_form_and_nothing_is_written(
    sample_store: Store, make_app, tmp_path, monkeypatch
) -> None:
    from textual.widgets import Static

    from aiops_tui.export import audit
    from aiops_tui.screens.markdown_file_form import MarkdownFileForm

    monkeypatch.setattr(audit, "render_audit", lambda store, on: "# A\n\n### C\n")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_ritual(pilot, "Quarterly audit")
        await open_form(pilot, "c", CompletionForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MarkdownFileForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        shown = str(form.query_one("#form-error", Static).render())
        assert "not written: the audit has an H3 on line 3 ('C') right after an H1" in shown
    assert not list(tmp_path.glob("aiops-audit-*.md"))


async def test_slash_filters_the_rituals_and_escape_brings_them_back(
    sample_store: Store, make_app
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.screen.query_one("#ritual-table")
        every = table.row_count
        await pilot.press("slash", *"audit", "enter")
        await pilot.pause()
        names = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
        assert names == ["Quarterly audit"] and every > 1
        assert table.border_subtitle.startswith(f"{len(names)} of {every} rituals")
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == every
        await pilot.press("tab", "escape")  # from the checklist escape is back to the list
        await pilot.pause()
        assert table.has_focus
