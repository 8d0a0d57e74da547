"""The review policy's rules, each one pure function in domain/policy.py."""

from __future__ import annotations

from aiops_tui.domain.policy import (
    forbidden_data,
    forbidden_data_problem,
    policy_gap,
    requires_review,
    review_reasons,
    signed_off,
)


def test_customer_facing_or_high_risk_needs_review() -> None:
    assert requires_review(True, "low")
    assert requires_review(False, "high")
    assert not requires_review(False, "medium")


def test_review_reasons_name_every_reason_in_one_wording() -> None:
    assert review_reasons(True, "high") == ["customer-facing", "high-risk"]
    assert review_reasons(False, "high") == ["high-risk"]
    assert review_reasons(False, "low") == []


def test_signed_off_needs_always_and_a_person() -> None:
    assert signed_off("always", 3)
    assert not signed_off("always", None)
    assert not signed_off("sample:20", 3)


def test_policy_gap_says_what_is_missing() -> None:
    assert policy_gap(False, "high", "none", None) == (
        "high-risk: review rule is none, no sign-off person"
    )
    assert policy_gap(True, "low", "always", None) == "customer-facing: no sign-off person"
    assert policy_gap(True, "high", "always", 4) == ""
    assert policy_gap(False, "low", "none", None) == ""


def test_forbidden_data_is_named_with_the_way_out() -> None:
    policies = {"credentials": "forbidden", "public": "allowed"}
    assert forbidden_data(["public", "credentials"], policies) == ["credentials"]
    assert forbidden_data_problem(["public", "credentials"], policies) == (
        "the data policy forbids AI use of credentials; remove it from allowed data"
    )
    assert forbidden_data_problem(["public"], policies) == ""
