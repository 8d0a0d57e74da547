"""The `/` filter language and the LIKE pattern it becomes; which way each metric kind is better."""

from __future__ import annotations

import pytest

from aiops_tui.domain.filters import ParsedFilter, like_pattern, parse_filter
from aiops_tui.domain.metric_kinds import kind_direction
from aiops_tui.domain.models import Direction, MetricKind

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


@pytest.mark.parametrize(
    ("kind", "direction"),
    [
        (MetricKind.REWORK_COUNT, Direction.LOWER),
        (MetricKind.COST, Direction.LOWER),
        (MetricKind.TIME_SAVED_MINUTES, Direction.HIGHER),
        (MetricKind.QUALITY_SCORE, Direction.HIGHER),
        (MetricKind.THROUGHPUT, Direction.HIGHER),
        (MetricKind.ADOPTION_PCT, Direction.HIGHER),
    ],
)
def test_each_metric_kind_has_its_natural_direction(kind: MetricKind, direction: Direction) -> None:
    assert kind_direction(str(kind)) == direction
