"""Oversized and hostile input: stored exactly, refused with the limit, drawn safely."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, TypeVar

import pytest
from pydantic import BaseModel, ValidationError
from textual.widgets import DataTable, Input, Static

from aiops_tui.domain.models import (
    NAME_MAX,
    STORED,
    TEXT_MAX,
    Completion,
    Decision,
    MetricEntry,
    Person,
    Prompt,
    ReviewDecision,
    ReviewItem,
    Ritual,
    SuccessMetric,
    Tool,
    Workflow,
)
from aiops_tui.screens.person_form import PersonForm
from aiops_tui.storage.store import Store
from aiops_tui.widgets.safe_text import display_safe

EMOJI = "🚀🧪👩🏽‍💻"
RTL = "مراجعة العقود שלום"
CONTROL = "esc\x1b[2J nul\x00 del\x7f bidi\u202eevil bell\x07 tab\t line\nbreak"
HOSTILE = f"{EMOJI} {RTL} {CONTROL}"
NAME = f"{EMOJI} {RTL}"  # names refuse control characters, so only these
BIG = ("A long AI draft with 🚀 and عربي.\n" * 400_000)[: 10 * 1024 * 1024]


M = TypeVar("M", bound=BaseModel)


def stored(model: type[M], **values: Any) -> M:
    """A record as a file from before the one-line fields refused control characters holds it.

    Names, vendors, units, sources and who-did-it are refused with control characters
    now (tests/unit/test_one_line_fields.py); what is already stored must still show inert.
    """
    return model.model_validate(values, context=STORED)


def _hostile_company(store: Store) -> dict[str, int]:
    """Every text field of every entity filled with emoji, RTL and control characters."""
    now = store.clock()
    person = store.people.add(Person(name=f"Ana {NAME}", email="ana@example.com"))
    tool = store.tools.add(
        stored(Tool, name=f"Tool {NAME}", vendor=HOSTILE, category=f"cat {EMOJI}")
    )
    wf = store.workflows.add(
        Workflow(
            name=f"Workflow {NAME}",
            summary=HOSTILE,
            area="support",
            status="pilot",
            owner_id=person.id,
            current_state=HOSTILE,
            target_state=HOSTILE,
            metric=stored(SuccessMetric, name=HOSTILE, unit=HOSTILE, baseline=1.0, target=2.0),
        )
    )
    store.tools.set_links(wf.id or 0, [tool.id or 0])
    prompt, version = store.prompts.create(
        Prompt(name=f"prompt {NAME}", workflow_id=wf.id, description=HOSTILE),
        body=f"Answer {{{{customer}}}}: {HOSTILE}",
        change_note=HOSTILE,
    )
    item = store.reviews.add(
        stored(
            ReviewItem,
            workflow_id=wf.id or 0,
            prompt_version_id=version.id,
            title=f"Review {NAME}",
            input=HOSTILE,
            output=BIG,
            source=HOSTILE,
            submitted_at=now - timedelta(hours=1),
        )
    )
    store.reviews.add(
        ReviewItem(
            workflow_id=wf.id or 0,
            title=f"Second {NAME}",
            output=HOSTILE,
            submitted_at=now - timedelta(hours=2),
        )
    )
    store.reviews.decide(
        ReviewDecision(
            item_id=item.id or 0,
            reviewer="Ana Ruiz",
            decision=Decision.CHANGES_REQUESTED,
            note=HOSTILE,
            corrected_output=HOSTILE,
            decided_at=now,
        )
    )
    store.metrics.add(
        MetricEntry(
            workflow_id=wf.id or 0, date=now.date(), kind="throughput", value=3, note=HOSTILE
        )
    )
    ritual = store.rituals.add(Ritual(name=f"Ritual {NAME}", checklist=[HOSTILE, EMOJI]))
    store.rituals.complete(Completion(ritual_id=ritual.id or 0, completed_at=now, notes=HOSTILE))
    return {"person": person.id or 0, "workflow": wf.id or 0, "prompt": prompt.id or 0,
            "item": item.id or 0, "tool": tool.id or 0, "ritual": ritual.id or 0}  # fmt: skip


def test_every_text_field_round_trips_exactly(store: Store) -> None:
    ids = _hostile_company(store)
    wf = store.workflows.get(ids["workflow"])
    assert wf is not None
    assert wf.summary == wf.current_state == wf.target_state == HOSTILE
    assert wf.metric.name == wf.metric.unit == HOSTILE
    assert wf.name == f"Workflow {NAME}"
    tool = store.tools.get(ids["tool"])
    assert tool is not None and tool.vendor == HOSTILE
    prompt = store.prompts.get(ids["prompt"])
    assert prompt is not None and prompt.description == HOSTILE
    latest = store.prompts.latest(ids["prompt"])
    assert latest is not None and latest.change_note == HOSTILE.strip()
    assert latest.body.endswith(HOSTILE)
    item = store.reviews.get(ids["item"])
    assert item is not None
    assert item.output == BIG and len(item.output) == 10 * 1024 * 1024
    assert item.input == item.source == HOSTILE
    decision = store.reviews.decisions(ids["item"])[0]
    assert decision.note == decision.corrected_output == HOSTILE
    assert store.metrics.recent(ids["workflow"])[0].note == HOSTILE
    ritual = store.rituals.get(ids["ritual"])
    assert ritual is not None and ritual.checklist == [HOSTILE, EMOJI]
    assert store.rituals.last_completion(ids["ritual"]).notes == HOSTILE
    assert store.db.scalar("PRAGMA integrity_check") == "ok"


def test_output_over_the_limit_is_refused_with_the_limit(store: Store) -> None:
    with pytest.raises(ValidationError, match=f"at most {TEXT_MAX} characters"):
        ReviewItem(
            workflow_id=1, title="t", output="x" * (TEXT_MAX + 1), submitted_at=store.clock()
        )


LONG = "n" * 10_000


@pytest.mark.parametrize(
    "build",
    [
        lambda: Person(name=LONG),
        lambda: Workflow(name=LONG),
        lambda: Tool(name=LONG),
        lambda: Prompt(name=LONG),
        lambda: Ritual(name=LONG),
        lambda: ReviewItem(workflow_id=1, title=LONG, output="o", submitted_at="2026-11-23"),
    ],
    ids=["person", "workflow", "tool", "prompt", "ritual", "review title"],
)
def test_ten_thousand_character_names_are_refused_with_the_limit(build) -> None:
    with pytest.raises(ValidationError, match=f"is 10000 characters; the limit is {NAME_MAX}"):
        build()


@pytest.mark.parametrize("bad", ["tab\there", "line\nbreak", "esc\x1b[2J", "nul\x00"])
def test_control_characters_in_names_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="control characters"):
        Person(name=bad)


async def test_form_states_the_name_limit_beside_the_field(store: Store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(PersonForm(store))
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = LONG
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#error-name", Static).render())
        assert f"the limit is {NAME_MAX}" in error
    assert store.people.count() == 0


def _drawn_lines(table: DataTable) -> list[str]:
    lines = []
    for y in range(table.size.height):
        strip = table.render_line(y)
        assert strip.cell_length == table.size.width, (y, strip.text)  # layout holds
        lines.append(strip.text)
    return lines


@pytest.mark.parametrize(
    ("key", "table_id", "shown"),
    [("2", "#workflow-table", f"Workflow {NAME}"), ("4", "#review-table", f"Second {NAME}")],
)
async def test_lists_draw_hostile_rows_without_breaking(
    store: Store, make_app, key: str, table_id: str, shown: str
) -> None:
    _hostile_company(store)
    store.state.set("sample_offered", True)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        table = app.screen.query_one(table_id, DataTable)
        assert table.row_count >= 1
        cells = [str(c) for c in table.get_row_at(0)]
        # long titles may be cut with an ellipsis to keep the columns; the start must show
        assert any(shown[:24] in c for c in cells), cells
        drawn = "\n".join(_drawn_lines(table))
        assert EMOJI[:2] in drawn and RTL.split()[0] in drawn
        table.scroll_to(x=table.max_scroll_x, animate=False)  # the right-hand columns too
        await pilot.pause()
        drawn += "\n".join(_drawn_lines(table))
        every_cell = " ".join(
            str(cell) for i in range(table.row_count) for cell in table.get_row_at(i)
        )
        for bad in ("\x1b", "\x00", "\x7f", "\u202e", "\t"):
            assert bad not in drawn and bad not in every_cell
        await pilot.press("slash", *"Review")  # filtering with hostile rows present
        await pilot.pause()
        _drawn_lines(table)
        for other in "135612":  # and every other screen opens on the same data
            await pilot.press(other)
            await pilot.pause()
        assert app.is_running


def test_display_safe_shows_every_control_and_keeps_visible_text() -> None:
    shown = display_safe(HOSTILE)
    assert EMOJI in shown and RTL in shown
    assert not any(ord(c) < 32 or c in "\x7f\u202e" for c in shown)
    assert "␛[2J" in shown and "⏎" in shown and "\\u202e" in shown
    assert len(display_safe(HOSTILE.replace("\u202e", ""))) == len(HOSTILE) - 1


MARKUP = "[b]bold[/b] [/]"  # Rich markup: a name like this must show as typed, never style
MARKUP_NAME = f"{MARKUP} {EMOJI} {RTL} " + "long " * 30  # names refuse bidi overrides
MARKUP_TEXT = f"{MARKUP} \x1b[2J emoji 🚀 RTL مرحبا \u202e end"


def _markup_company(store: Store) -> None:
    """Every text field holds markup, an escape sequence, emoji, RTL and a bidi override."""
    now = store.clock()
    person = store.people.add(Person(name=f"P {MARKUP_NAME}", email="p@example.com"))
    tool = store.tools.add(
        stored(Tool, name=f"T {MARKUP_NAME}", vendor=MARKUP_TEXT, category=MARKUP_TEXT)
    )
    wf = store.workflows.add(
        Workflow(
            name=f"W {MARKUP_NAME}",
            summary=MARKUP_TEXT,
            area="support",
            status="live",
            owner_id=person.id,
            reviewer_id=person.id,
            builder_id=person.id,
            doc_owner_id=person.id,
            current_state=MARKUP_TEXT,
            target_state=MARKUP_TEXT,
            metric=stored(
                SuccessMetric, name=MARKUP_TEXT, unit=MARKUP_TEXT, baseline=1.0, target=2.0
            ),
        )
    )
    store.tools.set_links(wf.id or 0, [tool.id or 0])
    prompt, version = store.prompts.create(
        Prompt(name=f"Pr {MARKUP_NAME}", workflow_id=wf.id, description=MARKUP_TEXT),
        body=f"Answer {{{{customer}}}}: {MARKUP_TEXT}",
        change_note=MARKUP_TEXT,
    )
    store.prompts.promote(prompt.id or 0, version.number, ["note", "tried", "reviewer"], "r")
    store.prompts.add_version(prompt.id or 0, f"Second {MARKUP_TEXT}", MARKUP_TEXT, author="a")
    for hours in (1, 2, 3):
        item = store.reviews.add(
            stored(
                ReviewItem,
                workflow_id=wf.id or 0,
                prompt_version_id=version.id,
                title=f"R{hours} {MARKUP_NAME}",
                input=MARKUP_TEXT,
                output=MARKUP_TEXT,
                source=MARKUP_TEXT,
                submitted_at=now - timedelta(hours=hours),
            )
        )
    store.reviews.decide(
        ReviewDecision(
            item_id=item.id or 0,
            reviewer=f"P {MARKUP_NAME}"[:NAME_MAX],
            decision=Decision.CHANGES_REQUESTED,
            note=MARKUP_TEXT,
            corrected_output=MARKUP_TEXT,
            decided_at=now,
        )
    )
    store.metrics.add(
        MetricEntry(workflow_id=wf.id or 0, date=now.date(), kind="throughput", value=3,
                    note=MARKUP_TEXT)
    )  # fmt: skip
    ritual = store.rituals.add(Ritual(name=f"Ri {MARKUP_NAME}", checklist=[MARKUP_TEXT, MARKUP]))
    store.rituals.complete(
        Completion(ritual_id=ritual.id or 0, completed_at=now - timedelta(days=30),
                   notes=MARKUP_TEXT, who=f"P {MARKUP_NAME}"[:NAME_MAX])
    )  # fmt: skip
    store.state.set("sample_offered", True)


def _screen_text(app) -> str:
    """What the terminal would show for the top screen, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def _assert_shown_literally(app, where: str) -> None:
    assert app.is_running, where
    text = _screen_text(app)
    for bad in ("\x1b", "\x00", "\x7f", "\u202e"):
        assert bad not in text, (where, bad)
    assert "[b]bold[/b]" in text, (where, text)


