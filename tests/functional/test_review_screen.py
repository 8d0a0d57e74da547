"""The review queue by keyboard: decisions, the required note, sign-off, auto-advance, filters.

Sample data at the fixed clock: three pending items, oldest first #3 "Pipeline
summary week 47" (sales, sign-off Ana Ruiz, ageing), #2 "Follow-up: Globex
renewal" (sales) and #5 "Ticket 4820: login loop" (support, sign-off Cara Lind).
"""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import open_form
from textual.widgets import Select, Static, TextArea

from aiops_tui.config import load_settings
from aiops_tui.domain.models import ReviewItem
from aiops_tui.screens.identity import IdentityScreen, SignoffRefusal
from aiops_tui.screens.pick import PickScreen
from aiops_tui.screens.review import ReviewScreen
from aiops_tui.screens.review_decision import DecisionForm
from aiops_tui.screens.review_detail import ReviewDetailScreen
from aiops_tui.storage.reviews import ReviewFilter
from aiops_tui.storage.store import Store
from aiops_tui.widgets.paged_table import PagedTable

SIZE = (120, 40)
REPORTING = "Internal reporting and meeting summaries"


def keys(app) -> list[str]:
    table = app.screen.query_one(PagedTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def decisions(store: Store, item_id: int) -> list[tuple[str, str, str]]:
    return [(d.reviewer, str(d.decision), d.note) for d in store.reviews.decisions(item_id)]


def status(store: Store, item_id: int) -> str:
    item = store.reviews.get(item_id)
    assert item is not None
    return str(item.status)


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def queue_reporting(store: Store, title: str, output: str) -> ReviewItem:
    """A draft for the sample's reporting workflow, queued now (through the store's rules)."""
    reporting = store.workflows.by_name(REPORTING)
    assert reporting is not None
    return store.reviews.add(
        ReviewItem(
            workflow_id=reporting.id or 0,
            title=title,
            output=output,
            submitted_at=store.clock(),
        )
    )


async def open_queue(app, pilot) -> None:
    await pilot.press("4")
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)


async def test_queue_lists_pending_oldest_first_with_ageing_and_counts(
    sample_store: Store, make_app
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        assert keys(app) == ["3", "2", "5"]
        table = app.screen.query_one(PagedTable)
        assert "ageing" in str(table.get_row_at(0)[4])
        assert "ageing" not in str(table.get_row_at(1)[4])
        counts = str(app.screen.query_one("#counts", Static).render())
        assert "pending 3 (1 ageing)" in counts
        assert "approved 3" in counts and "changes requested 1" in counts
        assert "rejected 1" in counts


async def test_y_approves_and_opens_the_next_pending_item(sample_store: Store, make_app) -> None:
    sample_store.db.actor = "Ana Ruiz"
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DecisionForm)
        app.screen.query_one("#field-accuracy", Select).value = 4
        app.screen.query_one("#field-fit", Select).value = 5
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert decisions(sample_store, 3) == [("Ana Ruiz", "approved", "")]
        saved = sample_store.reviews.decisions(3)[0]
        assert (saved.accuracy, saved.fit) == (4, 5)
        assert status(sample_store, 3) == "approved"
        assert isinstance(app.screen, ReviewDetailScreen)
        assert app.screen.item_id == 2
        assert any("Approved #3" in m and "Next pending: #2" in m for m in messages(app))
        change = sample_store.db.query_one(
            "SELECT * FROM change_events WHERE entity = 'review' ORDER BY id DESC LIMIT 1"
        )
        assert change["action"] == "decision" and change["who"] == "Ana Ruiz"


async def test_c_requires_a_note_and_keeps_the_corrected_output(
    sample_store: Store, make_app
) -> None:
    sample_store.db.actor = "Ben Okafor"
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        form = await open_form(pilot, "c", DecisionForm)
        corrected = form.query_one("#field-corrected_output", TextArea)
        draft = sample_store.reviews.get(3).output  # type: ignore[union-attr]
        assert corrected.text == draft  # prefilled with the AI's draft
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused: the note is required
        error = str(form.query_one("#error-note", Static).render())
        assert "note is required" in error
        assert decisions(sample_store, 3) == []
        assert app.focused is form.query_one("#field-note", TextArea)
        await pilot.press(*"Cut the second point")
        corrected.text = draft.replace("- point two\n", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert decisions(sample_store, 3) == [
            ("Ben Okafor", "changes_requested", "Cut the second point")
        ]
        saved = sample_store.reviews.decisions(3)[0]
        assert saved.corrected_output == draft.replace("- point two\n", "")
        assert saved.edit_ratio is not None and 0 < saved.edit_ratio < 0.2
        assert status(sample_store, 3) == "changes_requested"
        assert isinstance(app.screen, ReviewDetailScreen) and app.screen.item_id == 2


async def test_n_rejects_from_the_detail(sample_store: Store, make_app) -> None:
    sample_store.db.actor = "Ana Ruiz"
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDetailScreen) and app.screen.item_id == 3
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DecisionForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert decisions(sample_store, 3) == []
        await pilot.press(*"Wrong week")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert decisions(sample_store, 3) == [("Ana Ruiz", "rejected", "Wrong week")]
        assert status(sample_store, 3) == "rejected"
        assert isinstance(app.screen, ReviewDetailScreen) and app.screen.item_id == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert keys(app) == ["2", "5"]


async def test_escape_in_the_form_decides_nothing(sample_store: Store, make_app) -> None:
    sample_store.db.actor = "Ana Ruiz"
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert decisions(sample_store, 3) == []


