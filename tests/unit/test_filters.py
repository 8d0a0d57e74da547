"""The `/` filter language and the LIKE pattern it becomes."""

from __future__ import annotations

from aiops_tui.domain.filters import ParsedFilter, like_pattern, parse_filter

KEYS = frozenset({"status", "owner"})


def test_known_terms_are_split_from_the_free_text() -> None:
    parsed = parse_filter('Status:live owner:"Ana Ruiz" support  drafts', KEYS)
    assert parsed == ParsedFilter(
        terms={"status": "live", "owner": "Ana Ruiz"}, text="support drafts"
    )
    assert not parsed.empty


def test_unknown_keys_and_empty_values_stay_in_the_text() -> None:
    assert parse_filter("area:sales status: x", KEYS) == ParsedFilter({}, "area:sales status: x")


def test_a_value_may_hold_a_colon() -> None:
    assert parse_filter("owner:a:b", KEYS) == ParsedFilter({"owner": "a:b"}, "")


def test_an_unbalanced_quote_falls_back_to_splitting_on_spaces() -> None:
    assert parse_filter('status:live "open quote', KEYS) == ParsedFilter(
        {"status": "live"}, '"open quote'
    )


def test_an_empty_query_is_empty() -> None:
    assert parse_filter("   ", KEYS).empty
    assert ParsedFilter().empty
    assert not ParsedFilter(terms={"status": "live"}).empty
    assert not ParsedFilter(text="x").empty


def test_like_pattern_escapes_its_wildcards() -> None:
    assert like_pattern("50%_off\\now") == "%50\\%\\_off\\\\now%"
    assert like_pattern("") == "%%"


def test_words_match_needs_every_word_in_some_field_any_case() -> None:
    from aiops_tui.domain.filters import words_match

    assert words_match("", "anything")
    assert words_match("  ", None)
    assert words_match("ana", "Ana Ruiz", None)
    assert words_match("ruiz example", "Ana Ruiz", "ana@example.com")
    assert not words_match("ruiz bank", "Ana Ruiz", "ana@example.com")
    assert not words_match("ana", None, "")


def test_people_load_filters_by_name_or_email_in_sql(sample_store) -> None:  # type: ignore[no-untyped-def]
    everyone = sample_store.people.load()
    assert len(everyone) > 2
    found = sample_store.people.load(words="CARA")
    assert [p.name for p, _ in found] == ["Cara Lind"]
    assert sample_store.people.load(words="%") == []  # LIKE's wildcard is a plain character
    both = sample_store.people.load(words="a r")
    assert all("a" in p.name.lower() and "r" in (p.name + (p.email or "")).lower() for p, _ in both)
