"""Pilot tests of the prompt library: new prompt and version, diff, promotion, rollback, scan."""

from __future__ import annotations

from pilot_helpers import open_form
from textual.widgets import DataTable, Input, Select, Static, TextArea

from aiops_tui.screens.confirm import ConfirmScreen
from aiops_tui.screens.promote import PromoteScreen
from aiops_tui.screens.prompt_detail import PromptDetailScreen
from aiops_tui.screens.prompt_diff import PromptDiffScreen
from aiops_tui.screens.prompt_form import NewPromptForm
from aiops_tui.screens.version_form import NewVersionForm
from aiops_tui.storage.store import Store

USER = "Ana Ruiz"  # the actor of the test store (conftest.USER)

SIZE = (120, 40)
SALES_ROW = 2  # content-repurpose, meeting-summary, sales-followup, support-triage
KEY = "sk-proj4f9a8b7c6d5e4f3a2b1c0d9e8f7a"


def _prompt_id(store: Store, name: str = "sales-followup") -> int:
    prompt = store.prompts.by_name(name)
    assert prompt is not None and prompt.id is not None
    return prompt.id


async def _open_detail(pilot, row: int = SALES_ROW) -> PromptDetailScreen:
    await pilot.press("3", *["j"] * row, "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PromptDetailScreen)
    return screen


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def _type(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def test_list_shows_production_versions_and_approval(sample_store: Store, make_app) -> None:
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = pilot.app.screen.query_one("#prompt-table", DataTable)
        cells = [str(c) for c in table.get_row_at(SALES_ROW)]
        assert cells[0] == "sales-followup"
        assert cells[2:4] == ["v2", "3"]
        assert cells[4].startswith("2026-11-18 offer meeting")  # v3, five days ago
        assert cells[5] == "100% of 16"  # every decided v2 item approved first time


async def test_new_prompt_is_saved_with_its_first_version(sample_store: Store, make_app) -> None:
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, NewPromptForm)
        await _type(pilot, "onboarding")
        form.query_one("#field-body", TextArea).text = "Welcome {{customer}} to {{product}}."
        detail = await open_form(pilot, "ctrl+s", PromptDetailScreen)
        pid = _prompt_id(sample_store, "onboarding")
        [version] = sample_store.prompts.versions(pid)
        assert (version.number, version.author, version.change_note) == (1, USER, "first version")
        assert "variables: customer, product" in _text(detail, "#body-title")
        assert len(detail.query(".var-input")) == 2
        assert sample_store.prompts.labels(pid) == {}


async def test_new_version_with_a_note_is_saved_by_the_current_user(
    sample_store: Store, make_app
) -> None:
    pid = _prompt_id(sample_store)
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        detail = await _open_detail(pilot)
        form = await open_form(pilot, "v", NewVersionForm)
        latest = sample_store.prompts.latest(pid)
        assert latest is not None
        assert form.query_one("#field-body", TextArea).text == latest.body
        await _type(pilot, "Be brief. ")
        await pilot.press("tab")
        await _type(pilot, "ask for brevity")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is detail
        new = sample_store.prompts.latest(pid)
        assert new is not None and new.number == latest.number + 1
        assert new.body == "Be brief. " + latest.body
        assert (new.author, new.change_note) == (USER, "ask for brevity")
        assert detail.selected is not None and detail.selected.number == new.number
        assert sample_store.prompts.labels(pid)["production"] == 2  # unchanged


async def test_new_version_without_a_note_is_refused_beside_the_field(
    sample_store: Store, make_app
) -> None:
    pid = _prompt_id(sample_store)
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("v")
        await pilot.pause()
        await _type(pilot, "Changed. ")
        form = await open_form(pilot, "ctrl+s", NewVersionForm)
        assert "required" in _text(form, "#error-change_note")
        assert len(sample_store.prompts.versions(pid)) == 3


async def test_unchanged_body_is_refused(sample_store: Store, make_app) -> None:
    pid = _prompt_id(sample_store)
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("v", "tab")
        await _type(pilot, "nothing really")
        form = await open_form(pilot, "ctrl+s", NewVersionForm)
        assert "unchanged" in _text(form, "#form-error")
        assert len(sample_store.prompts.versions(pid)) == 3


async def test_diff_against_production_and_between_any_two(sample_store: Store, make_app) -> None:
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        detail = await _open_detail(pilot)
        assert detail.selected is not None and detail.selected.number == 3
        diff = await open_form(pilot, "d", PromptDiffScreen)
        text = _text(diff, "#diff-body")
        assert text.startswith("--- v2\n+++ v3\n@@")
        assert "\n+" in text and "\n-" in text
        diff.query_one("#diff-old", Select).value = 1
        await pilot.pause()
        assert _text(diff, "#diff-body").startswith("--- v1\n+++ v3")
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is detail


async def test_promote_asks_for_the_checklist(sample_store: Store, make_app) -> None:
    pid = _prompt_id(sample_store)
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        detail = await _open_detail(pilot)
        history = detail.query_one("#history-table", DataTable)
        rows_before = history.row_count
        dialog = await open_form(pilot, "p", PromoteScreen)
        assert not dialog.rollback
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is dialog
        assert "tick every line" in _text(dialog, "#form-error")
        assert sample_store.prompts.labels(pid)["production"] == 2
        await pilot.press("space", "tab", "space", "ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is detail
        assert sample_store.prompts.labels(pid)["production"] == 3
        assert history.row_count == rows_before + 1
        assert [str(c) for c in history.get_row_at(0)][1:5] == ["production", "v2", "v3", USER]
        event = sample_store.changes.recent(1)[0]
        assert (event.action, event.who) == ("label", USER)
        assert "production label: v2 → v3" in event.summary


async def test_promote_with_an_override_reason(sample_store: Store, make_app) -> None:
    pid = _prompt_id(sample_store)
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("p")
        await pilot.pause()
        pilot.app.screen.query_one("#field-reason", Input).focus()
        await _type(pilot, "reviewer away")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PromptDetailScreen)
        move = sample_store.prompts.label_history(pid, limit=1)[0]
        assert move.to_version == 3
        assert move.why == "reviewer away; override, not ticked: tried, reviewer"


async def test_rollback_to_an_older_version(sample_store: Store, make_app) -> None:
    pid = _prompt_id(sample_store)
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        detail = await _open_detail(pilot)
        await pilot.press("j", "j")
        assert detail.selected is not None and detail.selected.number == 1
        dialog = await open_form(pilot, "p", PromoteScreen)
        assert dialog.rollback
        assert "rollback" in _text(dialog, ".form-title").lower()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "rollback needs a reason" in _text(dialog, "#form-error")
        await _type(pilot, "v2 too terse")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is detail
        assert sample_store.prompts.labels(pid)["production"] == 1
        event = sample_store.changes.recent(1)[0]
        assert event.action == "rollback" and "v2 too terse" in event.summary
        assert "production v1" in _text(detail, "#prompt-title")


async def test_label_history_and_moving_staging(sample_store: Store, make_app) -> None:
    pid = _prompt_id(sample_store)
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        detail = await _open_detail(pilot)
        history = detail.query_one("#history-table", DataTable)
        moves = sample_store.prompts.label_history(pid)
        assert history.row_count == len(moves) == 3
        assert [str(c) for c in history.get_row_at(2)][1:4] == ["production", "-", "v1"]
        await pilot.press("j", "l")
        await pilot.pause()
        await pilot.press("tab")
        await _type(pilot, "compare with v3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is detail
        assert sample_store.prompts.labels(pid)["staging"] == 2
        assert history.row_count == 4
        assert [str(c) for c in history.get_row_at(0)][1:6] == [
            "staging",
            "v3",
            "v2",
            USER,
            "compare with v3",
        ]


async def test_label_form_will_not_move_production(sample_store: Store, make_app) -> None:
    pid = _prompt_id(sample_store)
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("l")
        await pilot.pause()
        pilot.app.screen.query_one("#field-label", Input).value = "production"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "checklist" in _text(pilot.app.screen, "#form-error")
        assert sample_store.prompts.labels(pid)["production"] == 2


async def test_preview_fills_typed_values(sample_store: Store, make_app) -> None:
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        detail = await _open_detail(pilot)
        first = detail.query(".var-input").first(Input)
        assert first.name == "contact_name"
        first.focus()
        await _type(pilot, "Maya")
        await pilot.pause()
        shown = _text(detail, "#preview")
        assert shown.startswith("Write a short, friendly follow-up email to Maya at {{company}}")


async def test_scan_warns_and_asks_before_saving(sample_store: Store, make_app) -> None:
    pid = _prompt_id(sample_store)  # its workflow allows customer personal data
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("v")
        await pilot.pause()
        form = pilot.app.screen
        body = form.query_one("#field-body", TextArea)
        body.text = "Copy jane.doe@acme.io on every email.\n" + body.text
        await pilot.press("tab")
        await _type(pilot, "cc the account lead")
        confirm = await open_form(pilot, "ctrl+s", ConfirmScreen)
        assert "email (customer_personal) on line 1" in confirm.question
        assert "jane.doe@acme.io" not in confirm.question
        assert any("secrets or personal data" in (n.title or "") for n in pilot.app._notifications)
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.screen is form
        assert len(sample_store.prompts.versions(pid)) == 3
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PromptDetailScreen)
        assert len(sample_store.prompts.versions(pid)) == 4


async def test_scan_refuses_forbidden_data_with_the_reason(sample_store: Store, make_app) -> None:
    pid = _prompt_id(sample_store)
    async with make_app(sample_store).run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("v")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#field-body", TextArea).text = f"Call the API with {KEY}\n"
        form.query_one("#field-change_note", Input).value = "inline the key"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        error = _text(form, "#form-error")
        assert "credentials" in error and "forbid" in error and KEY not in error
        assert len(sample_store.prompts.versions(pid)) == 3