async def test_signoff_refuses_another_person_with_the_reason(
    sample_store: Store, make_app
) -> None:
    sample_store.db.actor = "Cara Lind"
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        refusal = app.screen
        assert isinstance(refusal, SignoffRefusal)  # Cara is not #3's sign-off person
        said = " ".join(str(s.render()) for s in refusal.query(Static))
        assert "only Ana Ruiz, the workflow's sign-off person, can approve" in said
        assert "acting as Cara Lind" in said and "u act as Ana Ruiz" in said
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.user == "Cara Lind"
        assert decisions(sample_store, 3) == []
        assert status(sample_store, 3) == "pending"


async def test_u_in_the_refusal_switches_to_the_signoff_person_in_one_key(
    sample_store: Store, make_app, tmp_path: Path
) -> None:
    sample_store.db.actor = "Cara Lind"
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SignoffRefusal)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, DecisionForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert decisions(sample_store, 3) == [("Ana Ruiz", "approved", "")]
        assert app.user == "Ana Ruiz" and sample_store.actor == "Ana Ruiz"
    assert load_settings().user == "Ana Ruiz"  # saved for the next start


async def test_changes_by_a_non_signer_need_no_sign_off(sample_store: Store, make_app) -> None:
    sample_store.db.actor = "Cara Lind"
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DecisionForm)  # no question: rejecting is anyone's job
        await pilot.press(*"Stale numbers", "ctrl+s")
        await pilot.pause()
        assert decisions(sample_store, 3) == [("Cara Lind", "rejected", "Stale numbers")]


async def test_u_changes_who_is_acting(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, IdentityScreen)
        await pilot.press("down", "down", "down", "enter")  # Ana, Ben, Cara, Dev
        await pilot.pause()
        assert app.user == "Dev Patel"
        assert "deciding as Dev Patel" in str(app.screen.query_one("#filters", Static).render())
        await pilot.press("j", "n", *"No", "ctrl+s")
        await pilot.pause()
        assert decisions(sample_store, 2) == [("Dev Patel", "rejected", "No")]
    assert load_settings().user == "Dev Patel"


async def test_last_pending_returns_to_the_queue(sample_store: Store, make_app) -> None:
    sample_store.db.actor = "Cara Lind"
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("o")  # workflow filter: support only has #5 pending
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickScreen)
        labels = [label for label, _ in picker.options]
        index = labels.index("Customer support drafting and triage")
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        assert keys(app) == ["5"]
        await pilot.press("enter", "y")
        await pilot.pause()
        assert isinstance(app.screen, DecisionForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert status(sample_store, 5) == "approved"
        assert isinstance(app.screen, ReviewScreen)
        assert keys(app) == []
        assert any("No pending items left" in m for m in messages(app))


async def test_filters_status_signoff_and_title(sample_store: Store, make_app) -> None:
    added = queue_reporting(sample_store, "Monthly numbers", "draft")
    new = str(added.id)
    ticket_4866 = str(
        sample_store.db.scalar("SELECT id FROM review_items WHERE title LIKE 'Ticket 4866%'")
    )
    approved = [
        str(i.id) for i in sample_store.reviews.page(ReviewFilter(status="approved"), limit=1000)
    ]
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        assert keys(app) == ["3", "2", "5", new]
        await pilot.press("s")  # needs sign-off only
        await pilot.pause()
        assert keys(app) == ["3", "2", "5"]
        await pilot.press("s", "f")  # back to any; status approved
        await pilot.pause()
        assert sorted(keys(app), key=int) == sorted(approved, key=int)
        await pilot.press("f", "f", "f")  # changes requested, rejected, all
        await pilot.pause()
        assert keys(app)[:4] == ["3", "2", "5", new]  # pending first
        await pilot.press("slash", *"login")
        await pilot.pause()
        assert sorted(keys(app), key=int) == ["5", ticket_4866]
        assert "2 shown" in str(app.screen.query_one("#filters", Static).render())


async def test_flagged_item_shows_in_queue_and_detail(sample_store: Store, make_app) -> None:
    item = queue_reporting(
        sample_store, "Leaky summary", "Summary.\nAuthorization: Bearer abcdef1234567890abcdef1234"
    )
    assert item.data_flags and item.data_flags[0].startswith("credentials: ")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        table = app.screen.query_one(PagedTable)
        row = table.get_row(str(item.id))
        assert "credentials" in str(row[-1])
        await pilot.press("G", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDetailScreen) and app.screen.item_id == item.id
        flags = str(app.screen.query_one("#detail-flags", Static).render())
        assert "credentials: bearer_token, output line 2" in flags


async def test_detail_shows_rule_signoff_prompt_and_history(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("f", "f")  # changes requested: #4
        await pilot.pause()
        screen = await open_form(pilot, "enter", ReviewDetailScreen)
        assert screen.item_id == 4
        rule = str(screen.query_one("#detail-rule", Static).render())
        assert "review rule always" in rule and "sign-off Cara Lind" in rule
        meta = str(screen.query_one("#detail-meta", Static).render())
        assert "support-triage v1" in meta  # v2 forbade refund promises after it
        history = str(screen.query_one("#detail-history", Static).render())
        assert "Cara Lind" in history and "Do not promise a refund" in history
        assert "42% rewritten" in history and "refund policy is linked below" in history


async def test_long_output_is_shown_in_part_and_scrolls(sample_store: Store, make_app) -> None:
    output = "".join(f"Paragraph {i}: the numbers were steady.\n\n" for i in range(20_000))
    item = queue_reporting(sample_store, "Very long report", output)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("G", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewDetailScreen) and screen.item_id == item.id
        note = str(screen.query_one("#output-note", Static).render())
        assert f"the first 100,000 of {len(output):,} characters" in note
        scroll = screen.query_one("#output-text", TextArea)
        assert scroll.text == output[:100_000]
        assert app.focused is scroll
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0
