"""One plural helper for every counted noun: no "1 workflows"."""

from __future__ import annotations

import pytest

from aiops_tui.domain.words import plural


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "workflow", "1 workflow"),
        (0, "workflow", "0 workflows"),
        (2, "active workflow", "2 active workflows"),
        (1, "completion", "1 completion"),
        (3, "metric entry", "3 metric entries"),
        (2, "day", "2 days"),
        (2, "person", "2 people"),
        (2, "match", "2 matches"),
        (-1, "day", "-1 days"),
    ],
)
def test_plural(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


def test_an_irregular_plural_can_be_given() -> None:
    assert plural(2, "criterion", "criteria") == "2 criteria"
    assert plural(1, "criterion", "criteria") == "1 criterion"
