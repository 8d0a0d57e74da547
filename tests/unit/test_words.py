"""Counted nouns and the Change log's query: small rules every screen shares."""

from __future__ import annotations

import pytest

from aiops_tui.domain.filters import ChangeQuery
from aiops_tui.domain.words import plural, plural_of


@pytest.mark.parametrize(
    ("noun", "many"),
    [
        ("workflow", "workflows"),
        ("entry", "entries"),
        ("day", "days"),
        ("key", "keys"),
        ("boy", "boys"),
        ("guy", "guys"),
        ("toy", "toys"),
        ("quay", "quays"),
        ("class", "classes"),
        ("box", "boxes"),
        ("batch", "batches"),
        ("wish", "wishes"),
        ("person", "people"),
        ("review item", "review items"),
        ("data class", "data classes"),
        ("sign-off person", "sign-off people"),
        ("open query", "open queries"),
        ("their sign-off person", "their sign-off people"),
    ],
)
def test_plural_of(noun: str, many: str) -> None:
    assert plural_of(noun) == many


def test_only_the_last_word_of_a_noun_changes_spacing_and_all() -> None:
    assert plural_of("review  item") == "review  items"
    assert plural_of("data\tclass") == "data\tclasses"


def test_plural_counts() -> None:
    assert plural(1, "workflow") == "1 workflow"
    assert plural(0, "workflow") == "0 workflows"
    assert plural(2, "entry") == "2 entries"
    assert plural(3, "criterion", "criteria") == "3 criteria"
    assert plural(1, "criterion", "criteria") == "1 criterion"


def test_change_query_reads_its_terms() -> None:
    query = ChangeQuery.parse("workflow:support who:ana KIND:Decision late reply")
    assert query == ChangeQuery(workflow="support", who="ana", kind="decision", text="late reply")
    assert ChangeQuery.parse("person:ben").who == "ben"
    assert ChangeQuery.parse("who:ana person:ben").who == "ana"
    assert ChangeQuery.parse("words only") == ChangeQuery(text="words only")


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "workflow", "1 workflow"),
        (0, "workflow", "0 workflows"),
        (2, "active workflow", "2 active workflows"),
        (1, "completion", "1 completion"),
        (3, "metric entry", "3 metric entries"),
        (2, "person", "2 people"),
        (-1, "day", "-1 days"),
    ],
)
def test_counted_nouns(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


def test_an_irregular_plural_can_be_given() -> None:
    assert plural(2, "criterion", "criteria") == "2 criteria"
    assert plural(1, "criterion", "criteria") == "1 criterion"


@pytest.mark.parametrize(
    ("old", "now"),
    [
        ("tools: +2 -0", "tools: 2 added"),
        ("tools: +1 -1", "tools: 1 added, 1 removed"),
        ("workflows: +0 -3", "workflows: 3 removed"),
        ("tools: +0 -0", "tools: unchanged"),
        (
            "support-triage: production v1 -> v2 (better review results)",
            "support-triage: production label: v1 → v2, why: better review results",
        ),
        ("sales-followup: staging v- -> v3", "sales-followup: staging label: set to v3"),
        (
            "added tool ChatGPT Team (chat, 30.00/month)",
            "added tool ChatGPT Team (chat, 30.00/month)",
        ),
        ("tools: +1 -0 and more", "tools: +1 -0 and more"),
    ],
)
def test_old_change_log_lines_read_in_todays_words(old: str, now: str) -> None:
    from aiops_tui.domain.words import reworded

    assert reworded(old) == now


def test_an_old_line_is_reworded_when_read_but_stays_stored(store) -> None:  # type: ignore[no-untyped-def]
    store.db.conn.execute(
        "INSERT INTO change_events (at, who, entity, entity_id, action, summary)"
        " VALUES ('2026-01-01T00:00:00', 'me', 'workflow', 1, 'tools', 'tools: +1 -0')"
    )
    event = store.changes.recent(limit=1)[0]
    assert event.summary == "tools: 1 added"
    assert store.db.scalar("SELECT summary FROM change_events ORDER BY id DESC") == "tools: +1 -0"
