"""Forms by keyboard: keys typed while one opens are kept, it fits 80x24, refusals say why."""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.app import App
from textual.widgets import Button, Checkbox, Input, Select, Static, TabbedContent, TextArea

from aiops_tui.screens.workflow_form import WorkflowForm
from aiops_tui.storage.store import Store
from aiops_tui.widgets.confirm import ConfirmScreen
from aiops_tui.widgets.form import FormScreen


def type_fast(app: App[object], keys: str) -> None:
    """Queue every key at once, as a fast typist's terminal delivers them (no pause between)."""
    for key in keys:
        name = {" ": "space", "_": "underscore", "]": "right_square_bracket"}.get(key, key)
        event = events.Key(name, key)
        event.set_sender(app)
        app.post_message(event)


async def test_keys_typed_right_after_a_land_in_the_name(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        list_screen = app.screen
        type_fast(app, "a")
        while app.screen is list_screen:  # the form is pushed, not yet composed nor focused
            await asyncio.sleep(0)
        type_fast(app, "Hello_world 2q")
        await pilot.pause()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WorkflowForm)
        assert form.query_one("#field-name", Input).value == "Hello_world 2q"


async def test_a_burst_typed_with_the_a_that_opens_the_form_lands_in_the_name(
    sample_store: Store, make_app
) -> None:
    """A terminal delivers `a` and the name in one read: every key is queued before the form."""
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        type_fast(app, "aHello_world e2")
        await pilot.pause()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WorkflowForm)
        assert form.query_one("#field-name", Input).value == "Hello_world e2"


async def open_add_form(pilot, size=(120, 40)) -> WorkflowForm:
    await pilot.press("2")
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, WorkflowForm)
    return form


FORMS = [
    ("2", "a"),
    ("2", "e"),
    ("2", "n"),
    ("2", "t"),
    ("2", "enter", "m"),
    ("3", "a"),
    ("3", "enter", "v"),
    ("3", "enter", "l"),
    ("3", "enter", "j", "p"),
    ("5", "a"),
    ("5", "c"),
    ("6", "a"),
    ("6", "right_square_bracket", "a"),
]


@pytest.mark.parametrize("keys", FORMS, ids=["-".join(k) for k in FORMS])
async def test_every_form_fits_80x24_with_its_buttons(
    sample_store: Store, make_app, keys: tuple[str, ...]
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        for button in form.query(Button):
            region = button.region
            assert region.height and region.bottom <= 24 and region.right <= 80, button.id
        for row in form.query(".field-row"):
            assert row.region.bottom <= 24, "every field of the first section is in view"


async def test_ctrl_s_saves_from_a_text_area(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_add_form(pilot)
        await pilot.press(*"Lead scoring")
        form.query_one("#field-summary", TextArea).focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, WorkflowForm)
    assert sample_store.workflows.by_name("Lead scoring") is not None


async def test_a_select_picks_by_typing_its_first_letters(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_add_form(pilot)
        area = form.query_one("#field-area", Select)
        area.focus()
        await pilot.press("s", "u")
        assert area.value == "support"
        rule = await form.field_widget("review_rule")
        rule.focus()
        await pilot.pause(1.1)  # a new word
        await pilot.press("s")
        assert rule.value == "sample"


async def test_refused_characters_are_explained_beside_the_field(
    sample_store: Store, make_app
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_add_form(pilot)
        box = form.query_one("#field-frequency_per_month", Input)
        box.focus()
        box.value = ""
        await pilot.press("4", "o")
        await pilot.pause()
        assert box.value == "4o", "nothing typed is dropped"
        error = str(form.query_one("#error-frequency_per_month", Static).render())
        assert "'o' is not allowed here" in error and "whole number" in error
        await pilot.press("backspace")
        await pilot.pause()
        assert str(form.query_one("#error-frequency_per_month", Static).render()) == ""


async def test_a_sample_rule_needs_its_percent_beside_it(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_add_form(pilot)
        await pilot.press(*"Lead scoring")
        (await form.field_widget("review_rule")).value = "sample"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.focused is form.query_one("#field-review_sample")
        assert str(form.query_one("#error-review_sample", Static).render()).startswith("↑")
        form.query_one("#field-review_sample", Input).value = "20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, WorkflowForm)
    assert sample_store.workflows.by_name("Lead scoring").review_rule == "sample:20"


async def test_focus_goes_to_the_first_field_in_error(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_add_form(pilot)
        form.query_one("#field-frequency_per_month", Input).value = "-1"
        form.query_one("#field-customer_facing", Checkbox).value = True
        form.query_one("#field-area", Select).focus()
        await pilot.press("ctrl+s")  # the name is empty too: the first field in error
        await pilot.pause()
        assert form.focused is form.query_one("#field-name")


async def test_escape_on_a_changed_form_asks_first(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_add_form(pilot)
        await pilot.press("escape")  # nothing typed: it just closes
        await pilot.pause()
        assert not isinstance(app.screen, WorkflowForm)
        form = await open_add_form(pilot)
        await pilot.press("H", "i", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard changes? y / n" in str(app.screen.query_one(Static).render())
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form and form.query_one("#field-name", Input).value == "Hi"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, (WorkflowForm, ConfirmScreen))


async def test_letters_typed_as_a_select_first_form_opens_pick_in_it(
    sample_store: Store, make_app
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        list_screen = app.screen
        type_fast(app, "t")  # the status form: its first field is a select
        while app.screen is list_screen:
            await asyncio.sleep(0)
        type_fast(app, "rq")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen), "q was not taken as quit"
        assert form.query_one("#field-status", Select).value == "retired"


async def test_two_section_switches_at_once_settle(sample_store: Store, make_app) -> None:
    """The tab handler builds, never switches: two switches in flight once answered each other
    for ever (a hang, memory growing)."""
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_add_form(pilot)
        first = asyncio.ensure_future(form.show_section("People & review"))
        second = asyncio.ensure_future(form.show_section("Data & tools"))
        await asyncio.wait_for(asyncio.gather(first, second), timeout=10)
        for _ in range(5):
            await pilot.pause()
        tabs = form.query_one(TabbedContent)
        settled = tabs.active
        assert settled in ("pane-1", "pane-2")
        await pilot.pause()
        assert tabs.active == settled


@pytest.mark.parametrize("start", ["1", "2"])
async def test_keys_typed_with_the_key_that_switches_screens_act_on_the_new_screen(
    sample_store: Store, make_app, start: str
) -> None:
    """`6]]` in one read: both tab keys reach Team, not the screen being left."""
    from textual.widgets import TabbedContent

    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(start)
        await pilot.pause()
        type_fast(app, "6]]")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "data-tab"
