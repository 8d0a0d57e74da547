"""Priority: how often, how structured and how valuable a workflow is, as one number."""

from __future__ import annotations

from aiops_tui.domain.scoring import PriorityParts, priority_score


def test_a_frequency_of_zero_gives_priority_zero() -> None:
    assert priority_score(0, 3, 4) == 0
    assert PriorityParts(0, 5, 5).score == 0


def test_a_negative_frequency_counts_as_zero() -> None:
    assert priority_score(-4, 3, 4) == 0


def test_priority_is_the_product_of_the_three_parts() -> None:
    assert priority_score(1, 1, 1) == 1
    assert priority_score(20, 4, 5) == 400
    assert priority_score(7, 2, 3) == 42


def test_the_explanation_shows_each_part_and_the_score() -> None:
    assert PriorityParts(20, 4, 5).explain() == "20/mo x structure 4 x value 5 = 400"