async def test_markup_and_escapes_in_stored_text_show_literally_everywhere(
    store: Store, make_app
) -> None:
    _markup_company(store)
    app = make_app(store)
    async with app.run_test(size=(160, 50)) as pilot:
        for key, where in [("1", "dashboard"), ("2", "workflows"), ("3", "prompts"),
                           ("4", "review"), ("5", "cadence"), ("6", "team people")]:  # fmt: skip
            await pilot.press(key)
            await pilot.pause()
            _assert_shown_literally(app, where)
        for where in ("team tools", "team data classes"):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert app.is_running, where
        await pilot.press("left_square_bracket")
        await pilot.pause()
        _assert_shown_literally(app, "team tools")
        for key, where, screen in [("2", "workflow detail", "WorkflowDetailScreen"),
                                   ("3", "prompt detail", "PromptDetailScreen"),
                                   ("4", "review detail", "ReviewDetailScreen")]:  # fmt: skip
            await pilot.press(key)
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == screen, where
            _assert_shown_literally(app, where)
            if screen == "PromptDetailScreen":  # its promote and diff dialogs quote the name
                for key, dialog in [("p", "PromoteScreen"), ("d", "PromptDiffScreen")]:
                    await pilot.press(key)
                    await pilot.pause()
                    assert type(app.screen).__name__ == dialog
                    _assert_shown_literally(app, dialog)
                    await pilot.press("escape")
                    await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("5", "enter")  # the checklist of the highlighted ritual
        await pilot.pause()
        _assert_shown_literally(app, "cadence checklist")
        await pilot.press("escape")
        for keys, screen in [(("ctrl+e",), "ExportDialog"), (("2", "e"), "WorkflowForm"),
                             (("4", "o"), "PickScreen"), (("4", "u"), "IdentityScreen"),
                             (("6", "a"), "ToolForm"),  # Team is still on its Tools tab
                             (("6", "enter"), "ToolLinksForm")
                             ]:  # fmt: skip
            await pilot.press(*keys)
            await pilot.pause()
            assert app.is_running, screen
            assert type(app.screen).__name__ == screen
            if screen not in ("WorkflowForm", "ToolForm"):  # editors hold the text as stored
                text = _screen_text(app)
                assert "\x1b" not in text and "\u202e" not in text, screen
            app.screen.dismiss(None)
            await pilot.pause()
            assert not app.screen.is_modal, screen
        await pilot.press("w")
        await pilot.pause()
        assert type(app.screen).__name__ == "WeeklyReviewScreen"
        literal_steps = 0
        for step in range(7):
            assert app.is_running, f"weekly review step {step}"
            text = _screen_text(app)
            assert "\x1b" not in text and "\u202e" not in text, step
            literal_steps += "[b]bold[/b]" in text
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert app.is_running
        assert literal_steps >= 3  # rituals, reviews, metrics (and more) name the hostile rows
