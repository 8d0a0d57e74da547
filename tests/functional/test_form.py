"""The shared modal form: errors beside the field, store refusals at the top, nothing lost."""

from __future__ import annotations

from textual.widgets import Input, Static

from aiops_tui.screens.person_form import PersonForm
from aiops_tui.storage.store import Store


async def test_form_shows_field_error_and_keeps_input(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    results: list[object] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(PersonForm(sample_store), results.append)
        await pilot.pause()
        form = app.screen
        form.query_one("#field-name", Input).value = "Zoe"
        form.query_one("#field-email", Input).value = "not-an-email"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#error-email", Static)
        assert "email address" in str(error.render())
        assert form.query_one("#field-name", Input).value == "Zoe"
        assert sample_store.people.by_name("Zoe") is None
        form.query_one("#field-email", Input).value = "zoe@example.com"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert sample_store.people.by_name("Zoe") is not None
    assert results and results[0].name == "Zoe"


async def test_form_shows_store_refusal_at_top(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(PersonForm(sample_store))
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "Ana Ruiz"
        await pilot.press("ctrl+s")
        await pilot.pause()
        top = app.screen.query_one("#form-error", Static)
        assert "already exists" in str(top.render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PersonForm)
