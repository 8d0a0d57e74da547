"""The sign-off rule: who may approve an item that needs sign-off."""

from __future__ import annotations

import pytest

from aiops_tui.domain.signoff import approval_refusal, same_person


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Ana Ruiz", "Ana Ruiz", True),
        ("ana ruiz", "Ana Ruiz", True),
        ("  Ana Ruiz ", "ANA RUIZ", True),
        ("Straße", "STRASSE", True),  # casefold, not lower
        ("Ana Ruiz", "Ana Ruis", False),
        ("", "", False),  # nobody is not somebody
        (None, "", False),
        ("  ", "  ", False),
    ],
)
def test_same_person_is_trimmed_and_case_blind(
    first: str | None, second: str | None, same: bool
) -> None:
    assert same_person(first, second) is same


def test_no_signoff_needed_anyone_approves() -> None:
    assert approval_refusal(False, None, "Cara Lind") is None
    assert approval_refusal(False, "Ana Ruiz", "Cara Lind") is None


def test_the_signoff_person_approves_however_typed() -> None:
    assert approval_refusal(True, "Ana Ruiz", "Ana Ruiz") is None
    assert approval_refusal(True, "Ana Ruiz", " ana ruiz ") is None


def test_someone_else_is_refused_with_who_may() -> None:
    assert approval_refusal(True, "Ana Ruiz", "Cara Lind") == (
        "only Ana Ruiz, the workflow's sign-off person, can approve this item"
    )


@pytest.mark.parametrize("signer", [None, "", "   "])
def test_nobody_named_refuses_everyone(signer: str | None) -> None:
    refusal = approval_refusal(True, signer, "Ana Ruiz")
    assert refusal == "this item needs sign-off but its workflow names no sign-off person"


@pytest.mark.parametrize("typed", ["Ana Ruiz", "XXXX", "None", "-"])
def test_a_missing_name_is_nobody_whatever_the_other_reads(typed: str) -> None:
    """No sign-off person (None or empty) matches no one, on either side."""
    for nobody in (None, "", " "):
        assert not same_person(nobody, typed)
        assert not same_person(typed, nobody)
