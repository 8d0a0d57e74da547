"""Label moves through the Store: production, rollback, the history and who moved it."""

from __future__ import annotations

import pytest

from aiops_tui.domain.models import Prompt
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store

ALL = ["note", "tried", "reviewer"]


def _prompt(store: Store, versions: int = 3) -> int:
    prompt, _ = store.prompts.create(Prompt(name="reply"), "body 1")
    pid = prompt.id or 0
    for number in range(2, versions + 1):
        store.prompts.add_version(pid, f"body {number}", f"v{number}")
    return pid


def test_a_label_move_is_stored_returned_and_logged(store: Store) -> None:
    pid = _prompt(store)
    move = store.prompts.move_label(pid, "  Staging ", 2, "  try it  ", who="Ben")
    assert (move.prompt_id, move.label, move.from_version, move.to_version) == (
        pid,
        "staging",
        None,
        2,
    )
    assert (move.who, move.why, move.moved_at) == ("Ben", "try it", store.clock())
    assert move.id is not None
    assert store.prompts.labels(pid) == {"staging": 2}
    [kept] = store.prompts.label_history(pid)
    assert (kept.id, kept.label, kept.from_version, kept.to_version, kept.who, kept.why) == (
        move.id,
        "staging",
        None,
        2,
        "Ben",
        "try it",
    )
    event = store.changes.recent(1)[0]
    assert (event.entity, event.entity_id, event.action, event.who) == (
        "prompt",
        pid,
        "label",
        "Ben",
    )
    assert event.summary == "reply: staging label: set to v2, why: try it"


def test_a_move_without_who_is_the_acting_person_and_without_why_says_nothing(
    store: Store,
) -> None:
    pid = _prompt(store)
    move = store.prompts.move_label(pid, "production", 1)
    assert (move.who, move.why) == (store.actor, "")
    assert store.changes.recent(1)[0].summary == "reply: production label: set to v1"
    assert store.changes.recent(1)[0].who == store.actor


def test_moving_production_back_is_a_rollback_and_forward_is_not(store: Store) -> None:
    pid = _prompt(store)
    store.prompts.move_label(pid, "production", 2)
    store.prompts.move_label(pid, "production", 3)
    assert store.changes.recent(1)[0].action == "label"
    store.prompts.move_label(pid, "production", 1, "v3 rambles")
    event = store.changes.recent(1)[0]
    assert (event.action, event.summary) == (
        "rollback",
        "reply: production label: v3 → v1, why: v3 rambles",
    )


def test_a_label_already_there_is_refused(store: Store) -> None:
    pid = _prompt(store)
    store.prompts.move_label(pid, "production", 2)
    with pytest.raises(StoreError, match="^production already points at v2$"):
        store.prompts.move_label(pid, "production", 2)
    assert len(store.prompts.label_history(pid)) == 1


@pytest.mark.parametrize("label", ["", "  ", "two words", "x" * 41, "a/b", "prod!"])
def test_a_label_must_be_one_short_word(store: Store, label: str) -> None:
    pid = _prompt(store)
    with pytest.raises(StoreError, match="^a label is one word of letters, digits, - or _"):
        store.prompts.move_label(pid, label, 1)


@pytest.mark.parametrize("label", ["x" * 40, "pre-prod", "canary_2", "A1"])
def test_labels_of_letters_digits_dash_and_underscore_are_kept(store: Store, label: str) -> None:
    pid = _prompt(store)
    assert store.prompts.move_label(pid, label, 1).label == label.lower()


def test_a_missing_prompt_or_version_is_refused(store: Store) -> None:
    pid = _prompt(store)
    with pytest.raises(StoreError, match="^that prompt no longer exists$"):
        store.prompts.move_label(pid + 1, "production", 1)
    with pytest.raises(StoreError, match="^reply has no version 4$"):
        store.prompts.move_label(pid, "production", 4)


def test_promotion_to_the_same_version_is_not_a_rollback(store: Store) -> None:
    """Only an older version is a rollback; re-promoting the current one is refused as a no-op."""
    pid = _prompt(store)
    store.prompts.promote(pid, 2, ALL)
    with pytest.raises(StoreError, match="already points at v2"):
        store.prompts.promote(pid, 2, ALL)


def test_promote_records_who_and_the_checklist(store: Store) -> None:
    pid = _prompt(store)
    move = store.prompts.promote(pid, 2, ALL, who="Ben")
    assert (move.who, move.why, move.label) == ("Ben", "checklist ticked", "production")
    assert store.changes.recent(1)[0].who == "Ben"
    rollback = store.prompts.promote(pid, 1, ALL, reason="too long")
    assert rollback.who == store.actor
    assert rollback.why == "rollback: too long; checklist ticked"


def test_promote_refuses_an_unknown_checklist_line(store: Store) -> None:
    pid = _prompt(store)
    with pytest.raises(StoreError, match="^unknown checklist line: vibes$"):
        store.prompts.promote(pid, 2, [*ALL, "vibes"])
    assert store.prompts.labels(pid) == {}
