"""Outcome figures' small rules: which series count as minutes or adoption, how values read."""

from __future__ import annotations

import pytest

from aiops_tui.domain.outcomes import is_adoption, is_minutes, with_unit


@pytest.mark.parametrize(
    ("unit", "minutes"),
    [("minutes", True), ("  Min/week", True), ("min", True), ("hours", False), ("admin", False)],
)
def test_minutes_are_a_unit_starting_with_min(unit: str, minutes: bool) -> None:
    assert is_minutes(unit) is minutes


@pytest.mark.parametrize(
    ("name", "adoption"),
    [("Adoption", True), ("Team ADOPTION rate", True), ("Adopted", False), ("", False)],
)
def test_adoption_is_a_series_named_for_it(name: str, adoption: bool) -> None:
    assert is_adoption(name) is adoption


def test_values_read_with_their_unit() -> None:
    assert with_unit(72, "%") == "72%"
    assert with_unit(190, " minutes/week ") == "190 minutes/week"
    assert with_unit(4.5, "  ") == "4.5"
    assert with_unit(0.25, "") == "0.25"
